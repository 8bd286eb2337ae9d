package devdb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// runAs is the unprivileged OS user the server runs as when this process
// is root. A nil *runAs means "run as this process's own user".
type runAs struct {
	name     string
	uid, gid uint32
}

// serverUser resolves the OS user to run initdb and postgres as. initdb
// refuses to run as root, so root needs another user: name, else
// PLINTH_DEVDB_USER, else "postgres".
func serverUser(name string) (*runAs, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	if name == "" {
		name = os.Getenv("PLINTH_DEVDB_USER")
	}
	if name == "" {
		name = "postgres"
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("devdb: running as root, PostgreSQL must run as an unprivileged user (initdb refuses root), but user %q does not exist: "+
			"create it (useradd --system --home /var/lib/postgresql %s, or install the postgresql package, which creates it) or set PLINTH_DEVDB_USER", name, name)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	if uid == 0 {
		return nil, fmt.Errorf("devdb: PLINTH_DEVDB_USER=%s is root; PostgreSQL refuses to run as root: choose an unprivileged user", name)
	}
	return &runAs{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
}

// credential returns the process attributes that run a command as r.
func (r *runAs) credential() *syscall.Credential {
	if r == nil {
		return nil
	}
	return &syscall.Credential{Uid: r.uid, Gid: r.gid}
}

// chown gives path to r; a no-op when r is nil.
func (r *runAs) chown(path string) error {
	if r == nil {
		return nil
	}
	if err := os.Chown(path, int(r.uid), int(r.gid)); err != nil {
		return fmt.Errorf("devdb: giving %s to user %s: %w", path, r.name, err)
	}
	return nil
}

// canReach reports whether r can traverse every ancestor of dir, which the
// server needs to open its data and socket directories.
func (r *runAs) canReach(dir string) bool {
	if r == nil {
		return true
	}
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return false
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return false
		}
		mode := fi.Mode().Perm()
		switch {
		case st.Uid == r.uid:
			if mode&0o100 == 0 {
				return false
			}
		case st.Gid == r.gid:
			if mode&0o010 == 0 {
				return false
			}
		default:
			if mode&0o001 == 0 {
				return false
			}
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

// runDirFor is where the server's files for the cluster directory dir
// live: dir itself when r can reach it, else a directory under the system
// temporary directory named after dir, so that the same dir finds it again.
func (r *runAs) runDirFor(dir string) string {
	if r.canReach(dir) {
		return dir
	}
	return filepath.Join(os.TempDir(), "plinth-run-"+shortHash(dir))
}

// shortHash names a directory derived from path, stable across runs.
func shortHash(path string) string {
	sum := sha256.Sum256([]byte(path))
	return hex.EncodeToString(sum[:6])
}
