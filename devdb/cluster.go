package devdb

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Config says where and how to run a cluster. The zero value is a
// throwaway cluster in a new temporary directory, on a Unix socket only.
type Config struct {
	// Dir is the cluster's directory (it holds data/, sock/ and server.log).
	// Empty means a new temporary directory that Stop removes. A directory
	// given here is never removed by devdb.
	Dir string
	// BinDir holds initdb, pg_ctl and postgres. Empty means FindBinDir.
	BinDir string
	// User is the OS user that runs the server when this process is root
	// (initdb refuses root). Empty means PLINTH_DEVDB_USER, else "postgres".
	User string
	// Port is the server's port. With TCP off it only names the socket file
	// and defaults to 5432; with TCP on, 0 picks a free port.
	Port int
	// TCP makes the server listen on 127.0.0.1 as well as on its socket.
	TCP bool
	// Detached starts the server through pg_ctl so that it outlives this
	// process (plinth dev up). Start then reuses a server already running
	// on Dir. Without it the server is this process's child and dies with it.
	Detached bool
}

// Cluster is a running PostgreSQL server started by devdb.
type Cluster struct {
	cfg     Config
	binDir  string
	major   string
	user    *runAs
	dir     string // the directory the caller named or devdb created
	runDir  string // where data/ and server.log live: dir, or a reachable stand-in
	dataDir string
	sockDir string
	logPath string
	port    int
	ownsDir bool // devdb created dir and removes it on Stop

	proc    *os.Process   // the postmaster, when started as a child
	exited  chan struct{} // closed when proc has exited
	stopMu  sync.Mutex    // guards stopped
	stopped bool
}

// superuser is the database role initdb creates; devdb connects as it.
const superuser = "postgres"

// startTimeout bounds how long Start waits for the server to accept connections.
const startTimeout = 60 * time.Second

// Start initializes (when needed) and starts a cluster. The returned
// cluster accepts connections; Stop shuts it down.
func Start(ctx context.Context, cfg Config) (*Cluster, error) {
	c := &Cluster{cfg: cfg, binDir: cfg.BinDir}
	if c.binDir == "" {
		dir, err := FindBinDir()
		if err != nil {
			return nil, err
		}
		c.binDir = dir
	}
	var err error
	if c.user, err = serverUser(cfg.User); err != nil {
		return nil, err
	}
	if c.major, err = serverMajor(ctx, c.binDir); err != nil {
		return nil, err
	}
	if err := c.prepareDirs(); err != nil {
		return nil, err
	}
	running, err := c.checkExisting()
	if err != nil {
		c.cleanupFailed()
		return nil, err
	}
	if running {
		return c, nil
	}
	if err := c.choosePort(); err != nil {
		c.cleanupFailed()
		return nil, err
	}
	if cfg.Detached {
		err = c.startDetached(ctx)
	} else {
		err = c.startChild()
	}
	if err == nil {
		err = c.waitReady(ctx)
	}
	if err != nil {
		_ = c.Stop()
		c.cleanupFailed()
		return nil, err
	}
	return c, nil
}

