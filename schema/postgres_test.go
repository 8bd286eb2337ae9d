package schema_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// applied connects to a fresh database holding the DDL of reg.
func applied(t *testing.T, reg schema.Registry) *pgx.Conn {
	t.Helper()
	m, err := schema.New(reg...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, devdb.ForTest(t).Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	if _, err := conn.Exec(ctx, m.SQL()); err != nil {
		t.Fatalf("applying the DDL: %v\n%s", err, m.SQL())
	}
	return conn
}

func TestDDLAppliesToPostgres(t *testing.T) {
	t.Parallel()
	for name, reg := range map[string]func() schema.Registry{
		"fleet": fleetSchema, "types": typesSchema, "naming": namingSchema,
		"variants": variantsSchema, "reference": referenceSchema,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			applied(t, reg())
		})
	}
}

// exec runs sql and returns the SQLSTATE of its error, "" on success.
func exec(t *testing.T, conn *pgx.Conn, sql string) string {
	t.Helper()
	_, err := conn.Exec(context.Background(), sql)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	if err != nil {
		t.Fatal(err)
	}
	return ""
}

// asApplication switches conn to a fresh role that is no superuser, as an
// application's is: superusers bypass row security.
func asApplication(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	var db string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	role := schema.QuoteIdent(db + "_app")
	for _, sql := range []string{
		"CREATE ROLE " + role + " NOSUPERUSER NOBYPASSRLS",
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
		"SET ROLE " + role,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	t.Cleanup(func() {
		ctx := context.Background()
		conn.Exec(ctx, "RESET ROLE")
		conn.Exec(ctx, "DROP OWNED BY "+role)
		conn.Exec(ctx, "DROP ROLE "+role)
	})
}

func TestDatabaseEnforcesConventions(t *testing.T) {
	t.Parallel()
	conn := applied(t, append(fleetSchema(), variantsSchema()...))
	const (
		org1 = "'00000000-0000-0000-0000-000000000001'"
		org2 = "'00000000-0000-0000-0000-000000000002'"
		cus1 = "'00000000-0000-0000-0000-0000000000c1'"
		vt1  = "'00000000-0000-0000-0000-0000000000a1'"
	)
	asApplication(t, conn)
	steps := []struct {
		name, sql, wantCode string
	}{
		{"orgs", "INSERT INTO fleet_organizations (id, name) VALUES (" + org1 + ", 'one'), (" + org2 + ", 'two')", ""},
		// The table owner is subject to the policy: without the setting nothing is visible or writable.
		{"no tenant setting", "INSERT INTO fleet_customers (id, org_id, name) VALUES (" + cus1 + ", " + org1 + ", 'c')", "42501"},
		{"set tenant", "SELECT set_config('plinth.org_id', " + org1 + ", false)", ""},
		{"customer", "INSERT INTO fleet_customers (id, org_id, name, email) VALUES (" + cus1 + ", " + org1 + ", 'c', 'a@x')", ""},
		{"other tenant's row refused by policy", "INSERT INTO fleet_customers (org_id, name) VALUES (" + org2 + ", 'c')", "42501"},
		{"cross-tenant reference", "INSERT INTO fleet_vehicles (org_id, customer_id, vin, year) VALUES (" + org2 + ", " + cus1 + ", '12345678901234567', 2020)", "23503"},
		{"same-tenant reference", "INSERT INTO fleet_vehicles (org_id, customer_id, vin, year) VALUES (" + org1 + ", " + cus1 + ", '12345678901234567', 2020)", ""},
		{"unique among live rows", "INSERT INTO fleet_customers (org_id, name, email) VALUES (" + org1 + ", 'd', 'a@x')", "23505"},
		{"soft delete", "UPDATE fleet_customers SET deleted_at = now() WHERE id = " + cus1, ""},
		{"unique again after soft delete", "INSERT INTO fleet_customers (org_id, name, email) VALUES (" + org1 + ", 'd', 'a@x')", ""},
		{"vehicle type", "INSERT INTO app_orgs (id) VALUES (" + org1 + "); INSERT INTO app_vehicle_types (id, kind, org_id, make, model) VALUES (" + vt1 + ", 'ice', " + org1 + ", 'm', 'm')", ""},
		{"variant of the other kind", "INSERT INTO app_bev_vehicles (id, org_id, battery_kwh) VALUES (" + vt1 + ", " + org1 + ", 60)", "23503"},
		{"variant of its kind", "INSERT INTO app_ice_vehicles (id, org_id, mpg) VALUES (" + vt1 + ", " + org1 + ", 40)", ""},
		{"variant kind is fixed", "INSERT INTO app_ice_vehicles (id, kind, org_id) VALUES (" + vt1 + ", 'bev', " + org1 + ")", "23514"},
		{"tenant delete cascades", "DELETE FROM fleet_organizations WHERE id = " + org1, ""},
	}
	for _, s := range steps {
		if got := exec(t, conn, s.sql); got != s.wantCode {
			t.Fatalf("%s: SQLSTATE %q, want %q\n%s", s.name, got, s.wantCode, s.sql)
		}
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM fleet_vehicles").Scan(&n); err != nil || n != 0 {
		t.Errorf("vehicles left after deleting their tenant: %d (err %v), want 0", n, err)
	}
}
