package schema_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/factory-kit/plinth/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendered output (run go test -update to accept):\n%s", path, got)
	}
}

func TestGoldenDDL(t *testing.T) {
	t.Parallel()
	cases := map[string]func() schema.Registry{
		"fleet":     fleetSchema,
		"types":     typesSchema,
		"naming":    namingSchema,
		"variants":  variantsSchema,
		"reference": referenceSchema,
	}
	for name, reg := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := schema.New(reg()...)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".sql", m.SQL())
			golden(t, name+".json", modelJSON(t, m))
		})
	}
}

// modelJSON renders m without DSL positions, which depend on the machine.
func modelJSON(t *testing.T, m *schema.Model) string {
	t.Helper()
	for i := range m.Tables {
		m.Tables[i].Pos = ""
		for j := range m.Tables[i].Columns {
			m.Tables[i].Columns[j].Pos = ""
		}
	}
	for i := range m.Enums {
		m.Enums[i].Pos = ""
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}
