package plinth

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Option configures Open.
type Option func(*options)

// options holds what the Options set.
type options struct {
	credentials   func(ctx context.Context) (string, error)
	schemaVersion string
	pool          []func(*pgxpool.Config)
}

// WithCredentials makes every new connection take its password from
// provider, called once per connection, just before it is made. Use it for
// short-lived tokens (RDS IAM authentication tokens last 15 minutes; a pool
// lasts as long as the process). An error from provider fails that
// connection attempt, and so the query that needed it; the next attempt
// calls provider again. The password in the URL, if any, is replaced.
//
// provider runs on the goroutine that needs the connection, with its
// context; it should cache a token until shortly before it expires rather
// than fetch one on every call.
func WithCredentials(provider func(ctx context.Context) (password string, err error)) Option {
	return func(o *options) { o.credentials = provider }
}

// WithSchemaVersion makes the DB verify that the migration version, the
// one the binary's generated code was built for (the generated package's
// SchemaVersion constant), has been applied to the database. Later
// migrations may have been applied as well: a database ahead of the binary
// is what a rolling deploy looks like, one behind it is refused.
//
// The check runs on the first connection the pool makes, that is at first
// use, or at Open time if the caller pings. Until it succeeds, every new
// connection repeats it and fails with a *SchemaVersionError, so every
// query fails; once it has succeeded it is not repeated, so a migration
// applied while the process runs (the next release's, in a rolling deploy)
// does not take the running release down. The DB never migrates: the error
// says to run plinth migrate.
func WithSchemaVersion(version string) Option {
	return func(o *options) { o.schemaVersion = version }
}

// WithPoolConfig lets fn adjust the pgxpool configuration parsed from the
// URL (pool size, lifetimes, tracer, hooks) before the pool is created.
// Hooks fn sets run after plinth's own: BeforeConnect after the credential
// provider, AfterConnect after the schema version check.
func WithPoolConfig(fn func(*pgxpool.Config)) Option {
	return func(o *options) { o.pool = append(o.pool, fn) }
}
