// Package plinth is the run-time entry point of the plinth data layer: Open
// returns a *DB, a pgx connection pool that generated query code runs on.
//
//	db, err := plinth.Open(ctx, os.Getenv("DATABASE_URL"),
//		plinth.WithSchemaVersion(gen.SchemaVersion))
//	if err != nil {
//		return err // only a malformed URL fails here: nothing has connected yet
//	}
//	defer db.Close()
//	q := gen.New(db)
//
// Open is lazy: it parses and checks the URL at once, so a typo fails at
// boot, but it connects only when the first query needs a connection. A
// process can therefore open its database at start-up without making the
// database's availability a condition of starting (a lazy singleton, built
// eagerly). Call db.Ping(ctx) after Open to connect, and verify, at boot.
//
// WithCredentials supplies a password for every new connection, which is
// how short-lived tokens (AWS RDS IAM, Cloud SQL IAM, Azure AD) are used:
// a pool lives longer than a token, so the token is fetched when a
// connection is made, not when the pool is.
//
// # Nothing here migrates
//
// The runtime never changes the schema. Migrations run in CI or as a
// separate deploy step (plinth migrate), against the database the release
// is about to use, before the release starts. Migrating at start-up would
// turn every boot into a database operation: a slow migration blocks the
// boot, a failed one leaves a half-migrated database behind a half-started
// fleet, several instances race for the same migration, and rolling back a
// release would mean rolling back a schema that has already taken writes.
//
// What the runtime may do is refuse to run against a schema it was not
// built for: WithSchemaVersion compares the latest migration recorded in
// plinth_migrations with the version the binary was generated for, and
// every query fails, saying to run plinth migrate, until they agree.
package plinth
