package plinth

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ErrSchemaVersion is matched (errors.Is) by every *SchemaVersionError.
var ErrSchemaVersion = errors.New("plinth: database schema is not at the expected version")

// SchemaVersionError reports that the database is not at the schema
// version the binary was built for (WithSchemaVersion).
type SchemaVersionError struct {
	// Want is the version the binary expects.
	Want string
	// Have is the latest version applied to the database; empty when none is.
	Have string
	// NoTable is set when the database has no plinth_migrations table.
	NoTable bool
}

// Error says what was found and to run plinth migrate.
func (e *SchemaVersionError) Error() string {
	const hint = "run `plinth migrate` against this database (in CI or the deploy step; the application never migrates)"
	switch {
	case e.NoTable:
		return fmt.Sprintf("plinth: database has no plinth_migrations table, so no migration was applied; this binary needs schema version %s: %s", e.Want, hint)
	case e.Have == "":
		return fmt.Sprintf("plinth: no migration is recorded in plinth_migrations; this binary needs schema version %s: %s", e.Want, hint)
	default:
		return fmt.Sprintf("plinth: database is at schema version %s and lacks %s, which this binary needs: %s", e.Have, e.Want, hint)
	}
}

// Is reports whether target is ErrSchemaVersion.
func (e *SchemaVersionError) Is(target error) bool { return target == ErrSchemaVersion }

// versionSQL says whether the migration want was applied, and which
// migration the migration engine recorded last.
const versionSQL = `SELECT EXISTS (SELECT 1 FROM plinth_migrations WHERE version = $1),
	coalesce((SELECT version FROM plinth_migrations ORDER BY version DESC LIMIT 1), '')`

// checkSchemaVersion returns a *SchemaVersionError unless the migration
// want has been applied on conn. Later migrations may have been applied
// too: during a rolling deploy the new release's migrations run while the
// previous release still serves, and migrations are written to keep it
// working (expand, then contract), so only a database that is behind is
// refused.
func checkSchemaVersion(ctx context.Context, conn *pgx.Conn, want string) error {
	var applied bool
	var have string
	err := conn.QueryRow(ctx, versionSQL, want).Scan(&applied, &have)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42P01": // undefined_table
		return &SchemaVersionError{Want: want, NoTable: true}
	case err != nil:
		return fmt.Errorf("plinth: reading the schema version: %w", err)
	case !applied:
		return &SchemaVersionError{Want: want, Have: have}
	}
	return nil
}
