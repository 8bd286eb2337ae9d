package migrate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factory-kit/plinth/lint/migrationlint"
	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
)

func TestGenerateAndCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox(t)
	path := filepath.Join(t.TempDir(), "migrations")
	v1 := build(t, schema.Registry{orgs(), customersV(false)})
	v2 := build(t, schema.Registry{orgs(), customersV(false, schema.Varchar("email", 200))})
	v3 := build(t, schema.Registry{orgs(), customersV(false, schema.Varchar("email", 200), schema.Integer("visits"))})

	generate := func(m *schema.Model, name string) *migrate.File {
		t.Helper()
		files, _, err := migrate.Generate(ctx, sb, readDir(t, path), m, name, migrate.GenerateOpts{})
		if err != nil {
			t.Fatal(err)
		}
		switch len(files) {
		case 0:
			return nil
		case 1:
			return &files[0]
		}
		t.Fatalf("Generate wrote %d files, want one", len(files))
		return nil
	}
	if f := generate(v1, "init"); f == nil || f.Name != "0001_init.sql" {
		t.Fatalf("first migration: %+v", f)
	}
	if f := generate(v1, "again"); f != nil {
		t.Fatalf("no change wrote %s", f.Name)
	}
	if f := generate(v2, "add email"); f == nil || f.Name != "0002_add_email.sql" ||
		f.SQL != "SET LOCAL lock_timeout = '5s';\nALTER TABLE app_customers ADD COLUMN email character varying(200);\n" {
		t.Fatalf("second migration: %+v", f)
	}
	if err := migrate.Check(ctx, sb, readDir(t, path), v2, migrate.CheckOpts{}); err != nil {
		t.Errorf("Check of an up-to-date directory: %v", err)
	}
	err := migrate.Check(ctx, sb, readDir(t, path), v3, migrate.CheckOpts{})
	var drift *migrate.DriftError
	if !errors.As(err, &drift) || len(drift.Steps) != 1 || drift.Steps[0].Table != "app_customers" || drift.Steps[0].Column != "visits" {
		t.Errorf("Check of a schema change without its migration: %v, want a *DriftError naming app_customers.visits", err)
	}
	write(t, path, "0002_add_email.sql", "ALTER TABLE app_customers ADD COLUMN email text;\n")
	if err := migrate.Check(ctx, sb, readDir(t, path), v2, migrate.CheckOpts{}); !errors.As(err, new(*migrate.SumError)) {
		t.Errorf("Check of an edited file: %v, want a *SumError", err)
	}
}

