package tenant

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func queries(ctx context.Context, tx pgx.Tx) {
	tx.Query(ctx, "SELECT * FROM fleet_vehicles WHERE deleted_at IS NULL")                        // want `SELECT on fleet_vehicles has no condition on org_id: every tenant's rows are reached; filter by org_id`
	tx.Exec(ctx, "DELETE FROM fleet_vehicles WHERE id = $1")                                      // want `DELETE on fleet_vehicles has no condition on org_id`
	tx.Query(ctx, "SELECT count(*) FROM countries c JOIN fleet_vehicles v ON v.country = c.code") // want `SELECT on fleet_vehicles`

	tx.Query(ctx, "SELECT * FROM fleet_vehicles WHERE org_id = $1 AND id = $2")
	tx.Query(ctx, "SELECT * FROM fleet_vehicles v WHERE v.org_id = $1")
	tx.Query(ctx, "SELECT * FROM countries")

	//plinth:allow-cross-tenant the nightly report spans all tenants
	tx.Query(ctx, "SELECT count(*) FROM fleet_vehicles")
}
