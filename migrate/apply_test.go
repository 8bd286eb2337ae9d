package migrate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/factory-kit/plinth/migrate"
	"github.com/jackc/pgx/v5"
)

// writeDir writes files into a new migrations directory and hashes it.
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, sql := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := readDir(t, dir)
	if err := d.WriteSum(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readDir(t testing.TB, path string) *migrate.Dir {
	t.Helper()
	d, err := migrate.ReadDir(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// applied returns the versions plinth_migrations records, in order.
func applied(t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), "SELECT version FROM plinth_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	v, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func tableExists(t *testing.T, conn *pgx.Conn, name string) bool {
	t.Helper()
	var ok bool
	if err := conn.QueryRow(context.Background(), "SELECT to_regclass($1) IS NOT NULL", name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

var baseFiles = map[string]string{
	"0001_create_runs.sql": "CREATE TABLE runs (n int NOT NULL);\n",
	"0002_count.sql":       "INSERT INTO runs VALUES (1);\nCREATE TABLE b (id int PRIMARY KEY);\n",
	"0003_more.sql":        "CREATE INDEX ON b (id);\nINSERT INTO runs VALUES (2);\n",
}

func TestUpConcurrentAppliesEachFileOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeDir(t, baseFiles)
	first := database(t, "")
	url := first.Config().ConnString()
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close(ctx)
			files, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{})
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			total += len(files)
			mu.Unlock()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if total != 3 {
		t.Errorf("the runs applied %d files in total, want 3", total)
	}
	var n int
	if err := first.QueryRow(ctx, "SELECT count(*) FROM runs").Scan(&n); err != nil || n != 2 {
		t.Errorf("runs has %d rows (err %v), want 2: a file ran more than once", n, err)
	}
	if got := applied(t, first); strings.Join(got, ",") != "0001,0002,0003" {
		t.Errorf("plinth_migrations records %v", got)
	}
}

func TestUpFailureLeavesNoTrace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeDir(t, map[string]string{
		"0001_create_runs.sql": "CREATE TABLE runs (n int NOT NULL);\n",
		"0002_broken.sql":      "CREATE TABLE half (id int);\nINSERT INTO runs VALUES (1);\n\nINSERT INTO runs\n  VALUES (NULL);\n",
	})
	conn := database(t, "")
	files, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{})
	var me *migrate.MigrationError
	if !errors.As(err, &me) {
		t.Fatalf("Up: %v, want a *MigrationError", err)
	}
	if me.File != "0002_broken.sql" || me.Line != 4 || me.Statement != "INSERT INTO runs\n  VALUES (NULL)" {
		t.Errorf("error names %s line %d statement %q, want 0002_broken.sql line 4 and the INSERT of NULL", me.File, me.Line, me.Statement)
	}
	if !strings.Contains(err.Error(), "applying 0002_broken.sql: line 4") {
		t.Errorf("message %q does not name the file and line", err)
	}
	if len(files) != 1 {
		t.Errorf("Up reports %d files applied, want 1", len(files))
	}
	if got := applied(t, conn); strings.Join(got, ",") != "0001" {
		t.Errorf("plinth_migrations records %v, want only 0001", got)
	}
	if tableExists(t, conn, "half") {
		t.Error("the failed file's first statement was kept")
	}
}

func TestUpErrorLineFromPosition(t *testing.T) {
	t.Parallel()
	dir := writeDir(t, map[string]string{"0001_bad.sql": "-- a comment\nCREATE TABLE t (\n  a int,\n  b nosuchtype\n);\n"})
	_, err := migrate.Up(context.Background(), database(t, ""), readDir(t, dir), migrate.UpOpts{})
	var me *migrate.MigrationError
	if !errors.As(err, &me) || me.Line != 4 {
		t.Fatalf("Up: %v, want a *MigrationError at line 4 (the unknown type)", err)
	}
}

