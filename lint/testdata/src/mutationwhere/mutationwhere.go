package mutationwhere

import (
	"context"
	"database/sql"
	"sync"

	"github.com/factory-kit/plinth"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

const table = "fleet_customers"

const deleteAll = "DELETE FROM " + table

// cache has a Delete method and an Exec without a context: neither is SQL.
type cache struct{ m map[string]int }

func (c *cache) Delete(key string)     { delete(c.m, key) }
func (c *cache) Exec(cmd string) error { return nil }

// store has the method set of a pgx query interface; it is judged by
// types, whatever it and its variables are called.
type store struct{}

func (s store) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func drivers(ctx context.Context, conn *pgx.Conn, pool *pgxpool.Pool, tx pgx.Tx, db *sql.DB, stx *sql.Tx, batch *pgx.Batch) {
	tx.Exec(ctx, "DELETE FROM t")                  // want `DELETE on t has no WHERE and deletes every row: add a WHERE`
	conn.Exec(ctx, "UPDATE t SET a = 1")           // want `UPDATE on t has no WHERE and updates every row`
	pool.Query(ctx, "delete from t returning id")  // want `DELETE on t has no WHERE`
	conn.QueryRow(ctx, deleteAll)                  // want `DELETE on fleet_customers has no WHERE`
	db.Exec("DELETE FROM t")                       // want `DELETE on t has no WHERE`
	db.ExecContext(ctx, "UPDATE t SET a = 1")      // want `UPDATE on t has no WHERE`
	stx.QueryRowContext(ctx, "DELETE FROM t")      // want `DELETE on t has no WHERE`
	batch.Queue("DELETE FROM t")                   // want `DELETE on t has no WHERE`
	conn.Prepare(ctx, "DELETE FROM t", "SELECT 1") // the name argument is not SQL
	conn.Prepare(ctx, "del", "DELETE FROM t")      // want `DELETE on t has no WHERE`
	store{}.Exec(ctx, "DELETE FROM t")             // want `DELETE on t has no WHERE`

	var db2 plinth.DB
	db2.RawExec(ctx, "UPDATE t SET a = 1") // want `UPDATE on t has no WHERE`
	db2.Raw("DELETE FROM t")               // want `DELETE on t has no WHERE`
	db2.Named("DELETE FROM t")
}

func statements(ctx context.Context, tx pgx.Tx) {
	tx.Exec(ctx, "WITH x AS (SELECT 1) DELETE FROM t")                     // want `DELETE on t has no WHERE`
	tx.Exec(ctx, "WITH x AS (SELECT id FROM u WHERE a) DELETE FROM t")     // want `DELETE on t has no WHERE`
	tx.Exec(ctx, "WITH d AS (DELETE FROM t RETURNING id) SELECT * FROM d") // want `DELETE on t has no WHERE`
	tx.Exec(ctx, "DELETE FROM t -- WHERE id = $1")                         // want `DELETE on t has no WHERE`
	tx.Exec(ctx, "DELETE FROM t /* WHERE id = $1 */")                      // want `DELETE on t has no WHERE`
	tx.Exec(ctx, "UPDATE t SET note = 'WHERE x'")                          // want `UPDATE on t has no WHERE`
	tx.Exec(ctx, "UPDATE t SET a = (SELECT b FROM u WHERE u.id = t.id)")   // want `UPDATE on t has no WHERE`
	tx.Exec(ctx, "SELECT 1; DELETE FROM t")                                // want `DELETE on t has no WHERE`

	tx.Exec(ctx, "UPDATE t SET a = u.a FROM u WHERE t.id = u.id")
	tx.Exec(ctx, "DELETE FROM t WHERE id = $1")
	tx.Exec(ctx, "DELETE FROM t USING u WHERE t.u = u.id")
	tx.Exec(ctx, "WITH x AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM x)")
	tx.Exec(ctx, "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2")
	tx.Exec(ctx, "SELECT * FROM t FOR UPDATE")
	tx.Exec(ctx, "CREATE TABLE t (u int REFERENCES u ON DELETE CASCADE)")
}

func evaluation(ctx context.Context, tx pgx.Tx, dynamic string) {
	q := "DELETE FROM " + table
	tx.Exec(ctx, q) // want `DELETE on fleet_customers has no WHERE`

	base := "UPDATE t SET a = 1"
	where := base + " WHERE id = $1"
	tx.Exec(ctx, where)
	tx.Exec(ctx, base) // want `UPDATE on t has no WHERE`

	reassigned := "DELETE FROM t"
	reassigned += " WHERE id = $1"
	tx.Exec(ctx, reassigned) // assigned twice: not evaluated

	tx.Exec(ctx, "DELETE FROM t "+dynamic) // dynamic: not evaluated
	tx.Exec(ctx, ("DELETE FROM t"))        // want `DELETE on t has no WHERE`
}

func allowed(ctx context.Context, tx pgx.Tx) {
	//plinth:allow-all-rows the staging table is rebuilt nightly
	tx.Exec(ctx, "DELETE FROM staging")
	tx.Exec(ctx, "DELETE FROM staging") //plinth:allow-all-rows rebuilt nightly

	// want +1 `//plinth:allow-all-rows needs a reason`
	//plinth:allow-all-rows
	tx.Exec(ctx, "DELETE FROM staging")

	//plinth:allow-all-rows one finding only
	tx.Exec(ctx, "DELETE FROM a; DELETE FROM b") // want `DELETE on b has no WHERE`

	//plinth:allow-all-rowsX is another directive
	tx.Exec(ctx, "DELETE FROM t") // want `DELETE on t has no WHERE`
}

func notSQL(c *cache, m *sync.Map, plain map[string]int) {
	c.Delete("DELETE FROM t")
	c.Exec("DELETE FROM t")
	m.Delete("DELETE FROM t")
	delete(plain, "DELETE FROM t")
}
