package query

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DB is the pgx v5 method set generated queries run on. *pgxpool.Pool,
// *pgx.Conn and pgx.Tx all satisfy it, and so does plinth.Open's handle.
type DB interface {
	// Exec runs a statement that returns no rows.
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	// Query runs a statement that returns rows.
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	// QueryRow runs a statement that returns at most one row.
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	// SendBatch sends several statements in one round trip.
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	// CopyFrom bulk-loads rows with the COPY protocol.
	CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
	// Begin starts a transaction, or a savepoint when called on a pgx.Tx.
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Scanner reads the current row into dest; pgx.Row and pgx.Rows are Scanners.
type Scanner interface {
	Scan(dest ...any) error
}

// Raw is the explicit escape hatch to hand-written SQL. It runs on the
// scope's connection as is: no tenant filter, no soft-delete filter, no
// row-security setting. Prefer the generated builders; the plinth linter
// checks the sql arguments of these methods.
type Raw struct {
	db DB
}

// Exec runs sql with args and returns the command tag.
func (r Raw) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	tag, err := r.db.Exec(ctx, sql, args...)
	return tag, wrapErr(err)
}

// Query runs sql with args and returns the rows, which the caller closes.
func (r Raw) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	rows, err := r.db.Query(ctx, sql, args...)
	return rows, wrapErr(err)
}

// QueryRow runs sql with args and returns its single row.
func (r Raw) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return r.db.QueryRow(ctx, sql, args...)
}
