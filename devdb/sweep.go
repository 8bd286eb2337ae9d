package devdb

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

const (
	// tempPrefix names the temporary directories of throwaway clusters.
	tempPrefix = "plinth-devdb-"
	// ownerFile records the pid of the process that created a temporary
	// cluster directory.
	ownerFile = "owner.pid"
)

// sweepStale removes temporary cluster directories whose creating process
// and server are both gone (a test binary that was killed cannot clean up
// after itself; its server died with it, its directory did not).
func sweepStale() {
	dirs, _ := filepath.Glob(filepath.Join(tempBase(), tempPrefix+"*"))
	for _, dir := range dirs {
		raw, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // not ours, or still being created
		}
		owner, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil || processAlive(owner) {
			continue
		}
		if pid, _, _, ok := readPostmasterPID(filepath.Join(dir, "data")); ok && processAlive(pid) && isPostgres(pid) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}

// tempBase is where throwaway clusters live: PLINTH_DEVDB_TMPDIR, else
// /dev/shm when it is a writable memory file system (file creation there is
// an order of magnitude faster than on most disks, and CREATE DATABASE
// creates hundreds of files), else the system temporary directory.
func tempBase() string {
	if dir := os.Getenv("PLINTH_DEVDB_TMPDIR"); dir != "" {
		return dir
	}
	var st syscall.Statfs_t
	const tmpfsMagic = 0x01021994
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Type == tmpfsMagic && syscall.Access("/dev/shm", 0o7) == nil {
		return "/dev/shm"
	}
	return os.TempDir()
}
