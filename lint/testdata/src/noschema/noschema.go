package noschema

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Without -schema, softdelete and tenant know no tables and report nothing.
func queries(ctx context.Context, tx pgx.Tx) {
	tx.Query(ctx, "SELECT * FROM fleet_customers")
	tx.Exec(ctx, "DELETE FROM fleet_vehicles WHERE id = $1")
}
