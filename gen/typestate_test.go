package gen_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTypeState proves that an update or delete without Where or All does
// not compile, and that the same statements with Where do: it adds a file
// to the generated fleet package through a go build overlay, leaving the
// tree untouched.
func TestTypeState(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	cases := []struct {
		name, body, wantErr string
	}{
		{"update with where", `_, _ = q.Customers.Update().Set(Customers.Name.To("x")).Where(Customers.Name.Eq("y")).Exec(ctx)`, ""},
		{"update all", `_, _ = q.Customers.Update().Set(Customers.Name.To("x")).All().Exec(ctx)`, ""},
		{"delete with where", `_, _ = q.Customers.Delete().Where(Customers.Name.Eq("y")).Exec(ctx)`, ""},
		{"update without where", `_, _ = q.Customers.Update().Set(Customers.Name.To("x")).Exec(ctx)`, "has no field or method Exec"},
		{"delete without where", `_, _ = q.Customers.Delete().Exec(ctx)`, "has no field or method Exec"},
		{"hard delete without where", `_, _ = q.Customers.HardDelete().Exec(ctx)`, "has no field or method Exec"},
		{"update with an empty where", `_, _ = q.Customers.Update().Set(Customers.Name.To("x")).Where().Exec(ctx)`, "not enough arguments"},
		{"delete with an empty where", `_, _ = q.Customers.Delete().Where().Exec(ctx)`, "not enough arguments"},
		{"delete with an empty and", `_, _ = q.Customers.Delete().Where(query.And()).Exec(ctx)`, "not enough arguments"},
		{"wrong value type", `_ = q.Customers.Select().Where(Customers.Name.Eq(3))`, "cannot use 3"},
		{"tenant table without scope", `_ = New(nil).Customers`, "has no field or method Customers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			snippet := filepath.Join(dir, "snippet.go")
			src := "package fleet\n\nimport (\n\t\"context\"\n\n\t\"github.com/factory-kit/plinth/query\"\n)\n\nvar _ = query.ErrNotFound\n\nfunc snippet(ctx context.Context, q *TenantQueries) {\n\t" + c.body + "\n}\n"
			if err := os.WriteFile(snippet, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			pkg, _ := filepath.Abs(filepath.Join("internal", "testgen", "fleet"))
			overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(pkg, "zz_snippet.go"): snippet}})
			ov := filepath.Join(dir, "overlay.json")
			if err := os.WriteFile(ov, overlay, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("go", "vet", "-overlay", ov, "./internal/testgen/fleet").CombinedOutput()
			switch {
			case c.wantErr == "" && err != nil:
				t.Errorf("does not compile: %v\n%s", err, out)
			case c.wantErr != "" && err == nil:
				t.Errorf("compiles, want an error containing %q", c.wantErr)
			case c.wantErr != "" && !strings.Contains(string(out), c.wantErr):
				t.Errorf("error %s, want one containing %q", out, c.wantErr)
			}
		})
	}
}
