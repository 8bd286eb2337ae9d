package guard_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/guard"
	"github.com/jackc/pgx/v5"
)

// tcpCluster is a cluster that listens on 127.0.0.1 as well as its socket,
// so that one database can be reached through two unrelated URLs.
var tcpCluster struct {
	once sync.Once
	c    *devdb.Cluster
	err  error
}

func TestMain(m *testing.M) {
	code := devdb.Main(m)
	if tcpCluster.c != nil {
		_ = tcpCluster.c.Stop()
	}
	os.Exit(code)
}

// twoURLs returns a new database of the TCP cluster for t, as a TCP URL
// and as a Unix-socket keyword/value DSN.
func twoURLs(t *testing.T) (tcpURL, socketDSN string) {
	t.Helper()
	tcpCluster.once.Do(func() {
		tcpCluster.c, tcpCluster.err = devdb.Start(context.Background(), devdb.Config{TCP: true})
	})
	if tcpCluster.err != nil {
		t.Fatal(tcpCluster.err)
	}
	tcpURL = tcpCluster.c.Server().Database(t)
	ctx := context.Background()
	conn := connect(t, tcpURL)
	var sockDir, port string
	if err := conn.QueryRow(ctx, `SELECT split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port')`).Scan(&sockDir, &port); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(tcpURL)
	if err != nil {
		t.Fatal(err)
	}
	return tcpURL, fmt.Sprintf("host=%s port=%s dbname=%s user=postgres", sockDir, port, strings.TrimPrefix(u.Path, "/"))
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func noEnv(string) string { return "" }

func TestCheckURL(t *testing.T) {
	t.Parallel()
	const prod = "postgres://app:pw@db.prod.example.com/app?sslmode=require"
	tests := []struct {
		name, env, url string
		wantErr        bool
	}{
		{"preview on prod URL, other spelling", "preview", "postgresql://preview:other@DB.PROD.example.com:5432/app?application_name=web", true},
		{"preview on prod DSN", "preview", "host=db.prod.example.com dbname=app user=x", true},
		{"unset env is development", "", "postgres://db.prod.example.com/app", true},
		{"preview on its own database", "preview", "postgres://db.preview.example.com/app", false},
		{"production on prod", "production", prod, false},
		{"prod spelled short", "PROD", prod, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := guard.Check(context.Background(), guard.Config{
				Env: tt.env, URL: tt.url, ProductionURLs: []string{prod}, SkipMark: true, Getenv: noEnv,
			})
			var wrong *guard.WrongDatabaseError
			if got := errors.As(err, &wrong); got != tt.wantErr || (err != nil && !tt.wantErr) {
				t.Fatalf("Check: %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr && (!errors.Is(err, guard.ErrWrongDatabase) || strings.Contains(err.Error(), "pw") ||
				!strings.Contains(err.Error(), "refusing to start")) {
				t.Errorf("error %q: want ErrWrongDatabase, no password, and what to do", err)
			}
		})
	}
}

func TestCheckReadsEnvironmentVariables(t *testing.T) {
	t.Parallel()
	const prod = "postgres://db.prod.example.com/app"
	env := map[string]string{"VERCEL_ENV": "preview", "DATABASE_URL": prod, "PROD_DATABASE_URL": prod}
	err := guard.Check(context.Background(), guard.Config{SkipMark: true, Getenv: func(k string) string { return env[k] }})
	var wrong *guard.WrongDatabaseError
	if !errors.As(err, &wrong) || wrong.Env != "preview" || wrong.EnvSource != "VERCEL_ENV" {
		t.Fatalf("Check: %v, want a preview (VERCEL_ENV) error", err)
	}
	env["APP_ENV"] = "production" // APP_ENV comes before VERCEL_ENV
	if err := guard.Check(context.Background(), guard.Config{SkipMark: true, Getenv: func(k string) string { return env[k] }}); err != nil {
		t.Fatalf("Check with APP_ENV=production: %v", err)
	}
}

func TestCheckMarkCatchesAnotherURL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tcpURL, socketDSN := twoURLs(t)
	a, _ := guard.NormalizeURL(tcpURL)
	b, _ := guard.NormalizeURL(socketDSN)
	if a == b {
		t.Fatalf("the two URLs normalize alike (%s): the test needs two that do not", a)
	}
	// Production knows its database by its TCP URL; the preview deployment
	// reaches the same database through the socket.
	preview := guard.Config{Env: "preview", URL: socketDSN, ProductionURLs: []string{tcpURL}, Getenv: noEnv}
	if err := guard.Check(ctx, preview); err != nil {
		t.Fatalf("Check before marking: %v, want nil (unmarked, and the URLs differ)", err)
	}
	if err := guard.Mark(ctx, connect(t, tcpURL), "production"); err != nil {
		t.Fatal(err)
	}
	err := guard.Check(ctx, preview)
	var wrong *guard.WrongDatabaseError
	if !errors.As(err, &wrong) || wrong.Mark != guard.Production || wrong.Env != guard.Preview {
		t.Fatalf("preview Check on the marked production database: %v, want a WrongDatabaseError from the mark", err)
	}
	if !strings.Contains(err.Error(), "marked as the production database") {
		t.Errorf("message %q does not say the database is marked production", err)
	}
	// Through a connection the application already has, too.
	if err := guard.Check(ctx, guard.Config{Env: "development", DB: connect(t, socketDSN), Getenv: noEnv}); !errors.Is(err, guard.ErrWrongDatabase) {
		t.Errorf("development Check through Config.DB: %v, want ErrWrongDatabase", err)
	}
	if err := guard.Check(ctx, guard.Config{Env: "production", URL: socketDSN, Getenv: noEnv}); err != nil {
		t.Errorf("production Check on the production database: %v", err)
	}
}

func TestCheckProductionOnMarkedPreview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := devdb.ForTest(t).Database(t)
	conn := connect(t, url)
	if err := guard.Mark(ctx, conn, "production"); err != nil {
		t.Fatal(err)
	}
	if err := guard.Mark(ctx, conn, "Preview"); err != nil { // re-marking replaces
		t.Fatal(err)
	}
	env, at, err := guard.ReadMark(ctx, conn)
	if err != nil || env != guard.Preview || at.IsZero() {
		t.Fatalf("ReadMark = %q, %v, %v; want preview", env, at, err)
	}
	var rows int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM plinth_environment`).Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("plinth_environment has %d rows (%v), want 1", rows, err)
	}
	if err := guard.Check(ctx, guard.Config{Env: "production", URL: url, Getenv: noEnv}); !errors.Is(err, guard.ErrWrongDatabase) {
		t.Errorf("production Check on a preview database: %v, want ErrWrongDatabase", err)
	}
	if err := guard.Check(ctx, guard.Config{Env: "preview", URL: url, Getenv: noEnv}); err != nil {
		t.Errorf("preview Check on its own database: %v", err)
	}
}

func TestCheckFailsClosed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, cfg := range []guard.Config{
		{Env: "preview", Getenv: noEnv}, // no URL at all
		{Env: "preview", URL: "postgres://db.example.com:notaport/app", Getenv: noEnv},
		{Env: "preview", URL: "postgres://127.0.0.1:1/app?connect_timeout=2", Getenv: noEnv}, // unreachable: the mark cannot be read
	} {
		if err := guard.Check(ctx, cfg); err == nil {
			t.Errorf("Check(%+v) passed, want an error: a guard that cannot check must not pass", cfg.URL)
		}
	}
}
