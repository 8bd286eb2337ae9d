package migrate

import (
	"reflect"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	t.Parallel()
	script := "-- plinth:no-transaction\nCREATE TABLE a (x text DEFAULT 'a;b');\n\n" +
		"COMMENT ON TABLE a IS 'it''s; fine';\n/* a; comment\n */ SELECT $f$ ; $f$;\n" +
		"SELECT E'\\';' ;\nCREATE TABLE \"b;\" (y int); -- trailing; comment\n"
	got := splitStatements(script)
	want := []statement{
		{"-- plinth:no-transaction\nCREATE TABLE a (x text DEFAULT 'a;b')", 1},
		{"COMMENT ON TABLE a IS 'it''s; fine'", 4},
		{"/* a; comment\n */ SELECT $f$ ; $f$", 5},
		{"SELECT E'\\';'", 7},
		{"CREATE TABLE \"b;\" (y int)", 8},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitStatements:\n got %+v\nwant %+v", got, want)
	}
}
