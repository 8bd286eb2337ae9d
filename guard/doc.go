// Package guard is the boot-time assertion that a deployment uses its own
// environment's database: a preview or development process never writes
// to production's.
//
//	func main() {
//		ctx := context.Background()
//		db, err := plinth.Open(ctx, os.Getenv("DATABASE_URL"))
//		...
//		if err := guard.Check(ctx, guard.Config{DB: db}); err != nil {
//			log.Fatal(err) // loud, at boot, before the first request
//		}
//		...
//	}
//
// Check reads the process's environment from PLINTH_ENV, APP_ENV or
// VERCEL_ENV (Config.Env overrides; none set means development) and runs
// two checks.
//
// The URL check is the first layer: the database URL, normalized (NormalizeURL),
// must not equal the production URL ($PROD_DATABASE_URL, or
// Config.ProductionURLs). It catches a copied variable, but not the same
// database behind another spelling: another host name, an IP address, a
// proxy or pooler, a socket.
//
// The mark check asks the database. Mark (or plinth mark --env production)
// records the environment in a one-row table, plinth_environment, in the
// database itself; a non-production process that finds "production" there
// refuses to start however it got there, and a production process that
// finds another environment refuses too.
//
// Why a table, and not the alternatives:
//
//   - COMMENT ON DATABASE and ALTER DATABASE … SET plinth.env need the
//     database's owner, which managed services (RDS, Cloud SQL, Neon) often
//     keep from application roles, and a setting is only seen by sessions
//     that start after it is set.
//   - Comparing server identities (system_identifier and database name)
//     needs a connection to production from the preview deployment, that
//     is production credentials where they must not be.
//   - A table can be created and read by ordinary roles, costs one indexed
//     row, and travels with the data: a dump of production restored
//     elsewhere, or a branch of it, still says "production" until someone
//     re-marks it deliberately. That is the safe direction: such a copy
//     holds production data.
//
// The table is plinth_environment(id boolean PRIMARY KEY DEFAULT true
// CHECK (id), env text NOT NULL, marked_at timestamptz NOT NULL DEFAULT
// now()); the id column keeps it to one row.
package guard
