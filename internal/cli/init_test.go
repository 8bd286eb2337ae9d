package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/devdb"
)

// newUserModule makes an empty module that uses this checkout of plinth.
func newUserModule(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module " + path + "\n\ngo 1.26.0\n\nrequire github.com/factory-kit/plinth v0.0.0\n\nreplace github.com/factory-kit/plinth => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestInitScaffoldsALoadableSchema(t *testing.T) {
	t.Parallel()
	dir := newUserModule(t, "example.com/acme")

	code, out, stderr := runIn(t, dir, "init")
	if code != 0 || !strings.Contains(out, "created db/schema/schema.go") {
		t.Fatalf("init: code %d\n%s\n%s", code, out, stderr)
	}
	for _, f := range []string{"plinth.json", "db/schema/shared.go", "db/schema/auth.go", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not create %s: %v", f, err)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "db", "migrations")); err != nil || !fi.IsDir() {
		t.Errorf("no migrations directory: %v", err)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "plinth.json"))
	if err != nil || !strings.Contains(string(cfg), `"prefix": "acme_"`) || !strings.Contains(string(cfg), `"dir": "db/migrations"`) {
		t.Errorf("plinth.json = %s (%v), want the acme_ prefix and the migrations directory", cfg, err)
	}
	code, sql, stderr := runIn(t, dir, "schema", "sql")
	if code != 0 || !strings.Contains(sql, "CREATE TABLE acme_organizations") || !strings.Contains(sql, "INSERT INTO acme_countries") {
		t.Fatalf("schema sql after init: code %d\n%s\n%s", code, sql, stderr)
	}

	code, _, stderr = runIn(t, dir, "init")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second init: code %d, stderr %q", code, stderr)
	}
}

// TestInitGenerateMigrationMigrate is the README's tour in an empty module:
// init, generate, migration init, migrate, and the generated code builds.
func TestInitGenerateMigrationMigrate(t *testing.T) {
	t.Parallel()
	dir := newUserModule(t, "example.com/tour")
	srv := devdb.ForTest(t)
	steps := [][]string{
		{"init"},
		{"generate"},
		{"migration", "--dev-url", srv.URL("postgres"), "init"},
		{"migrate", "--url", srv.Database(t)},
	}
	for _, args := range steps {
		if code, out, stderr := runIn(t, dir, args...); code != 0 {
			t.Fatalf("plinth %s: code %d\n%s\n%s", strings.Join(args, " "), code, out, stderr)
		}
	}
	for _, f := range []string{"db/gen/plinth_gen.go", "db/gen/tour_organizations_gen.go", "db/migrations/0001_init.sql", "db/migrations/plinth.sum"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	for _, args := range [][]string{{"mod", "tidy"}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s in the scaffolded module: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if code, out, stderr := runIn(t, dir, "check", "--dev-url", srv.URL("postgres")); code != 0 || !strings.Contains(out, "schema in sync") {
		t.Errorf("check after the tour: code %d\n%s\n%s", code, out, stderr)
	}
}