// prepareDirs creates the cluster's directories, owned by the server user.
func (c *Cluster) prepareDirs() error {
	if c.cfg.Dir == "" {
		sweepStale()
		dir, err := os.MkdirTemp(tempBase(), tempPrefix)
		if err != nil {
			return fmt.Errorf("devdb: creating a temporary cluster directory: %w", err)
		}
		c.dir, c.ownsDir = dir, true
		if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
			return fmt.Errorf("devdb: %w", err)
		}
	} else {
		dir, err := filepath.Abs(c.cfg.Dir)
		if err != nil {
			return fmt.Errorf("devdb: cluster directory %q: %w", c.cfg.Dir, err)
		}
		c.dir = dir
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("devdb: cannot create cluster directory %s: %w; choose another directory or fix its permissions", dir, err)
		}
		if err := checkWritable(dir); err != nil {
			return err
		}
	}
	// When the server user cannot traverse to dir (for example a checkout
	// under /root), the server's files live in a directory it can reach.
	c.runDir = c.user.runDirFor(c.dir)
	if c.runDir != c.dir {
		if _, err := os.Stat(filepath.Join(c.dir, "data")); err == nil {
			return fmt.Errorf("devdb: user %s cannot reach %s (a parent directory is not searchable by it): "+
				"make the path searchable (chmod o+x) or move the cluster directory", c.userName(), filepath.Join(c.dir, "data"))
		}
	}
	c.dataDir = filepath.Join(c.runDir, "data")
	c.logPath = filepath.Join(c.runDir, "server.log")
	c.sockDir = filepath.Join(c.runDir, "sock")
	if len(c.sockDir)+len("/.s.PGSQL.65535") > 100 { // sun_path holds 107 bytes
		c.sockDir = filepath.Join(os.TempDir(), "plinth-sock-"+shortHash(c.dir))
	}
	for _, d := range []string{c.runDir, c.sockDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("devdb: cannot create %s: %w; choose another directory or fix its permissions", d, err)
		}
		if err := c.user.chown(d); err != nil {
			return err
		}
	}
	return nil
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".plinth-write-test-")
	if err != nil {
		return fmt.Errorf("devdb: cluster directory %s is not writable: %w; choose another directory or fix its permissions", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// checkExisting inspects dataDir. It initializes a new cluster when there is
// none, refuses a directory it cannot use, removes a stale postmaster.pid,
// and reports whether a server is already running there.
func (c *Cluster) checkExisting() (running bool, err error) {
	versionFile := filepath.Join(c.dataDir, "PG_VERSION")
	raw, err := os.ReadFile(versionFile)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if entries, _ := os.ReadDir(c.dataDir); len(entries) > 0 {
			return false, fmt.Errorf("devdb: %s is not empty and is not a PostgreSQL data directory; plinth will not touch it: choose another directory", c.dataDir)
		}
		return false, c.initdb()
	case err != nil:
		return false, fmt.Errorf("devdb: reading %s: %w", versionFile, err)
	}
	if v := strings.TrimSpace(string(raw)); v != c.major {
		return false, fmt.Errorf("devdb: %s holds a PostgreSQL %s cluster, but the binaries in %s are PostgreSQL %s: "+
			"set PLINTH_PG_BIN to PostgreSQL %s binaries, or, if its data is disposable, remove %s yourself (plinth never deletes a data directory it did not create)",
			c.dataDir, v, c.binDir, c.major, v, c.dataDir)
	}
	pid, port, sock, ok := readPostmasterPID(c.dataDir)
	if !ok {
		return false, nil
	}
	if processAlive(pid) && isPostgres(pid) {
		if !c.cfg.Detached {
			return false, fmt.Errorf("devdb: a PostgreSQL server (pid %d) is already running on %s: stop it first (plinth dev down)", pid, c.dataDir)
		}
		c.port, c.sockDir = port, sock
		c.cfg.TCP = c.cfg.TCP || listensOnTCP(c.dataDir)
		return true, nil
	}
	// A lock file left by a server that crashed or was killed; postgres
	// would refuse to start if its pid now belongs to another process.
	if err := os.Remove(filepath.Join(c.dataDir, "postmaster.pid")); err != nil {
		return false, fmt.Errorf("devdb: removing stale %s/postmaster.pid (pid %d is not a running server): %w", c.dataDir, pid, err)
	}
	return false, nil
}

func (c *Cluster) initdb() error {
	if err := os.MkdirAll(c.dataDir, 0o700); err != nil {
		return fmt.Errorf("devdb: cannot create %s: %w", c.dataDir, err)
	}
	if err := c.user.chown(c.dataDir); err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(c.binDir, "initdb"),
		"-D", c.dataDir, "-U", superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	c.asServerUser(cmd)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("devdb: initdb %s failed: %w\n%s", c.dataDir, err, lastLines(out, 15))
	}
	return nil
}

func (c *Cluster) asServerUser(cmd *exec.Cmd) {
	cmd.Dir = c.runDir
	if cred := c.user.credential(); cred != nil {
		if cmd.SysProcAttr == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{}
		}
		cmd.SysProcAttr.Credential = cred
	}
}

func (c *Cluster) choosePort() error {
	switch {
	case !c.cfg.TCP && c.cfg.Port == 0:
		c.port = 5432 // only names the socket file, which is private
	case c.cfg.TCP && c.cfg.Port == 0:
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("devdb: finding a free TCP port: %w", err)
		}
		c.port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	default:
		c.port = c.cfg.Port
		if c.cfg.TCP {
			l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)))
			if err != nil {
				return fmt.Errorf("devdb: port %d is in use on 127.0.0.1: choose another port, or leave it unset to pick a free one", c.port)
			}
			l.Close()
		}
	}
	return nil
}

