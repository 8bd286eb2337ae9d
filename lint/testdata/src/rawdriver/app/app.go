package app

import (
	"context"
	"database/sql"

	"github.com/factory-kit/plinth"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type store struct{}

func (store) Exec(ctx context.Context, sql string, args ...any) error { return nil }

func handler(ctx context.Context, pool *pgxpool.Pool, tx pgx.Tx, db *sql.DB, q string) {
	pool.Exec(ctx, "SELECT 1")       // want `direct \(\*pgxpool.Pool\).Exec call outside the data layer: use the generated query builders, or plinth's explicit raw escape hatch`
	tx.QueryRow(ctx, q)              // want `direct pgx.Tx.QueryRow call outside the data layer`
	db.QueryContext(ctx, "SELECT 1") // want `direct \(\*sql.DB\).QueryContext call`
	pool.Begin(ctx)                  // not a query

	var p plinth.DB
	p.RawExec(ctx, "SELECT 1") // the escape hatch is the sanctioned way
	store{}.Exec(ctx, "SELECT 1")

	//plinth:allow-raw LISTEN needs a dedicated connection
	pool.Exec(ctx, "LISTEN jobs")
}
