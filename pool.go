package plinth

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Exec runs sql with arguments on a pooled connection; see [pgxpool.Pool.Exec].
func (db *DB) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return db.pool.Exec(ctx, sql, arguments...)
}

// Query runs sql with args and returns its rows; see [pgxpool.Pool.Query].
// The connection returns to the pool when the rows are closed.
func (db *DB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return db.pool.Query(ctx, sql, args...)
}

// QueryRow runs sql with args and returns at most one row; see
// [pgxpool.Pool.QueryRow]. Errors are deferred until the row's Scan.
func (db *DB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return db.pool.QueryRow(ctx, sql, args...)
}

// SendBatch sends b in one round trip; see [pgxpool.Pool.SendBatch]. The
// connection returns to the pool when the results are closed.
func (db *DB) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return db.pool.SendBatch(ctx, b)
}

// CopyFrom bulk-loads rowSrc into tableName with the COPY protocol; see
// [pgxpool.Pool.CopyFrom].
func (db *DB) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	return db.pool.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

// Begin starts a transaction on a pooled connection, which returns to the
// pool at Commit or Rollback; see [pgxpool.Pool.Begin].
func (db *DB) Begin(ctx context.Context) (pgx.Tx, error) {
	return db.pool.Begin(ctx)
}

// BeginTx starts a transaction with txOptions; see [pgxpool.Pool.BeginTx].
func (db *DB) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) {
	return db.pool.BeginTx(ctx, txOptions)
}

// Ping acquires a connection, connecting (and verifying the schema version)
// if the pool has none, and checks that the server answers. Call it after
// Open to fail at boot instead of at the first query.
func (db *DB) Ping(ctx context.Context) error {
	return db.pool.Ping(ctx)
}

// Pool returns the underlying pgx pool, for what DB does not wrap (Acquire,
// Stat, Reset, …).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the DB: it refuses new work, waits until every acquired
// connection (unclosed rows, open transactions and batches) has been
// released, and then closes all connections. Finish or cancel in-flight
// work first, or Close waits for it.
func (db *DB) Close() { db.pool.Close() }

// Tx runs fn in a transaction: it commits when fn returns nil and rolls
// back when fn returns an error or panics. A transaction begun on tx inside
// fn (tx.Begin, or Tx of the generated queries built on tx) is a savepoint,
// so nested units of work roll back alone.
func (db *DB) Tx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}
