package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var plinthBin struct {
	once sync.Once
	path string
	err  error
}

// buildPlinth builds the plinth command once per test process, for tests
// that run it as a user would, in another module's directory.
func buildPlinth(t *testing.T) string {
	t.Helper()
	plinthBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "plinth-cli-bin-")
		if err != nil {
			plinthBin.err = err
			return
		}
		plinthBin.path = filepath.Join(dir, "plinth")
		out, err := exec.Command("go", "build", "-o", plinthBin.path, "github.com/factory-kit/plinth/cmd/plinth").CombinedOutput()
		if err != nil {
			plinthBin.err = &buildError{out: string(out), err: err}
		}
	})
	if plinthBin.err != nil {
		t.Fatal(plinthBin.err)
	}
	return plinthBin.path
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// runIn runs the built plinth command in dir.
func runIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(buildPlinth(t), args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), out.String(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

func TestSchemaCommandsInUserModule(t *testing.T) {
	t.Parallel()
	shop := filepath.Join("..", "loader", "testdata", "shop")

	code, sql, stderr := runIn(t, shop, "schema", "sql")
	if code != 0 || !strings.Contains(sql, "CREATE TABLE shop_orders") ||
		!strings.Contains(sql, "REFERENCES shop_organizations (id) ON DELETE CASCADE") {
		t.Fatalf("schema sql: code %d\n%s\n%s", code, sql, stderr)
	}
	code, js, stderr := runIn(t, shop, "schema", "print", "-json")
	if code != 0 || !strings.Contains(js, `"soft_delete": "deleted_at"`) {
		t.Errorf("schema print -json: code %d\n%s\n%s", code, js, stderr)
	}
	code, outline, _ := runIn(t, shop, "schema", "print")
	if code != 0 || !strings.Contains(outline, "table shop_orders [domain orders; tenant org_id; soft delete]") {
		t.Errorf("schema print: code %d\n%s", code, outline)
	}
	code, _, stderr = runIn(t, shop, "schema", "sql", "./invalid")
	if code != 1 || !strings.Contains(stderr, `invalid/schema.go:11: table "widgets" column "org_id"`) {
		t.Errorf("invalid schema: code %d, stderr %q", code, stderr)
	}
	code, _, stderr = runIn(t, shop, "schema", "sql", "./broken")
	if code != 1 || !strings.Contains(stderr, "broken/schema.go:5:30: undefined: Missing") {
		t.Errorf("broken schema: code %d, stderr %q", code, stderr)
	}
}
