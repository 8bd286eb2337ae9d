package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVet runs Vet on a throwaway module that uses only database/sql, so
// it needs no module downloads.
func TestVet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/app\n\ngo 1.26\n")
	write("app/app.go", `package app

import (
	"context"
	"database/sql"
)

func Purge(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "DELETE FROM fleet_customers")
}
`)
	write("internal/db/db.go", `package db

import (
	"context"
	"database/sql"
)

func Get(ctx context.Context, db *sql.DB) {
	db.QueryRowContext(ctx, "SELECT name FROM fleet_customers WHERE id = $1", 1)
}
`)
	write("schema.json", `{"tables":[{"name":"fleet_customers","soft_delete":"deleted_at","tenant":{"column":"org_id"}}]}`)
	t.Chdir(dir)

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // lines of stderr, in order
	}{
		{"default", nil, 1, []string{
			"app/app.go:9:2: direct (*sql.DB).ExecContext call outside the data layer",
			"app/app.go:9:22: DELETE on fleet_customers has no WHERE",
		}},
		{"schema", []string{"-schema=schema.json", "./..."}, 1, []string{
			"app/app.go:9:2: direct (*sql.DB).ExecContext",
			"app/app.go:9:22: DELETE on fleet_customers has no WHERE",
			"app/app.go:9:22: DELETE on fleet_customers has no condition on deleted_at",
			"app/app.go:9:22: DELETE on fleet_customers has no condition on org_id",
			"internal/db/db.go:9:26: SELECT on fleet_customers has no condition on deleted_at",
			"internal/db/db.go:9:26: SELECT on fleet_customers has no condition on org_id",
		}},
		{"clean package", []string{"-allow=example.com/app/...", "./internal/..."}, 0, nil},
		{"bad flag", []string{"-nope"}, 2, []string{"flag provided but not defined: -nope"}},
		{"no such package", []string{"./missing"}, 2, []string{"plinth vet:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Vet(tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("Vet(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr.String())
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(tt.want) == 0 && stderr.Len() > 0 {
				t.Errorf("Vet(%q) stderr:\n%s\nwant nothing", tt.args, stderr.String())
			}
			for i, w := range tt.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
					t.Errorf("Vet(%q) stderr:\n%s\nwant line %d to start with %q", tt.args, stderr.String(), i+1, w)
					break
				}
			}
		})
	}
	if schemaPath != "" || rawDriverAllow != ".../internal/db/..." {
		t.Errorf("Vet left flags set: schema=%q allow=%q", schemaPath, rawDriverAllow)
	}
}

func TestVetJSON(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/j\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "package j\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) { db.Exec(\"UPDATE t SET a = 1\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "j.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := Vet([]string{"-json", "-allow=..."}, &stdout, &stderr); code != 1 {
		t.Fatalf("Vet -json = %d, want 1; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"mutationwhere"`) || stderr.Len() != 0 {
		t.Errorf("Vet -json stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
}
