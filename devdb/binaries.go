package devdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries reports that no PostgreSQL server binaries were found.
// The error returned by FindBinDir wraps it and says how to install them.
var ErrNoBinaries = errors.New("devdb: PostgreSQL server binaries (initdb, postgres, pg_ctl) not found")

// installHelp is appended to ErrNoBinaries: it says what to do.
const installHelp = `
plinth runs a throwaway PostgreSQL from the machine's own binaries. Install them:
  Debian/Ubuntu:  apt-get install -y postgresql
  Fedora/RHEL:    dnf install -y postgresql-server
  macOS:          brew install postgresql@16
or set PLINTH_PG_BIN to the directory that holds initdb and postgres,
or set DATABASE_URL (PLINTH_TEST_DATABASE_URL for tests) to use an existing server.`

// searchRoots are the directories searched last, newest major version first.
var searchRoots = []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin"}

// FindBinDir returns the directory that holds initdb, pg_ctl and postgres.
// It looks at PLINTH_PG_BIN, then PATH, then `pg_config --bindir`, then the
// newest versioned install directory (such as /usr/lib/postgresql/15/bin).
func FindBinDir() (string, error) {
	if dir := os.Getenv("PLINTH_PG_BIN"); dir != "" {
		if hasServerBinaries(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("%w in PLINTH_PG_BIN=%s%s", ErrNoBinaries, dir, installHelp)
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if dir := filepath.Dir(p); hasServerBinaries(dir) {
			return dir, nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); hasServerBinaries(dir) {
			return dir, nil
		}
	}
	var candidates []string
	for _, pattern := range searchRoots {
		m, _ := filepath.Glob(pattern)
		candidates = append(candidates, m...)
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		return versionInPath(candidates[i]) > versionInPath(candidates[j])
	})
	for _, dir := range candidates {
		if hasServerBinaries(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("%w%s", ErrNoBinaries, installHelp)
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

var digits = regexp.MustCompile(`\d+`)

// versionInPath extracts the major version from a path such as
// /usr/lib/postgresql/15/bin, or 0.
func versionInPath(p string) int {
	n, _ := strconv.Atoi(digits.FindString(p))
	return n
}

// serverMajor returns the major version of the postgres binary in binDir,
// for example "15".
func serverMajor(ctx context.Context, binDir string) (string, error) {
	out, err := exec.CommandContext(ctx, filepath.Join(binDir, "postgres"), "--version").Output()
	if err != nil {
		return "", fmt.Errorf("devdb: running %s --version: %w", filepath.Join(binDir, "postgres"), err)
	}
	// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
	fields := bytes.Fields(out)
	if len(fields) < 3 {
		return "", fmt.Errorf("devdb: unexpected postgres --version output %q", out)
	}
	v := string(fields[2])
	if i := strings.IndexAny(v, ".b"); i > 0 { // 15.18, 17beta1
		v = v[:i]
	}
	return v, nil
}
