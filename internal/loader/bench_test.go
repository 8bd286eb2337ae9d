package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeSchema writes a module whose schema package declares n
// tenant-scoped tables, each with a foreign key to the previous one, an
// index, a unique key, soft delete and timestamps, across 10 domain files.
func writeLargeSchema(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		tb.Fatal(err)
	}
	gomod := "module example.com/large\n\ngo 1.26.0\n\nrequire github.com/factory-kit/plinth v0.0.0\n\nreplace github.com/factory-kit/plinth => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		tb.Fatal(err)
	}
	pkg := filepath.Join(dir, "db", "schema")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		tb.Fatal(err)
	}
	files := map[string]string{
		"go.mod": gomod,
		"go.sum": string(sum),
		"db/schema/shared.go": `package schema

import "github.com/factory-kit/plinth/schema"

var table = schema.TableCreator(func(name string) string { return "big_" + name })

var Orgs = table("orgs", schema.UUID("id").PrimaryKey().DefaultRandom(), schema.Timestamps())
`,
	}
	var registry strings.Builder
	registry.WriteString("package schema\n\nimport \"github.com/factory-kit/plinth/schema\"\n\nvar Schema = schema.Registry{Orgs")
	domains := make([]strings.Builder, 10)
	for i := range n {
		d := &domains[i%10]
		fmt.Fprintf(d, "\nvar T%03d = table(\"t%03d\",\n\tschema.UUID(\"id\").PrimaryKey().DefaultRandom(),\n\tschema.Tenant(Orgs),\n", i, i)
		fmt.Fprintf(d, "\tschema.Text(\"name\").NotNull(),\n\tschema.Varchar(\"code\", 32).NotNull(),\n\tschema.Integer(\"qty\").NotNull().Default(\"0\").Check(\"qty >= 0\"),\n")
		fmt.Fprintf(d, "\tschema.JSONB[map[string]any](\"attrs\"),\n")
		if i > 0 {
			fmt.Fprintf(d, "\tschema.UUID(\"parent_id\").References(T%03d.Col(\"id\")).OnDelete(schema.Cascade),\n", i-1)
		}
		fmt.Fprintf(d, "\tschema.Unique(\"org_id\", \"code\"),\n\tschema.Index(\"name\"),\n\tschema.SoftDelete(),\n\tschema.Timestamps(),\n)\n")
		fmt.Fprintf(&registry, ", T%03d", i)
	}
	registry.WriteString("}\n")
	files["db/schema/schema.go"] = registry.String()
	for i := range domains {
		files[fmt.Sprintf("db/schema/domain%d.go", i)] = "package schema\n\nimport \"github.com/factory-kit/plinth/schema\"\n" + domains[i].String()
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkLoad200Tables is what plinth schema sql costs on a 200-table
// schema: resolve the package, build and run the loader program, decode and
// render. One load before timing warms the build cache, as every run after
// a user's first finds it; that first build (about 3 s here) is not timed.
func BenchmarkLoad200Tables(b *testing.B) {
	dir := writeLargeSchema(b, 200)
	if _, err := Load(context.Background(), dir, "./db/schema"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m, err := Load(context.Background(), dir, "./db/schema")
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Tables) != 201 || len(m.SQL()) == 0 {
			b.Fatalf("loaded %d tables", len(m.Tables))
		}
	}
}
