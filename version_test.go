package plinth_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/devdb"
	"github.com/jackc/pgx/v5"
)

const migrationsDDL = `CREATE TABLE plinth_migrations (
	version text PRIMARY KEY,
	name text NOT NULL,
	checksum text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now(),
	execution_ms integer NOT NULL DEFAULT 0
)`

// setupVersions returns a database whose plinth_migrations holds versions;
// nil versions means no table at all.
func setupVersions(t *testing.T, versions ...string) string {
	t.Helper()
	ctx := context.Background()
	url := devdb.ForTest(t).Database(t)
	if versions == nil {
		return url
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, migrationsDDL); err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		if _, err := conn.Exec(ctx, `INSERT INTO plinth_migrations (version, name, checksum) VALUES ($1, 'm', 'x')`, v); err != nil {
			t.Fatal(err)
		}
	}
	return url
}

func TestSchemaVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		versions []string
		want     string
		wantErr  *plinth.SchemaVersionError
		wantText string
	}{
		{"at version", []string{"0001", "0002"}, "0002", nil, ""},
		{"behind", []string{"0001"}, "0002", &plinth.SchemaVersionError{Want: "0002", Have: "0001"}, "database is at schema version 0001 and lacks 0002"},
		{"ahead", []string{"0001", "0002", "0003"}, "0002", nil, ""},
		{"merged late", []string{"0001", "0003"}, "0002", &plinth.SchemaVersionError{Want: "0002", Have: "0003"}, "lacks 0002"},
		{"no table", nil, "0002", &plinth.SchemaVersionError{Want: "0002", NoTable: true}, "no plinth_migrations table"},
		{"empty table", []string{}, "0002", &plinth.SchemaVersionError{Want: "0002"}, "no migration is recorded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := plinth.Open(ctx, setupVersions(t, tt.versions...), plinth.WithSchemaVersion(tt.want))
			if err != nil {
				t.Fatalf("Open: %v (the check must wait for first use)", err)
			}
			defer db.Close()
			_, err = db.Exec(ctx, "SELECT 1")
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("query at the right version: %v", err)
				}
				return
			}
			var got *plinth.SchemaVersionError
			if !errors.As(err, &got) || *got != *tt.wantErr || !errors.Is(err, plinth.ErrSchemaVersion) {
				t.Fatalf("query: %v, want %#v", err, tt.wantErr)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.wantText) || !strings.Contains(msg, "plinth migrate") {
				t.Errorf("message %q: want %q and an instruction to run plinth migrate", msg, tt.wantText)
			}
			if err := db.Ping(ctx); !errors.Is(err, plinth.ErrSchemaVersion) {
				t.Errorf("Ping after a failed check: %v, want the check to fail again", err)
			}
		})
	}
}

func TestSchemaVersionRecheckedUntilItPasses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := setupVersions(t, "0001")
	db, err := plinth.Open(ctx, url, plinth.WithSchemaVersion("0002"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(ctx); !errors.Is(err, plinth.ErrSchemaVersion) {
		t.Fatalf("Ping behind: %v", err)
	}
	// plinth migrate runs (here: records the migration).
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `INSERT INTO plinth_migrations (version, name, checksum) VALUES ('0002', 'm', 'x')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping after migrating: %v", err)
	}
	// A later migration does not fail the running process.
	if _, err := admin.Exec(ctx, `INSERT INTO plinth_migrations (version, name, checksum) VALUES ('0003', 'm', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Pool().Reset() // force new connections
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping after the next release migrated: %v, want the verified process to keep running", err)
	}
}
