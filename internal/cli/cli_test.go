package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/factory-kit/plinth/devdb"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// run executes the CLI in process and returns its exit code and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	t.Parallel()
	if code, _, stderr := run(t); code != 2 || !strings.Contains(stderr, "dev") {
		t.Errorf("plinth with no arguments: code %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "-h"); code != 0 || !strings.Contains(stderr, "Usage") {
		t.Errorf("plinth -h: code %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: code %d, stderr %q", code, stderr)
	}
	for _, c := range commands() {
		if code, _, stderr := run(t, c.name, "-h"); code != 0 || !strings.Contains(stderr, "usage: plinth "+c.name) {
			t.Errorf("plinth %s -h: code %d, stderr %q", c.name, code, stderr)
		}
	}
}

func TestDevLifecycle(t *testing.T) {
	t.Parallel()
	dir, err := os.MkdirTemp("", "plinth-cli-test-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // reachable by the server user when running as root
	t.Cleanup(func() { os.RemoveAll(dir) })
	clusterDir := filepath.Join(dir, ".plinth", "dev")

	code, out, stderr := run(t, "dev", "up", "-dir", clusterDir)
	if code != 0 || !strings.HasPrefix(out, "DATABASE_URL=postgres://") {
		t.Fatalf("dev up: code %d, stdout %q, stderr %q", code, out, stderr)
	}
	t.Cleanup(func() { run(t, "dev", "down", "-dir", clusterDir) })
	if code, again, _ := run(t, "dev", "up", "-dir", clusterDir); code != 0 || again != out {
		t.Errorf("second dev up printed %q, want the running cluster's %q", again, out)
	}
	code, dbOut, stderr := run(t, "dev", "db", "shop", "-fresh", "-dir", clusterDir)
	if code != 0 || !strings.HasPrefix(dbOut, "DATABASE_URL=postgres://") || !strings.Contains(dbOut, "/shop?") {
		t.Fatalf("dev db: code %d, stdout %q, stderr %q", code, dbOut, stderr)
	}
	conn, err := pgx.Connect(context.Background(), strings.TrimSpace(strings.TrimPrefix(dbOut, "DATABASE_URL=")))
	if err != nil {
		t.Fatalf("connecting to the dev db: %v", err)
	}
	if _, err := conn.Exec(context.Background(), "CREATE TABLE kept (id int)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(context.Background())
	if code, again, _ := run(t, "dev", "db", "shop", "-dir", clusterDir); code != 0 || again != dbOut {
		t.Errorf("dev db on an existing database: code %d, %q", code, again)
	}
	conn, err = pgx.Connect(context.Background(), strings.TrimSpace(strings.TrimPrefix(dbOut, "DATABASE_URL=")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(context.Background(), "SELECT * FROM kept"); err != nil {
		t.Errorf("dev db without -fresh dropped the existing database: %v", err)
	}
	conn.Close(context.Background())
	if code, _, stderr := run(t, "dev", "db", "-dir", clusterDir); code != 2 || !strings.Contains(stderr, "name the database") {
		t.Errorf("dev db without a name: code %d, stderr %q", code, stderr)
	}
	if code, url, _ := run(t, "dev", "url", "-dir", clusterDir); code != 0 || "DATABASE_URL="+url != out {
		t.Errorf("dev url printed %q, want %q", url, out)
	}
	if code, status, _ := run(t, "dev", "status", "-dir", clusterDir); code != 0 || !strings.HasPrefix(status, "running") {
		t.Errorf("dev status: %d %q", code, status)
	}
	if code, _, stderr := run(t, "dev", "down", "-dir", clusterDir); code != 0 {
		t.Fatalf("dev down: %d %q", code, stderr)
	}
	if code, status, _ := run(t, "dev", "status", "-dir", clusterDir); code != 0 || !strings.HasPrefix(status, "stopped") {
		t.Errorf("dev status after down: %d %q", code, status)
	}
	if code, _, stderr := run(t, "dev", "url", "-dir", clusterDir); code != 1 || !strings.Contains(stderr, "plinth dev up") {
		t.Errorf("dev url when stopped: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, "dev", "sideways", "-dir", clusterDir); code != 2 || !strings.Contains(stderr, "unknown subcommand") {
		t.Errorf("dev sideways: %d %q", code, stderr)
	}
}
