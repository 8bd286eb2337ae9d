package plinth_test

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/devdb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// appName returns an Option that tags the DB's connections with name, so
// that pg_stat_activity can count them.
func appName(name string) plinth.Option {
	return plinth.WithPoolConfig(func(c *pgxpool.Config) {
		c.ConnConfig.RuntimeParams["application_name"] = name
	})
}

// sessions counts the server sessions of application name, seen from a
// connection of its own.
func sessions(t *testing.T, url, name string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenIsLazy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := devdb.ForTest(t).Database(t)

	db, err := plinth.Open(ctx, url, appName("plinth_lazy"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := sessions(t, url, "plinth_lazy"); n != 0 {
		t.Fatalf("after Open: %d sessions, want 0 (Open must not connect)", n)
	}
	var one int
	if err := db.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("first query: %d, %v", one, err)
	}
	if n := sessions(t, url, "plinth_lazy"); n != 1 {
		t.Fatalf("after the first query: %d sessions, want 1", n)
	}
}

func TestOpenNoServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there any more

	db, err := plinth.Open(ctx, "postgres://app@"+addr+"/app?connect_timeout=2")
	if err != nil {
		t.Fatalf("Open with no server listening: %v, want success (Open is lazy)", err)
	}
	defer db.Close()
	if _, err := db.Exec(ctx, "SELECT 1"); err == nil {
		t.Fatal("first query with no server listening succeeded")
	}
}

func TestOpenMalformedURL(t *testing.T) {
	t.Parallel()
	for _, url := range []string{
		"postgres://app:s3cret@db.example.com:notaport/app",
		"postgres://app@db.example.com/app?pool_max_conns=many",
		"host=db.example.com port=seventy",
		"postgres://app@[::1/app",
	} {
		db, err := plinth.Open(context.Background(), url)
		if err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded, want an error at once", url)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) error shows the password: %v", url, err)
		}
	}
}

func TestCredentialsPerConnection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := devdb.ForTest(t).Database(t)
	var calls atomic.Int32
	db, err := plinth.Open(ctx, url, plinth.WithCredentials(func(context.Context) (string, error) {
		calls.Add(1)
		return "token", nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if calls.Load() != 0 {
		t.Fatalf("provider called %d times by Open, want 0", calls.Load())
	}
	// Hold three connections at once: the pool must make three.
	var held []*pgxpool.Conn
	for range 3 {
		c, err := db.Pool().Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Release()
	}
	if _, err := db.Exec(ctx, "SELECT 1"); err != nil { // reuses a pooled connection
		t.Fatal(err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("provider called %d times for 3 connections, want 3", n)
	}
}

func TestCredentialsError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := devdb.ForTest(t).Database(t)
	expired := errors.New("token service unavailable")
	db, err := plinth.Open(ctx, url, plinth.WithCredentials(func(context.Context) (string, error) {
		return "", expired
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(ctx, "SELECT 1")
	if !errors.Is(err, plinth.ErrCredentials) || !errors.Is(err, expired) {
		t.Errorf("query with a failing provider: %v, want ErrCredentials wrapping the provider's error", err)
	}
}
