package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/guard"
	"github.com/jackc/pgx/v5"
)

func TestMark(t *testing.T) {
	t.Parallel()
	url := devdb.ForTest(t).Database(t)
	if code, out, stderr := run(t, "mark", "--url", url); code != 0 || out != "unmarked\n" {
		t.Fatalf("mark on a fresh database: code %d, stdout %q, stderr %q", code, out, stderr)
	}
	code, out, stderr := run(t, "mark", "--env", "production", "--url", url)
	if code != 0 || !strings.HasPrefix(out, "production (marked ") {
		t.Fatalf("mark --env production: code %d, stdout %q, stderr %q", code, out, stderr)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if env, _, err := guard.ReadMark(ctx, conn); err != nil || env != guard.Production {
		t.Errorf("the database's mark after plinth mark: %q, %v", env, err)
	}
	if code, _, stderr := run(t, "mark", "--url", "postgres://db.example.com:notaport/app"); code != 1 || !strings.Contains(stderr, "plinth: mark:") {
		t.Errorf("mark with a malformed URL: code %d, stderr %q", code, stderr)
	}
	if code, _, _ := run(t, "mark", "extra"); code != 2 {
		t.Errorf("mark with an argument: code %d, want 2", code)
	}
}
