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
		return fmt.Sprintf("plinth: database is at schema version %s, this binary needs %s: %s", e.Have, e.Want, hint)
	}
}

// Is reports whether target is ErrSchemaVersion.
func (e *SchemaVersionError) Is(target error) bool { return target == ErrSchemaVersion }

// latestVersionSQL reads the last migration the migration engine recorded.
const latestVersionSQL = `SELECT version FROM plinth_migrations ORDER BY version DESC LIMIT 1`

// checkSchemaVersion returns a *SchemaVersionError unless the latest
// applied migration on conn is want.
func checkSchemaVersion(ctx context.Context, conn *pgx.Conn, want string) error {
	var have string
	err := conn.QueryRow(ctx, latestVersionSQL).Scan(&have)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42P01": // undefined_table
		return &SchemaVersionError{Want: want, NoTable: true}
	case errors.Is(err, pgx.ErrNoRows):
		return &SchemaVersionError{Want: want}
	case err != nil:
		return fmt.Errorf("plinth: reading the schema version: %w", err)
	case have != want:
		return &SchemaVersionError{Want: want, Have: have}
	}
	return nil
}