// TestGenerateOnExistingTable generates a migration that adds a foreign
// key, a check and an index to a table an earlier migration created: it
// must pass the migration lint as plinth check runs it, replay to the
// schema, and apply with Up to a database whose table holds rows.
func TestGenerateOnExistingTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox(t)
	path := filepath.Join(t.TempDir(), "migrations")
	customers := func(v2 bool) schema.Registry {
		o := orgs()
		orgID, year := schema.UUID("org_id"), schema.Integer("year")
		parts := []schema.Part{schema.Timestamps()}
		if v2 {
			orgID.References(o.Col("id")).OnDelete(schema.Cascade)
			year.Check("year > 1885")
			parts = append(parts, schema.Index("name"))
		}
		return schema.Registry{o, customersV(false, append([]schema.Part{orgID, year}, parts...)...)}
	}
	v1, v2 := build(t, customers(false)), build(t, customers(true))
	if _, _, err := migrate.Generate(ctx, sb, readDir(t, path), v1, "init", migrate.GenerateOpts{}); err != nil {
		t.Fatal(err)
	}
	conn := database(t, "")
	if _, err := migrate.Up(ctx, conn, readDir(t, path), migrate.UpOpts{}); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO app_orgs (name) VALUES ('a');
		INSERT INTO app_customers (id, name, org_id, year) SELECT gen_random_uuid(), 'n' || i, (SELECT id FROM app_orgs), 1990 FROM generate_series(1, 100) i`); err != nil {
		t.Fatal(err)
	}

	files, _, err := migrate.Generate(ctx, sb, readDir(t, path), v2, "constrain customers", migrate.GenerateOpts{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "0002_constrain_customers.sql 0003_constrain_customers_indexes.sql" ||
		files[0].NoTransaction || !files[1].NoTransaction {
		t.Fatalf("Generate wrote %v, want 0002_constrain_customers.sql and the no-transaction 0003_constrain_customers_indexes.sql", names)
	}
	for _, want := range []string{"SET LOCAL lock_timeout = '5s';\n", "FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE NOT VALID;\n",
		"CHECK ((year > 1885)) NOT VALID;\n"} {
		if !strings.Contains(files[0].SQL, want) {
			t.Errorf("%s lacks %q:\n%s", files[0].Name, want, files[0].SQL)
		}
	}
	for _, want := range []string{"CREATE INDEX CONCURRENTLY app_customers_name_idx ON app_customers (name);\n",
		"ALTER TABLE app_customers VALIDATE CONSTRAINT app_customers_org_id_fkey;\n", "ALTER TABLE app_customers VALIDATE CONSTRAINT app_customers_year_check;\n"} {
		if !strings.Contains(files[1].SQL, want) {
			t.Errorf("%s lacks %q:\n%s", files[1].Name, want, files[1].SQL)
		}
	}

	// plinth check: the directory replays to the schema, and the lint of
	// the whole directory reports nothing about the new files.
	if err := migrate.Check(ctx, sb, readDir(t, path), v2, migrate.CheckOpts{}); err != nil {
		t.Errorf("Check: %v", err)
	}
	findings, err := migrationlint.LintDir(path, migrationlint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Severity == migrationlint.Error || !strings.HasSuffix(f.File, "0001_init.sql") {
			t.Errorf("lint: %s", f)
		}
	}

	applied, err := migrate.Up(ctx, conn, readDir(t, path), migrate.UpOpts{})
	if err != nil || len(applied) != 2 {
		t.Fatalf("Up: %d files, %v; want 2 applied", len(applied), err)
	}
	var constraints, validIndexes int
	if err := conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM pg_constraint WHERE conrelid = 'app_customers'::regclass AND contype IN ('f', 'c') AND convalidated),
		(SELECT count(*) FROM pg_index WHERE indexrelid = 'app_customers_name_idx'::regclass AND indisvalid)`).Scan(&constraints, &validIndexes); err != nil {
		t.Fatal(err)
	}
	if constraints != 2 || validIndexes != 1 {
		t.Errorf("after Up: %d validated foreign keys and checks, %d valid indexes; want 2 and 1", constraints, validIndexes)
	}
	assertState(t, conn, normalize(t, sb, v2))
}

func normalize(t *testing.T, sb *migrate.Sandbox, m *schema.Model) *schema.Model {
	t.Helper()
	n, err := sb.Normalize(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGenerateTimestampNaming(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := t.TempDir()
	d, err := migrate.ReadDir(path, migrate.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)
	f, _, err := migrate.Generate(ctx, sandbox(t), d, build(t, schema.Registry{orgs()}), "create orgs", migrate.GenerateOpts{Now: now})
	if err != nil || len(f) != 1 || f[0].Name != "20260514093000_create_orgs.sql" {
		t.Fatalf("Generate: %+v, %v", f, err)
	}
	sum, _ := os.ReadFile(filepath.Join(path, migrate.SumFile))
	if !strings.HasPrefix(string(sum), "naming timestamp\ntotal h1:") {
		t.Errorf("plinth.sum starts %q", sum)
	}
}

func TestPush(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox(t)
	conn := database(t, build(t, schema.Registry{customersV(false, schema.Text("email"))}).SQL())
	v2 := build(t, schema.Registry{customersV(false)})
	if _, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{}); !errors.As(err, new(*migrate.DestructiveError)) {
		t.Fatalf("Push dropping a column: %v, want a *DestructiveError", err)
	}
	plan, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{AllowDestructive: true, DryRun: true})
	if err != nil || plan.SQL() != "ALTER TABLE app_customers DROP COLUMN email;\n" {
		t.Fatalf("dry run: %v\n%s", err, plan.SQL())
	}
	if _, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{AllowDestructive: true}); err != nil {
		t.Fatal(err)
	}
	want, err := sb.Normalize(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	assertState(t, conn, want)
}

func TestInspectSkipsBookkeepingAndOtherPrefixes(t *testing.T) {
	t.Parallel()
	conn := database(t, "CREATE TABLE plinth_migrations (version text); CREATE TABLE other (id int); CREATE TABLE app_x (id int);")
	m, err := migrate.Inspect(context.Background(), conn, migrate.InspectOpts{Prefix: "app_"})
	if err != nil || len(m.Tables) != 1 || m.Tables[0].Name != "app_x" {
		t.Fatalf("Inspect with prefix app_: %+v, %v", m, err)
	}
	m, err = migrate.Inspect(context.Background(), conn, migrate.InspectOpts{})
	if err != nil || len(m.Tables) != 2 {
		t.Fatalf("Inspect without prefix: %+v, %v", m, err)
	}
}
