package plinth_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/devdb"
	"github.com/jackc/pgx/v5"
)

// TestCredentialsPasswordAuth runs a cluster of its own whose pg_hba.conf
// requires a password (scram-sha-256) over TCP for one role, and rotates
// that role's password as an IAM token would rotate.
func TestCredentialsPasswordAuth(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := devdb.Start(ctx, devdb.Config{TCP: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	admin, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `CREATE ROLE plinth_iam LOGIN PASSWORD 'token-1'`); err != nil {
		t.Fatal(err)
	}
	hba := filepath.Join(c.DataDir(), "pg_hba.conf")
	old, err := os.ReadFile(hba)
	if err != nil {
		t.Fatal(err)
	}
	rule := "host all plinth_iam 127.0.0.1/32 scram-sha-256\n" // first match wins: before the trust rules
	if err := os.WriteFile(hba, append([]byte(rule), old...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_reload_conf()`); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(c.URL("postgres"))
	u.User = url.User("plinth_iam")
	iamURL := u.String()
	waitPasswordRequired(t, iamURL)

	bare, err := plinth.Open(ctx, iamURL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = bare.Exec(ctx, `SELECT 1`)
	bare.Close()
	if err == nil {
		t.Fatal("query without the provider succeeded: the server does not require a password")
	}

	var mu sync.Mutex // guards token
	token, calls := "token-1", 0
	db, err := plinth.Open(ctx, iamURL, plinth.WithCredentials(func(context.Context) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		return token, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var who string
	if err := db.QueryRow(ctx, `SELECT current_user`).Scan(&who); err != nil || who != "plinth_iam" {
		t.Fatalf("query with the provider's password: %q, %v", who, err)
	}
	// The token rotates; connections made from now on must use the new one.
	if _, err := admin.Exec(ctx, `ALTER ROLE plinth_iam PASSWORD 'token-2'`); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	token = "token-2"
	mu.Unlock()
	db.Pool().Reset()
	if err := db.QueryRow(ctx, `SELECT current_user`).Scan(&who); err != nil {
		t.Fatalf("query after rotation: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 2 {
		t.Errorf("provider called %d times for 2 connections, want 2", calls)
	}
}

// waitPasswordRequired waits until the reloaded pg_hba.conf refuses url
// without a password.
func waitPasswordRequired(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			return
		}
		conn.Close(context.Background())
		if time.Now().After(deadline) {
			t.Fatal(fmt.Errorf("the server still lets %s in without a password after reloading pg_hba.conf", url))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