// serverArgs are the postgres options: private socket, and the durability
// settings a throwaway database does not need.
func (c *Cluster) serverArgs() []string {
	listen := ""
	if c.cfg.TCP {
		listen = "127.0.0.1"
	}
	return []string{
		"-c", "listen_addresses=" + listen,
		"-c", "port=" + strconv.Itoa(c.port),
		"-c", "unix_socket_directories=" + c.sockDir,
		"-c", "fsync=off",
		"-c", "full_page_writes=off",
		"-c", "synchronous_commit=off",
		"-c", "max_connections=300",
	}
}

// startChild runs the postmaster as a child that dies with this process:
// PR_SET_PDEATHSIG delivers SIGQUIT (immediate shutdown) when the thread
// that started it ends, so that thread is locked and kept for the server's
// whole life.
func (c *Cluster) startChild() error {
	logf, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("devdb: opening server log: %w", err)
	}
	_ = c.user.chown(c.logPath)
	started := make(chan error, 1)
	c.exited = make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread must outlive the server
		defer close(c.exited)
		defer logf.Close()
		cmd := exec.Command(filepath.Join(c.binDir, "postgres"), append([]string{"-D", c.dataDir}, c.serverArgs()...)...)
		cmd.Stdout, cmd.Stderr = logf, logf
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGQUIT, Setpgid: true}
		c.asServerUser(cmd)
		if err := cmd.Start(); err != nil {
			started <- fmt.Errorf("devdb: starting postgres: %w", err)
			return
		}
		c.proc = cmd.Process
		started <- nil
		_ = cmd.Wait()
	}()
	return <-started
}

// startDetached starts the server through pg_ctl, in its own session, so
// that it outlives this process.
func (c *Cluster) startDetached(ctx context.Context) error {
	opts := make([]string, 0, 16)
	for _, a := range c.serverArgs() {
		opts = append(opts, shellQuote(a))
	}
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, "pg_ctl"), "start", "-w", "-s", "-t", "60",
		"-D", c.dataDir, "-l", c.logPath, "-o", strings.Join(opts, " "))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	c.asServerUser(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		return c.explainStartFailure(fmt.Errorf("pg_ctl start: %w: %s", err, bytes.TrimSpace(out)))
	}
	return nil
}

// waitReady polls until the server accepts a connection.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	for {
		conn, err := pgconn.Connect(ctx, c.URL("postgres"))
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-c.exited: // nil channel for detached servers: never ready here
			return c.explainStartFailure(errors.New("postgres exited during startup"))
		case <-ctx.Done():
			return c.explainStartFailure(fmt.Errorf("server not ready after %s: %w", startTimeout, err))
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// explainStartFailure turns a failed start into an error that quotes the
// server log and, where it can, says what to do.
func (c *Cluster) explainStartFailure(err error) error {
	tail, _ := os.ReadFile(c.logPath)
	log := lastLines(tail, 15)
	hint := ""
	switch {
	case bytes.Contains(tail, []byte("could not bind")) || bytes.Contains(tail, []byte("Address already in use")):
		hint = fmt.Sprintf("\nport %d is in use: choose another port", c.port)
	case bytes.Contains(tail, []byte("Permission denied")):
		hint = fmt.Sprintf("\nuser %s cannot use %s: fix its permissions or choose another directory", c.userName(), c.runDir)
	case bytes.Contains(tail, []byte("lock file")):
		hint = fmt.Sprintf("\nanother server holds %s: stop it first", c.dataDir)
	}
	return fmt.Errorf("devdb: starting PostgreSQL in %s: %w%s\nserver log (%s):\n%s", c.dataDir, err, hint, c.logPath, log)
}

func (c *Cluster) userName() string {
	if c.user == nil {
		return "the current user"
	}
	return c.user.name
}

// Stop shuts the server down (fast mode: sessions are ended) and, for a
// temporary cluster, removes its directory. Stop is safe to call twice.
func (c *Cluster) Stop() error {
	c.stopMu.Lock()
	defer c.stopMu.Unlock()
	if c.stopped {
		return nil
	}
	c.stopped = true
	var err error
	if c.proc != nil {
		err = c.stopChild()
	} else if c.cfg.Detached {
		cmd := exec.Command(filepath.Join(c.binDir, "pg_ctl"), "stop", "-w", "-s", "-t", "60", "-m", "fast", "-D", c.dataDir)
		c.asServerUser(cmd)
		if out, e := cmd.CombinedOutput(); e != nil {
			err = fmt.Errorf("devdb: pg_ctl stop %s: %w: %s", c.dataDir, e, bytes.TrimSpace(out))
		}
	}
	if c.ownsDir {
		c.removeOwned()
	}
	return err
}

