package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/factory-kit/plinth/devdb"
)

// TestConcurrentMigrateProcesses runs ten plinth migrate processes at once
// against one database: each migration is applied exactly once, and every
// process succeeds.
func TestConcurrentMigrateProcesses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, sql := range []string{
		"CREATE TABLE p_orgs (id uuid PRIMARY KEY);",
		"CREATE TABLE p_notes (id uuid PRIMARY KEY, org_id uuid NOT NULL REFERENCES p_orgs (id) ON DELETE CASCADE);",
		"SELECT pg_sleep(0.2);\nALTER TABLE p_notes ADD COLUMN body text;",
	} {
		name := filepath.Join(dir, fmt.Sprintf("%04d_step%d.sql", i+1, i+1))
		if err := os.WriteFile(name, []byte(sql+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runIn(t, dir, "hash", "--dir", dir); code != 0 {
		t.Fatalf("hash: %d %s", code, stderr)
	}
	url := devdb.ForTest(t).Database(t)

	const procs = 10
	var wg sync.WaitGroup
	outs := make([]string, procs)
	for i := range procs {
		wg.Go(func() {
			code, out, stderr := runIn(t, dir, "migrate", "--dir", dir, "--url", url)
			if code != 0 {
				t.Errorf("process %d: exit %d\n%s", i, code, stderr)
			}
			outs[i] = out
		})
	}
	wg.Wait()
	applied := strings.Count(strings.Join(outs, ""), "applied ")
	if applied != 3 {
		t.Errorf("the processes report %d applied files in all, want 3:\n%s", applied, strings.Join(outs, "---\n"))
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var rows, distinct int
	if err := conn.QueryRow(context.Background(), "SELECT count(*), count(DISTINCT version) FROM plinth_migrations").Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if rows != 3 || distinct != 3 {
		t.Errorf("plinth_migrations has %d rows (%d versions), want 3", rows, distinct)
	}
}
