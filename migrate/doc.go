// Package migrate turns the difference between a schema.Model and a
// database into SQL, keeps the migrations directory, and applies it.
//
// # How a diff is made
//
// Both sides of a diff are normalized by PostgreSQL itself: the desired
// model's DDL (Model.SQL) is applied to a throwaway database and read back
// from pg_catalog by Inspect; the current state is the migrations directory
// replayed on another throwaway database (for Generate and Check) or the
// live database (for Push). Diff compares the two in the catalog view
// (see CatalogView): only what the catalog records takes part, never the
// plinth semantics that live in the DSL alone. Renames come only from
// RenamedFrom in the DSL; they are never guessed and never prompted for.
// Destructive steps are refused, each one named, unless AllowDestructive.
//
// # The migrations directory
//
// One plain SQL file per migration, named by one convention for the life of
// the directory: sequential (0001_create_customers.sql, the default) or
// timestamp (20260514093000_create_customers.sql). plinth.sum records the
// convention and a chained hash of every file, so an edited, removed,
// inserted or reordered file is detected, and two branches that each add a
// migration conflict in git. A file whose first line is
//
//	-- plinth:no-transaction
//
// is applied outside a transaction, statement by statement (and the
// session's lock_timeout is restored after it).
//
// # Migrations for a live database
//
// Generate writes a plan as Plan.Files does, so that it passes plinth's
// migration lint on a database whose tables hold rows: a file that
// changes an existing table starts with SET LOCAL lock_timeout
// (LockTimeout), adds foreign keys and checks to it NOT VALID, and leaves
// to a second, no-transaction file the CREATE INDEX CONCURRENTLY and
// DROP INDEX CONCURRENTLY of its indexes and the VALIDATE CONSTRAINT of
// those constraints (0002_add_email.sql, then
// 0003_add_email_indexes.sql). Steps the lint would report that the plan
// means (destructive steps allowed by AllowDestructive, widenings,
// renames from RenamedFrom) carry a -- plinth:lint-ignore reason or a
// -- plinth:rename note. Tables created in the same file need none of
// this, so a first migration is plain DDL. Push runs the plain form,
// Plan.SQL, in one transaction.
//
// # Why nothing at run time migrates
//
// plinth's runtime never applies migrations, and this package is meant for
// the CLI (plinth migrate) in CI or a deploy step, not for a server's
// main. Migrating at startup turns every deploy into a database operation:
// a slow migration blocks the boot, a failed one leaves the application
// half-migrated while replicas crash-loop, several replicas race for the
// same change, and rolling back the deploy means rolling back a schema that
// may already hold new rows. Run as a separate gate, against an ephemeral
// branch database first (plinth check) and then the real one (plinth
// migrate), the schema change either lands whole or not at all, and the
// deploy that follows is just code. The runtime only reads the version
// (SELECT version FROM plinth_migrations ORDER BY version DESC LIMIT 1) to
// fail loudly when the database is behind the binary.
//
// # Applying
//
// Up takes a PostgreSQL advisory lock, so concurrent runs apply each file
// exactly once, refuses before applying anything when the directory and the
// bookkeeping table disagree (an applied file edited or missing, a pending
// file sorting before the last applied one, mixed naming, a sum mismatch),
// and applies each pending file in its own transaction together with its
// row in plinth_migrations. A failing file leaves no trace; the error names
// the file, the line and the statement.
package migrate
