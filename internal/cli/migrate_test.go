package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/schema"
)

// testSchemas stands in for schema packages: --schema test:NAME loads one.
var testSchemas = map[string]func() schema.Registry{
	"test:v1": func() schema.Registry {
		return schema.Registry{schema.TableCreator(nil)("cli_customers", schema.UUID("id").PrimaryKey(), schema.Text("name").NotNull())}
	},
	"test:v2": func() schema.Registry {
		return schema.Registry{schema.TableCreator(nil)("cli_customers", schema.UUID("id").PrimaryKey(), schema.Text("name").NotNull(),
			schema.Text("email"))}
	},
	// v3 adds a foreign key, a check and an index to the existing table.
	"test:v3": func() schema.Registry {
		orgs := schema.TableCreator(nil)("cli_orgs", schema.UUID("id").PrimaryKey())
		return schema.Registry{orgs, schema.TableCreator(nil)("cli_customers", schema.UUID("id").PrimaryKey(),
			schema.Text("name").NotNull().Check("name <> ''"), schema.Text("email"),
			schema.UUID("org_id").References(orgs.Col("id")).OnDelete(schema.Cascade), schema.Index("email"))}
	},
}

func init() {
	real := loadSchema
	loadSchema = func(ctx context.Context, dir, pkg string) (*schema.Model, error) {
		reg, ok := testSchemas[pkg]
		if !ok {
			return real(ctx, dir, pkg)
		}
		return schema.New(reg()...)
	}
}

func TestMigrationCommands(t *testing.T) {
	t.Parallel()
	srv := devdb.ForTest(t)
	dir := filepath.Join(t.TempDir(), "migrations")
	dev := []string{"--dir", dir, "--prefix", "cli_", "--dev-url", srv.URL("postgres")}
	db := []string{"--dir", dir, "--url", srv.Database(t)}
	expect := func(wantCode int, wantOut string, args ...string) string {
		t.Helper()
		code, out, stderr := run(t, args...)
		if code != wantCode || !strings.Contains(out, wantOut) {
			t.Fatalf("plinth %s: code %d, stdout %q, stderr %q; want code %d and %q", strings.Join(args, " "), code, out, stderr, wantCode, wantOut)
		}
		return out
	}
	expect(0, filepath.Join(dir, "0001_init.sql"), append([]string{"migration", "--schema", "test:v1"}, append(dev, "init")...)...)
	expect(0, "no changes", append([]string{"migration", "--schema", "test:v1"}, append(dev, "again")...)...)
	expect(0, "ok: 1 migration(s), sequential naming", append([]string{"check", "--schema", "test:v1"}, dev...)...)

	out := expect(1, `"ok": false`, append([]string{"check", "--json", "--schema", "test:v2"}, dev...)...)
	var report checkReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	var drift, lintWarnings int
	for _, p := range report.Problems {
		switch {
		case p.Kind == "drift" && p.Table == "cli_customers" && p.Column == "email":
			drift++
		case p.Kind == "lint warning timestamps":
			lintWarnings++ // the test schema has no timestamps
		default:
			t.Errorf("unexpected problem %+v", p)
		}
	}
	if drift != 1 || lintWarnings != 1 {
		t.Errorf("check --json problems: %+v; want the drift of cli_customers.email and the timestamps warning", report.Problems)
	}

	expect(0, "applied 0001_init.sql", append([]string{"migrate"}, db...)...)
	expect(0, "no pending migrations", append([]string{"migrate"}, db...)...)
	expect(0, "0001_init.sql", append([]string{"status"}, db...)...)
	expect(0, "ALTER TABLE cli_customers ADD COLUMN email text;", append([]string{"push", "--dry-run", "--schema", "test:v2", "--prefix", "cli_",
		"--dev-url", srv.URL("postgres")}, db...)...)
	expect(0, "", append([]string{"hash"}, "--dir", dir)...)
	expect(0, "0002_add_email.sql", append([]string{"migration", "--schema", "test:v2"}, append(dev, "add email")...)...)
	expect(0, "applied 0002_add_email.sql", append([]string{"migrate"}, db...)...)

	// A change to the existing table: two files, both printed, that pass
	// check (its lint included) and apply.
	out = expect(0, filepath.Join(dir, "0003_constrain.sql"), append([]string{"migration", "--schema", "test:v3"}, append(dev, "constrain")...)...)
	if !strings.Contains(out, filepath.Join(dir, "0004_constrain_indexes.sql")) {
		t.Errorf("plinth migration printed %q, want 0003_constrain.sql and 0004_constrain_indexes.sql", out)
	}
	if code, out, stderr := run(t, append([]string{"check", "--schema", "test:v3"}, dev...)...); code != 0 ||
		!strings.Contains(out, "ok: 4 migration(s)") || strings.Contains(stderr, "error") {
		t.Errorf("check after the generated migration: code %d, stdout %q, stderr %q; want ok, no lint error", code, out, stderr)
	}
	out = expect(0, "applied 0003_constrain.sql", append([]string{"migrate"}, db...)...)
	if !strings.Contains(out, "applied 0004_constrain_indexes.sql") {
		t.Errorf("migrate: %q, want 0004_constrain_indexes.sql applied", out)
	}
	write := func(name, sql string) {
		t.Helper()
		if err := writeFile(filepath.Join(dir, name), sql); err != nil {
			t.Fatal(err)
		}
	}
	write("0002_add_email.sql", "ALTER TABLE cli_customers ADD COLUMN email varchar(10);\n")
	code, _, stderr := run(t, append([]string{"migrate"}, db...)...)
	if code != 1 || !strings.Contains(stderr, "0002_add_email.sql") {
		t.Errorf("migrate after an edit: code %d, stderr %q; want 1 naming the file", code, stderr)
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o644) }
