package devdb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// helperEnv switches the test binary into one of the helper-process modes
// used by the multi-process tests below.
const helperEnv = "PLINTH_DEVDB_TEST_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(Main(m))
	case "start-and-wait":
		helperStartAndWait()
	case "build-template":
		helperBuildTemplate()
	}
}

// helperStartAndWait starts a cluster, prints its postmaster pid and waits
// to be killed.
func helperStartAndWait() {
	c, err := Start(context.Background(), Config{})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("PID", c.PID(), c.Dir())
	select {}
}

// helperBuildTemplate asks for the template of a shared key and logs each
// build in a table of the maintenance database.
func helperBuildTemplate() {
	ctx := context.Background()
	srv, err := NewServer(os.Getenv(TestURLEnv))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	key, logTable := os.Getenv("KEY"), os.Getenv("LOG_TABLE")
	tpl, err := srv.Template(ctx, key, func(ctx context.Context, conn *pgx.Conn) error {
		admin, err := pgx.Connect(ctx, srv.URL("postgres"))
		if err != nil {
			return err
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "INSERT INTO "+logTable+" VALUES ($1)", os.Getpid()); err != nil {
			return err
		}
		time.Sleep(200 * time.Millisecond) // widen the race window
		_, err = conn.Exec(ctx, "CREATE TABLE built (id int)")
		return err
	})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("TEMPLATE", tpl.Name())
	os.Exit(0)
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestStartStop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := Start(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	pid := c.PID()
	var one int
	if err := connect(t, c.URL("postgres")).QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
	var fsync string
	if err := connect(t, c.URL("postgres")).QueryRow(ctx, "SHOW fsync").Scan(&fsync); err != nil || fsync != "off" {
		t.Fatalf("fsync = %q, %v; want off", fsync, err)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if processAlive(pid) {
		t.Errorf("postmaster %d still running after Stop", pid)
	}
	if _, err := os.Stat(c.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary cluster directory %s not removed: %v", c.Dir(), err)
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestServerRunsUnprivilegedWhenRoot(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only meaningful as root")
	}
	c, err := Start(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.PID()))
	if err != nil {
		t.Fatal(err)
	}
	u, err := serverUser("")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Uid:\t%d\t", u.uid)
	if !strings.Contains(string(status), want) {
		t.Errorf("postmaster status has no %q:\n%s", want, status)
	}
	fi, err := os.Stat(c.DataDir())
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != u.uid {
		t.Errorf("data directory owned by uid %d, want %d", st.Uid, u.uid)
	}
}

func TestDetachedClusterIsReused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "dev")
	first, err := Start(ctx, Config{Dir: dir, Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = first.Stop()
		_ = os.RemoveAll(first.runDir)
	})
	second, err := Start(ctx, Config{Dir: dir, Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	if first.PID() == 0 || first.PID() != second.PID() {
		t.Fatalf("second start has pid %d, first %d: want the same server", second.PID(), first.PID())
	}
	if second.URL("postgres") != first.URL("postgres") {
		t.Errorf("URLs differ: %s vs %s", second.URL("postgres"), first.URL("postgres"))
	}
	running, url, err := Status(dir)
	if err != nil || !running || url != first.URL("postgres") {
		t.Fatalf("Status = %v %q %v; want running at %s", running, url, err, first.URL("postgres"))
	}
	if err := second.Stop(); err != nil {
		t.Fatal(err)
	}
	if running, _, _ := Status(dir); running {
		t.Error("Status says running after Stop")
	}
	if _, err := os.Stat(filepath.Join(first.DataDir(), "PG_VERSION")); err != nil {
		t.Errorf("data directory of a named cluster must survive Stop: %v", err)
	}
}

func TestMissingBinaries(t *testing.T) {
	t.Setenv("PLINTH_PG_BIN", "")
	t.Setenv("PATH", t.TempDir())
	saved := searchRoots
	searchRoots = []string{filepath.Join(t.TempDir(), "*")}
	defer func() { searchRoots = saved }()

	_, err := FindBinDir()
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("FindBinDir error = %v, want ErrNoBinaries", err)
	}
	for _, want := range []string{"apt-get install -y postgresql", "brew install", "DATABASE_URL", "PLINTH_PG_BIN"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
	_, err = Start(context.Background(), Config{})
	if !errors.Is(err, ErrNoBinaries) {
		t.Errorf("Start error = %v, want ErrNoBinaries", err)
	}

	t.Setenv("PLINTH_PG_BIN", "/nonexistent/bin")
	if _, err := FindBinDir(); !errors.Is(err, ErrNoBinaries) || !strings.Contains(err.Error(), "/nonexistent/bin") {
		t.Errorf("FindBinDir with a bad PLINTH_PG_BIN = %v", err)
	}
}

func TestBranchesAreIsolated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := ForTest(t)
	tpl, err := srv.Template(ctx, "isolation-v1", func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL); INSERT INTO notes (body) VALUES ('from template')")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a, b := connect(t, tpl.Branch(t)), connect(t, tpl.Branch(t))
	if _, err := a.Exec(ctx, "INSERT INTO notes (body) VALUES ('only in a')"); err != nil {
		t.Fatal(err)
	}
	count := func(conn *pgx.Conn) (n int) {
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM notes").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := count(a); got != 2 {
		t.Errorf("branch a has %d rows, want 2", got)
	}
	if got := count(b); got != 1 {
		t.Errorf("branch b has %d rows, want 1 (the template's only)", got)
	}
	again, err := srv.Template(ctx, "isolation-v1", func(context.Context, *pgx.Conn) error {
		t.Error("migrate called again for a built template")
		return nil
	})
	if err != nil || again.Name() != tpl.Name() {
		t.Errorf("second Template = %v, %v", again, err)
	}
}

func TestEmptyDatabase(t *testing.T) {
	t.Parallel()
	conn := connect(t, ForTest(t).Database(t))
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n); err != nil || n != 0 {
		t.Errorf("new database has %d tables, %v", n, err)
	}
}

func TestTemplateBuildFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := ForTest(t)
	boom := errors.New("boom")
	_, err := srv.Template(ctx, "failing-"+t.Name(), func(context.Context, *pgx.Conn) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("Template error = %v, want boom", err)
	}
	var n int
	name := TemplateName("failing-" + t.Name())
	err = connect(t, srv.URL("postgres")).QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname LIKE $1", name+"%").Scan(&n)
	if err != nil || n != 0 {
		t.Errorf("%d databases left by a failed build, %v", n, err)
	}
}

// fakeTB records what Branch does at the end of a failing test.
type fakeTB struct {
	testing.TB
	name     string
	cleanups []func()
	logs     []string
}

func (f *fakeTB) Name() string      { return f.name }
func (f *fakeTB) Helper()           {}
func (f *fakeTB) Failed() bool      { return true }
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Logf(format string, args ...any) {
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatal(args ...any)                 { f.TB.Fatal(args...) }
func (f *fakeTB) Fatalf(format string, args ...any) { f.TB.Fatalf(format, args...) }

func TestFailedTestKeepsItsBranch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := ForTest(t)
	tpl, err := srv.Template(ctx, "keep-v1", func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "CREATE TABLE kept (id int)")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeTB{TB: t, name: "TestSomethingThatFails"}
	url := tpl.Branch(fake)
	for _, fn := range fake.cleanups {
		fn()
	}
	if len(fake.logs) != 1 || !strings.Contains(fake.logs[0], url) {
		t.Fatalf("logs = %q, want the kept branch's URL %s", fake.logs, url)
	}
	conn := connect(t, url) // still there
	if _, err := conn.Exec(ctx, "SELECT * FROM kept"); err != nil {
		t.Fatalf("kept branch unusable: %v", err)
	}
	conn.Close(ctx)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	name := cfg.Database
	if err := srv.DropDatabase(ctx, name); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentProcessesBuildOneTemplate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := ForTest(t)
	logTable := fmt.Sprintf("build_log_%d", time.Now().UnixNano())
	admin := connect(t, srv.URL("postgres"))
	if _, err := admin.Exec(ctx, "CREATE TABLE "+logTable+" (pid int)"); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(ctx, "DROP TABLE "+logTable)
	key := "concurrent-" + logTable

	const procs = 4
	var wg sync.WaitGroup
	names := make([]string, procs)
	errs := make([]error, procs)
	for i := range procs {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"=build-template", TestURLEnv+"="+srv.URL("postgres"), "KEY="+key, "LOG_TABLE="+logTable)
			out, err := cmd.CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("helper %d: %v: %s", i, err, out)
				return
			}
			names[i] = strings.TrimSpace(strings.TrimPrefix(string(out), "TEMPLATE "))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if n != TemplateName(key) {
			t.Errorf("helper %d got template %q, want %q", i, n, TemplateName(key))
		}
	}
	var builds int
	if err := admin.QueryRow(ctx, "SELECT count(*) FROM "+logTable).Scan(&builds); err != nil {
		t.Fatal(err)
	}
	if builds != 1 {
		t.Errorf("template built %d times by %d processes, want once", builds, procs)
	}
}

