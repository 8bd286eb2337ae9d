package lint

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

func TestMutationWhere(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), MutationWhere, "mutationwhere")
}

func TestRawDriver(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), RawDriver, "rawdriver/...")
}

func TestJSONBQuery(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), JSONBQuery, "jsonbquery")
}

// TestSchemaAnalyzers runs the schema-driven analyzers with and without a
// schema. They share one flag variable, so they run in sequence.
func TestSchemaAnalyzers(t *testing.T) {
	setSchema := func(path string) {
		if err := SoftDelete.Flags.Set("schema", path); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { setSchema("") })

	setSchema(filepath.Join(analysistest.TestData(), "schema.json"))
	if got := Tenant.Flags.Lookup("schema").Value.String(); got == "" {
		t.Fatal("-softdelete.schema did not set -tenant.schema")
	}
	analysistest.Run(t, analysistest.TestData(), SoftDelete, "softdelete")
	analysistest.Run(t, analysistest.TestData(), Tenant, "tenant")

	// Without a schema, nothing is known about the tables: no findings,
	// so the want comments above would fail if checked; use a package
	// without them.
	setSchema("")
	analysistest.Run(t, analysistest.TestData(), SoftDelete, "noschema")
	analysistest.Run(t, analysistest.TestData(), Tenant, "noschema")
}
