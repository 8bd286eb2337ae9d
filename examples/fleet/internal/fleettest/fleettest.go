// Package fleettest gives the fleet example's tests a database migrated by
// the example's own migrations directory, cloned per test from a template.
package fleettest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/migrate"
)

// MigrationsDir is the example's migrations directory.
func MigrationsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "db", "migrations")
}

// Database returns the URL of a database, for tb alone, on which every
// migration of the example has been applied by migrate.Up, as plinth
// migrate would.
func Database(tb testing.TB) string {
	tb.Helper()
	dir, err := migrate.ReadDir(MigrationsDir(), migrate.Sequential)
	if err != nil {
		tb.Fatal(err)
	}
	key := sha256.New()
	key.Write(dir.Sum())
	tpl, err := devdb.ForTest(tb).Template(context.Background(), "fleet "+hex.EncodeToString(key.Sum(nil)), func(ctx context.Context, conn *pgx.Conn) error {
		_, err := migrate.Up(ctx, conn, dir, migrate.UpOpts{})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return tpl.Branch(tb)
}