func (c *Cluster) stopChild() error {
	for _, step := range []struct {
		sig  syscall.Signal
		wait time.Duration
	}{{syscall.SIGINT, 20 * time.Second}, {syscall.SIGQUIT, 5 * time.Second}, {syscall.SIGKILL, 5 * time.Second}} {
		_ = c.proc.Signal(step.sig)
		select {
		case <-c.exited:
			return nil
		case <-time.After(step.wait):
		}
	}
	return fmt.Errorf("devdb: postgres (pid %d) did not exit", c.proc.Pid)
}

func (c *Cluster) removeOwned() {
	_ = os.RemoveAll(c.dir)
	if c.runDir != c.dir {
		_ = os.RemoveAll(c.runDir)
	}
	if !strings.HasPrefix(c.sockDir, c.runDir) {
		_ = os.RemoveAll(c.sockDir)
	}
}

// cleanupFailed removes what a failed Start created, never a directory
// devdb did not create.
func (c *Cluster) cleanupFailed() {
	if c.ownsDir {
		c.removeOwned()
	}
}

// URL returns a connection URL for database dbname on this cluster.
func (c *Cluster) URL(dbname string) string {
	if c.cfg.TCP {
		return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", superuser, c.port, url.PathEscape(dbname))
	}
	// One parameter only, so that the URL needs no quoting in a shell
	// (eval "$(plinth dev up)"); the port moves into the authority when it
	// is not the default.
	host := strings.ReplaceAll(url.QueryEscape(c.sockDir), "%2F", "/")
	port := ""
	if c.port != 5432 {
		port = ":" + strconv.Itoa(c.port)
	}
	return fmt.Sprintf("postgres://%s@%s/%s?host=%s", superuser, port, url.PathEscape(dbname), host)
}

// Dir is the cluster's directory.
func (c *Cluster) Dir() string { return c.dir }

// DataDir is the PostgreSQL data directory.
func (c *Cluster) DataDir() string { return c.dataDir }

// LogPath is the server's log file.
func (c *Cluster) LogPath() string { return c.logPath }

// Version is the server's major version, for example "15".
func (c *Cluster) Version() string { return c.major }

// PID is the postmaster's process id, read from its lock file.
func (c *Cluster) PID() int {
	pid, _, _, _ := readPostmasterPID(c.dataDir)
	return pid
}

// Status describes the cluster in dir without starting it: whether a
// server runs there, and its URL when it does.
func Status(dir string) (running bool, url string, err error) {
	c := &Cluster{cfg: Config{Dir: dir, Detached: true}}
	if c.user, err = serverUser(""); err != nil {
		return false, "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false, "", err
	}
	c.dir, c.runDir = abs, c.user.runDirFor(abs)
	c.dataDir = filepath.Join(c.runDir, "data")
	pid, port, sock, ok := readPostmasterPID(c.dataDir)
	if !ok || !processAlive(pid) || !isPostgres(pid) {
		return false, "", nil
	}
	c.port, c.sockDir = port, sock
	c.cfg.TCP = listensOnTCP(c.dataDir)
	return true, c.URL("postgres"), nil
}

// readPostmasterPID reads the lock file a running server keeps in its data
// directory: pid, port and socket directory.
func readPostmasterPID(dataDir string) (pid, port int, sockDir string, ok bool) {
	f, err := os.Open(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0, 0, "", false
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	if len(lines) < 1 {
		return 0, 0, "", false
	}
	pid, err = strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil {
		return 0, 0, "", false
	}
	if len(lines) >= 5 {
		port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
		sockDir = strings.TrimSpace(lines[4])
	}
	return pid, port, sockDir, true
}

// listensOnTCP reports whether the running server in dataDir listens on TCP
// (line 6 of postmaster.pid holds the listen address).
func listensOnTCP(dataDir string) bool {
	raw, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return false
	}
	lines := strings.Split(string(raw), "\n")
	return len(lines) >= 6 && strings.TrimSpace(lines[5]) != ""
}

// processAlive reports whether pid runs; a zombie (exited, not yet reaped
// by a parent that may never reap it) does not count.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return runtime.GOOS != "linux"
	}
	// "pid (comm) S ...": the state follows the last ')'.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z' && stat[i+2] != 'X'
	}
	return true
}

// isPostgres reports whether pid is a postgres process; where /proc is not
// available it assumes so.
func isPostgres(pid int) bool {
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return !errors.Is(err, os.ErrNotExist) || runtime.GOOS != "linux"
	}
	name := strings.TrimSpace(string(comm))
	return name == "postgres" || name == "postmaster"
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
