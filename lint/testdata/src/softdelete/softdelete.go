package softdelete

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func queries(ctx context.Context, tx pgx.Tx) {
	tx.Query(ctx, "SELECT * FROM fleet_customers WHERE org_id = $1")                                                          // want `SELECT on fleet_customers has no condition on deleted_at: soft-deleted rows are included; add deleted_at IS NULL`
	tx.Exec(ctx, "UPDATE fleet_customers SET name = $1 WHERE id = $2")                                                        // want `UPDATE on fleet_customers has no condition on deleted_at`
	tx.Exec(ctx, "DELETE FROM fleet_customers WHERE id = $1")                                                                 // want `DELETE on fleet_customers has no condition on deleted_at`
	tx.Query(ctx, "SELECT * FROM fleet_customers c JOIN fleet_vehicles v ON v.customer_id = c.id WHERE v.deleted_at IS NULL") // want `SELECT on fleet_customers has no condition on deleted_at`
	tx.Query(ctx, "SELECT * FROM fleet_customers WHERE id = 1 -- AND deleted_at IS NULL")                                     // want `has no condition on deleted_at`

	tx.Query(ctx, "SELECT * FROM fleet_customers WHERE deleted_at IS NULL AND id = $1")
	tx.Query(ctx, "SELECT * FROM fleet_customers c WHERE c.deleted_at IS NULL")
	tx.Exec(ctx, "UPDATE fleet_customers SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL")
	tx.Exec(ctx, "INSERT INTO fleet_customers (name) VALUES ($1)")
	tx.Query(ctx, "SELECT * FROM countries")

	//plinth:allow-deleted the admin trash view lists deleted rows
	tx.Query(ctx, "SELECT * FROM fleet_customers WHERE org_id = $1")
}
