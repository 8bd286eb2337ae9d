package gen_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/gen"
	"github.com/factory-kit/plinth/gen/internal/testgen/schemas"
	"github.com/factory-kit/plinth/schema"
)

var update = flag.Bool("update", false, "rewrite the golden packages in internal/testgen")

// generate builds the model of a golden case and generates its package.
func generate(t *testing.T, name string) map[string][]byte {
	t.Helper()
	m, err := schema.New(schemas.Cases[name]()...)
	if err != nil {
		t.Fatal(err)
	}
	files, err := gen.Generate(m, gen.Options{Package: name})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGolden compares the generated code of every case with the package
// checked in under internal/testgen/<case>, which go build and go vet
// (TestGeneratedCompiles) then check; -update rewrites them.
func TestGolden(t *testing.T) {
	t.Parallel()
	for name := range schemas.Cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files := generate(t, name)
			dir := filepath.Join("internal", "testgen", name)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for fn, src := range files {
				path := filepath.Join(dir, fn)
				if *update {
					if err := os.WriteFile(path, src, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./gen -update)", err)
				}
				if !bytes.Equal(src, want) {
					t.Errorf("%s differs from the generated code (run go test ./gen -update to accept)", path)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if _, ok := files[e.Name()]; !ok && strings.HasSuffix(e.Name(), "_gen.go") {
					t.Errorf("%s is no longer generated", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
}

// TestGeneratedCompiles builds and vets every golden package.
func TestGeneratedCompiles(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	for _, args := range [][]string{{"build"}, {"vet"}} {
		cmd := exec.Command("go", append(args, "./internal/testgen/...")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s ./internal/testgen/...: %v\n%s", args[0], err, out)
		}
	}
}

// TestGeneratedShape checks properties every generated file must have.
func TestGeneratedShape(t *testing.T) {
	t.Parallel()
	files := generate(t, "fleet")
	names := make([]string, 0, len(files))
	for fn, src := range files {
		names = append(names, fn)
		if !bytes.HasPrefix(src, []byte(gen.Header+"\n")) {
			t.Errorf("%s does not start with the generated-code header", fn)
		}
	}
	slices.Sort(names)
	want := []string{"fleet_customers_gen.go", "fleet_organizations_gen.go", "fleet_users_gen.go", "fleet_vehicles_gen.go", gen.SharedFile}
	if !slices.Equal(names, want) {
		t.Errorf("files = %v, want %v", names, want)
	}
	cust := string(files["fleet_customers_gen.go"])
	for _, s := range []string{
		"type Customer struct",
		"type NewCustomer struct",
		"Name query.StringColumn",
		"CustomAttributes query.JSONBColumn[map[string]any]",
		"ID query.Column[uuid.UUID]",
		"return s.Scan(&r.ID, &r.OrgID, &r.Name,",
		`COALESCE($5::customer_status, 'active')`,
	} {
		if !strings.Contains(cust, s) {
			t.Errorf("fleet_customers_gen.go lacks %q", s)
		}
	}
	newType := cust[strings.Index(cust, "type NewCustomer struct"):]
	newType = newType[:strings.Index(newType, "}")]
	for _, s := range []string{"OrgID", "CreatedAt", "UpdatedAt", "DeletedAt"} {
		if strings.Contains(newType, s) {
			t.Errorf("NewCustomer lets the caller set %s", s)
		}
	}
}
