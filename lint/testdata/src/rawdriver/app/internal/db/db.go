package db

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

func Ping(ctx context.Context, pool *pgxpool.Pool) {
	pool.Exec(ctx, "SELECT 1") // allowed: the data-layer package
}
