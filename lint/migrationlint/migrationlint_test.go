package migrationlint

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata want.txt files")

// TestRules lints each directory under testdata, one per rule, and
// compares the findings with the directory's want.txt.
func TestRules(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			findings, err := LintDir(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range findings {
				f.File = filepath.Base(f.File)
				b.WriteString(f.String() + "\n\t" + f.Statement + "\n")
			}
			golden := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("LintDir(%s):\n%s\nwant:\n%s", dir, got, want)
			}
		})
	}
}

func rules(findings []Finding) string {
	var rs []string
	for _, f := range findings {
		rs = append(rs, f.Rule)
	}
	return strings.Join(rs, " ")
}

func TestOptions(t *testing.T) {
	t.Parallel()
	src := []byte(`CREATE TABLE tenants (id int, created_at timestamptz, updated_at timestamptz);
CREATE TABLE projects (id int, tenant_id int REFERENCES tenants ON DELETE CASCADE, created_at timestamptz, updated_at timestamptz);
CREATE TABLE tasks (id int, created_at timestamptz, updated_at timestamptz);
CREATE TABLE countries (id int, created_at timestamptz, updated_at timestamptz);
`)
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"defaults know no tenant table here", Options{}, ""},
		{"tenant table and column", Options{TenantTable: "tenants", TenantColumn: "tenant_id"}, ""},
		{"wrong key column", Options{TenantTable: "tenants"}, "tenant-fk"},
		{"domain tables", Options{TenantTable: "tenants", TenantColumn: "tenant_id",
			DomainTable: func(t string) bool { return t != "countries" }}, "tenant-fk"},
	}
	for _, tt := range tests {
		if got := rules(LintFile("0001.sql", src, tt.opts)); got != tt.want {
			t.Errorf("%s: rules %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLintDirFrom(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"0001_create.sql":     "CREATE TABLE a (id int, created_at timestamptz, updated_at timestamptz);\n",
		"0002_index.sql":      "CREATE INDEX a_id ON a (id);\n",
		"0002_index.down.sql": "DROP TABLE a;\n",
		"notes.txt":           "DROP TABLE a;\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a is created by 0001, so it is an existing table when 0002 runs,
	// whether 0001 is linted too or taken as applied.
	for _, from := range []string{"", "0002"} {
		got, err := LintDir(dir, Options{From: from})
		if err != nil || rules(got) != RuleIndexConcurrently || got[0].File != filepath.Join(dir, "0002_index.sql") {
			t.Errorf("LintDir(From %q) = %v, %v; want one index-concurrently finding in 0002_index.sql", from, got, err)
		}
	}
	if got, err := LintDir(dir, Options{From: "0003"}); err != nil || len(got) != 0 {
		t.Errorf("LintDir(From 0003) = %v, %v; want nothing linted", got, err)
	}
	if _, err := LintDir(filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("LintDir(missing dir): no error")
	}
}