func TestKilledProcessLeavesNoServer(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=start-and-wait")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading helper output: %v", err)
	}
	var pid int
	var dir string
	if _, err := fmt.Sscanf(line, "PID %d %s", &pid, &dir); err != nil || !processAlive(pid) {
		t.Fatalf("helper said %q (%v)", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	deadline := time.Now().Add(20 * time.Second)
	for processAlive(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("postmaster %d outlived its killed parent", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The next cluster started on this machine sweeps the orphaned directory.
	c, err := Start(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	c.Stop()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("directory %s of the killed process not swept: %v", dir, err)
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("unwritable directory", func(t *testing.T) {
		t.Parallel()
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Start(ctx, Config{Dir: filepath.Join(file, "cluster")})
		if err == nil || !strings.Contains(err.Error(), "cannot create cluster directory") || !strings.Contains(err.Error(), "choose another directory") {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("port in use", func(t *testing.T) {
		t.Parallel()
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		port := l.Addr().(*net.TCPAddr).Port
		_, err = Start(ctx, Config{TCP: true, Port: port})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d is in use", port)) {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("stale postmaster.pid", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "dev")
		c, err := Start(ctx, Config{Dir: dir, Detached: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(c.runDir) })
		if err := c.Stop(); err != nil {
			t.Fatal(err)
		}
		// A lock file naming a live process that is not postgres: this one.
		stale := fmt.Sprintf("%d\n%s\n0\n5432\n/nonexistent\n\n", os.Getpid(), c.DataDir())
		if err := os.WriteFile(filepath.Join(c.DataDir(), "postmaster.pid"), []byte(stale), 0o600); err != nil {
			t.Fatal(err)
		}
		again, err := Start(ctx, Config{Dir: dir, Detached: true})
		if err != nil {
			t.Fatalf("start over a stale lock file: %v", err)
		}
		defer again.Stop()
		if pid := again.PID(); pid == os.Getpid() || !isPostgres(pid) {
			t.Errorf("pid after restart = %d", pid)
		}
	})

	t.Run("other major version", func(t *testing.T) {
		t.Parallel()
		dir := reachableTempDir(t)
		data := filepath.Join(dir, "data")
		if err := os.MkdirAll(data, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, "PG_VERSION"), []byte("9.6\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Start(ctx, Config{Dir: dir})
		if err == nil || !strings.Contains(err.Error(), "PostgreSQL 9.6 cluster") || !strings.Contains(err.Error(), "never deletes") {
			t.Errorf("error = %v", err)
		}
		if _, statErr := os.Stat(filepath.Join(data, "PG_VERSION")); statErr != nil {
			t.Errorf("data directory touched: %v", statErr)
		}
	})

	t.Run("not a data directory", func(t *testing.T) {
		t.Parallel()
		dir := reachableTempDir(t)
		data := filepath.Join(dir, "data")
		os.MkdirAll(data, 0o700)
		os.WriteFile(filepath.Join(data, "precious.txt"), []byte("keep"), 0o600)
		_, err := Start(ctx, Config{Dir: dir})
		if err == nil || !strings.Contains(err.Error(), "not a PostgreSQL data directory") {
			t.Errorf("error = %v", err)
		}
		if _, err := os.Stat(filepath.Join(data, "precious.txt")); err != nil {
			t.Errorf("foreign file removed: %v", err)
		}
	})
}

func TestServerURL(t *testing.T) {
	t.Parallel()
	srv, err := NewServer("postgres://u:secret@db.example:6432/postgres?sslmode=require")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := srv.URL("branch_1"), "postgres://u:secret@db.example:6432/branch_1?sslmode=require"; got != want {
		t.Errorf("URL = %s, want %s", got, want)
	}
	if got := redact("postgres://u:secret@h/db"); strings.Contains(got, "secret") {
		t.Errorf("redact kept the password: %s", got)
	}
	if _, err := NewServer("postgres://%zz"); err == nil {
		t.Error("NewServer accepted a malformed URL")
	}
	if n := branchName(strings.Repeat("TestVeryLongName/sub test", 10)); len(n) > 63 {
		t.Errorf("branch name %q is %d bytes", n, len(n))
	}
}

// reachableTempDir is a temporary directory that the server user can reach
// (t.TempDir's parent is private to this user).
func reachableTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "plinth-devdb-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