// TestUpRefusesBeforeApplying tampers with an applied directory in every
// way Up must refuse, and checks that nothing pending was applied.
func TestUpRefusesBeforeApplying(t *testing.T) {
	t.Parallel()
	pending := "CREATE TABLE pending (id int);\n"
	cases := []struct {
		name   string
		tamper func(t *testing.T, dir string) // after 0001..0003 are applied
		rehash bool
		want   any
	}{
		{"edited applied file", func(t *testing.T, dir string) { write(t, dir, "0002_count.sql", "INSERT INTO runs VALUES (7);\n") }, true, new(*migrate.ChecksumError)},
		{"removed applied file", func(t *testing.T, dir string) { remove(t, dir, "0002_count.sql") }, true, new(*migrate.MissingFileError)},
		{"two files with one version", func(t *testing.T, dir string) { write(t, dir, "0002_pending.sql", pending) }, true, new(*migrate.NamingError)},
		{"badly named file", func(t *testing.T, dir string) { write(t, dir, "add_pending.sql", pending) }, false, new(*migrate.NamingError)},
		{"mixed naming", func(t *testing.T, dir string) { write(t, dir, "20260514093000_pending.sql", pending) }, true, new(*migrate.MixedNamingError)},
		{"edited without rehash", func(t *testing.T, dir string) { write(t, dir, "0003_more.sql", "SELECT 1;\n") }, false, new(*migrate.SumError)},
		{"added without rehash", func(t *testing.T, dir string) { write(t, dir, "0004_pending.sql", pending) }, false, new(*migrate.SumError)},
		{"applied file renumbered", func(t *testing.T, dir string) {
			remove(t, dir, "0003_more.sql")
			write(t, dir, "0005_more.sql", baseFiles["0003_more.sql"])
			write(t, dir, "0004_pending.sql", pending)
		}, true, new(*migrate.MissingFileError)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dir := writeDir(t, baseFiles)
			conn := database(t, "")
			if _, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{}); err != nil {
				t.Fatal(err)
			}
			c.tamper(t, dir)
			d, err := migrate.ReadDir(dir, "")
			if err == nil && c.rehash {
				err = d.WriteSum()
			}
			if err == nil {
				_, err = migrate.Up(ctx, conn, d, migrate.UpOpts{})
			}
			if !errors.As(err, c.want) {
				t.Fatalf("Up: %v, want a %T", err, c.want)
			}
			if !migrate.IsRefusal(err) {
				t.Errorf("IsRefusal(%v) = false", err)
			}
			if got := applied(t, conn); strings.Join(got, ",") != "0001,0002,0003" || tableExists(t, conn, "pending") {
				t.Errorf("something was applied: plinth_migrations %v", got)
			}
		})
	}
}

func TestUpOutOfOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeDir(t, map[string]string{"0001_a.sql": "CREATE TABLE a (id int);\n", "0003_c.sql": "CREATE TABLE c (id int);\n"})
	conn := database(t, "")
	if _, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{}); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "0002_b.sql", "CREATE TABLE b (id int);\n")
	d := readDir(t, dir)
	if err := d.WriteSum(); err != nil {
		t.Fatal(err)
	}
	_, err := migrate.Up(ctx, conn, d, migrate.UpOpts{})
	var oe *migrate.OutOfOrderError
	if !errors.As(err, &oe) || oe.File != "0002_b.sql" || oe.Last != "0003_c.sql" || tableExists(t, conn, "b") {
		t.Fatalf("Up: %v, want an *OutOfOrderError for 0002_b.sql and nothing applied", err)
	}
	entries, err := migrate.Status(ctx, conn, d)
	if err != nil || len(entries) != 3 || !entries[0].Applied || entries[1].Applied || entries[1].Problem == nil || !entries[2].Applied {
		t.Errorf("Status: %+v, %v", entries, err)
	}
	files, err := migrate.Up(ctx, conn, d, migrate.UpOpts{AllowOutOfOrder: true})
	if err != nil || len(files) != 1 || !tableExists(t, conn, "b") {
		t.Fatalf("Up with AllowOutOfOrder: %v, %d files", err, len(files))
	}
}

func TestNoTransactionFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeDir(t, map[string]string{
		"0001_enum.sql":  "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE m (x mood);\n",
		"0002_value.sql": "-- plinth:no-transaction\nSET lock_timeout = '5s';\nALTER TYPE mood ADD VALUE 'happy';\nINSERT INTO m VALUES ('happy');\n",
		"0003_index.sql": "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY m_x ON m (x);\nDROP INDEX CONCURRENTLY IF EXISTS m_gone;\n",
	})
	conn := database(t, "")
	if _, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM m WHERE x = 'happy'").Scan(&n); err != nil || n != 1 {
		t.Errorf("rows with the new value: %d (%v), want 1", n, err)
	}
	var valid bool
	if err := conn.QueryRow(ctx, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'm_x'::regclass").Scan(&valid); err != nil || !valid {
		t.Errorf("the CONCURRENTLY index: valid %v (%v), want a valid index", valid, err)
	}
	if got := applied(t, conn); strings.Join(got, ",") != "0001,0002,0003" {
		t.Errorf("plinth_migrations records %v", got)
	}
	var timeout string
	if err := conn.QueryRow(ctx, "SHOW lock_timeout").Scan(&timeout); err != nil || timeout != "0" {
		t.Errorf("lock_timeout after Up: %q (%v), want the session's 0: a no-transaction file's SET outlived it", timeout, err)
	}
}

func write(t *testing.T, dir, name, sql string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(sql), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}
