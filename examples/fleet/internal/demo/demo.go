// Package demo is the fleet example's tour of plinth: each step does real
// work on a migrated database, prints what happened, and checks its own
// claim. Run returns an error when a claim does not hold.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	neturl "net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/audit"
	"github.com/factory-kit/plinth/examples/fleet/db/gen"
	"github.com/factory-kit/plinth/guard"
	"github.com/factory-kit/plinth/query"
)

// AppRole is the non-superuser role the raw-SQL step runs as: superusers
// bypass row-level security, applications must not connect as one.
const AppRole = "fleet_app"

// tour holds what the steps share.
type tour struct {
	w      io.Writer
	db     *plinth.DB
	q      *gen.Queries
	log    *audit.Logger
	admin  uuid.UUID // the actor of the audit events
	suffix string    // keeps slugs unique when the demo runs twice

	acme, globex   gen.Organization
	acmeCustomers  []gen.Customer
	globexCustomer gen.Customer
	step           int
}

// Run runs every step against the database at url, which must be
// migrated (plinth migrate), and reports to w.
func Run(ctx context.Context, url string, w io.Writer) error {
	db, err := plinth.Open(ctx, url, plinth.WithSchemaVersion(gen.SchemaVersion)) // refuse a database that lacks a migration
	if err != nil {
		return err
	}
	defer db.Close()
	t := &tour{
		w:      w,
		db:     db,
		q:      gen.New(db),
		admin:  uuid.New(),
		suffix: fmt.Sprintf("%04x", rand.IntN(1<<16)),
	}
	t.log = audit.New(db, audit.Config{Table: "fleet_admin_actions", FlushInterval: 10 * time.Millisecond})
	defer t.log.Close(context.Background())

	fmt.Fprintln(w, "plinth fleet demo: every step checks its own claim")
	steps := []struct {
		title string
		run   func(context.Context) error
	}{
		{"two organizations (the tenants)", t.organizations},
		{"customers with custom attributes in JSONB", t.customers},
		{"vehicles: a base table with ICE and BEV variants", t.vehicles},
		{"soft delete: invisible to reads, restorable", t.softDelete},
		{"tenant isolation through the generated queries", t.isolation},
		{"tenant isolation in raw SQL, enforced by row-level security", t.rowSecurity},
		{"deleting an organization cascades to all of its rows", t.cascade},
		{"the audit trail, written fire-and-forget", t.auditTrail},
		{"the boot guard refuses a preview deployment on the production database", t.bootGuard},
	}
	for _, s := range steps {
		t.step++
		fmt.Fprintf(w, "\n%d. %s\n", t.step, s.title)
		if err := s.run(ctx); err != nil {
			fmt.Fprintf(w, "   FAILED: %v\n", err)
			return fmt.Errorf("step %d (%s): %w", t.step, s.title, err)
		}
	}
	fmt.Fprintln(w, "\nall claims held")
	return nil
}

func (t *tour) say(format string, args ...any) {
	fmt.Fprintf(t.w, "   "+format+"\n", args...)
}

// audited logs an admin action; Log never blocks and never fails.
func (t *tour) audited(action, subjectType string, subject uuid.UUID, meta map[string]any) {
	var raw json.RawMessage
	if meta != nil {
		raw, _ = json.Marshal(meta)
	}
	t.log.Log(audit.Event{ActorID: t.admin, Action: action, SubjectType: subjectType, SubjectID: subject, Metadata: raw})
}

func (t *tour) organizations(ctx context.Context) error {
	var err error
	if t.acme, err = t.q.Organizations.Insert(gen.NewOrganization{Name: "Acme Logistics", Slug: "acme-" + t.suffix}).Returning(ctx); err != nil {
		return err
	}
	if t.globex, err = t.q.Organizations.Insert(gen.NewOrganization{Name: "Globex Transport", Slug: "globex-" + t.suffix}).Returning(ctx); err != nil {
		return err
	}
	t.audited("organization.create", "organization", t.acme.ID, nil)
	t.audited("organization.create", "organization", t.globex.ID, nil)
	n, err := t.q.Organizations.Select().Where(gen.Organizations.ID.In(t.acme.ID, t.globex.ID)).Count(ctx)
	if err != nil {
		return err
	}
	if n != 2 {
		return fmt.Errorf("found %d of the 2 organizations", n)
	}
	t.say("%s  %s", short(t.acme.ID), t.acme.Name)
	t.say("%s  %s", short(t.globex.ID), t.globex.Name)
	return nil
}

func (t *tour) customers(ctx context.Context) error {
	acme := t.q.Tenant(t.acme.ID)
	rows := []gen.NewCustomer{
		{Name: "Northwind Freight", Email: ptr("ops@northwind.example"), CustomAttributes: map[string]any{"account_manager": "Dana", "contract": "2027-03"}},
		{Name: "Blue Ridge Couriers", Email: ptr("fleet@blueridge.example"), CustomAttributes: map[string]any{"depot_count": 4}},
		{Name: "Harbor Movers"}, // custom_attributes takes its default, {}
	}
	for _, r := range rows {
		c, err := acme.Customers.Insert(r).Returning(ctx)
		if err != nil {
			return err
		}
		t.acmeCustomers = append(t.acmeCustomers, c)
		t.audited("customer.create", "customer", c.ID, map[string]any{"name": c.Name})
	}
	var err error
	globex := t.q.Tenant(t.globex.ID)
	if t.globexCustomer, err = globex.Customers.Insert(gen.NewCustomer{Name: "Initech Shuttles"}).Returning(ctx); err != nil {
		return err
	}
	back, err := acme.Customers.Get(ctx, t.acmeCustomers[0].ID)
	if err != nil {
		return err
	}
	if back.CustomAttributes["account_manager"] != "Dana" || back.OrgID != t.acme.ID {
		return fmt.Errorf("customer read back as %+v", back)
	}
	if len(t.acmeCustomers[2].CustomAttributes) != 0 || t.acmeCustomers[2].CustomAttributes == nil {
		return fmt.Errorf("default custom_attributes = %v, want {}", t.acmeCustomers[2].CustomAttributes)
	}
	for _, c := range t.acmeCustomers {
		attrs, _ := json.Marshal(c.CustomAttributes)
		t.say("%-20s org %s  attributes %s", c.Name, short(c.OrgID), attrs)
	}
	t.say("%-20s org %s  (Globex)", t.globexCustomer.Name, short(t.globexCustomer.OrgID))
	t.say("org_id was set by the tenant scope, never by the caller")
	return nil
}

func (t *tour) vehicles(ctx context.Context) error {
	acme := t.q.Tenant(t.acme.ID)
	owner := t.acmeCustomers[0].ID
	ice, err := acme.Vehicles.InsertIceVehicle(ctx,
		gen.NewVehicle{CustomerID: owner, Make: "Ford", Model: "F-150", ModelYear: 2019, VIN: ptr("1FTFW1E50KFA00001")},
		gen.NewIceVehicle{FuelType: gen.FuelTypeGasoline, Mpg: ptr(num("20.5"))})
	if err != nil {
		return err
	}
	bev, err := acme.Vehicles.InsertBevVehicle(ctx,
		gen.NewVehicle{CustomerID: owner, Make: "Ford", Model: "F-150 Lightning", ModelYear: 2024, VIN: ptr("1FTVW1EL5PWG00002")},
		gen.NewBevVehicle{BatteryKwh: num("131"), ChargerType: gen.ChargerTypeCcs, ReplacingIceVehicleID: &ice.ID})
	if err != nil {
		return err
	}
	t.audited("vehicle.create", "vehicle", ice.ID, map[string]any{"kind": "ice"})
	t.audited("vehicle.create", "vehicle", bev.ID, map[string]any{"kind": "bev"})
	loaded, err := acme.Vehicles.GetWithVariant(ctx, bev.ID)
	if err != nil {
		return err
	}
	if loaded.BevVehicle == nil || loaded.IceVehicle != nil || *loaded.BevVehicle.ReplacingIceVehicleID != ice.ID {
		return fmt.Errorf("BEV loaded as %+v", loaded)
	}
	t.say("%s %s (%d), kind %s, %s", ice.Make, ice.Model, ice.ModelYear, ice.Kind, ice.IceVehicle.FuelType)
	t.say("%s %s (%d), kind %s, %s kWh battery, replaces %s", bev.Make, bev.Model, bev.ModelYear, bev.Kind, numText(bev.BevVehicle.BatteryKwh), short(ice.ID))

	// An impossible state: the ICE vehicle also recorded as a BEV.
	_, err = acme.BevVehicles.Insert(gen.NewBevVehicle{ID: ice.ID, BatteryKwh: num("75"), ChargerType: gen.ChargerTypeNacs}).Returning(ctx)
	var ce *query.ConstraintError
	if !errors.As(err, &ce) {
		return fmt.Errorf("the database accepted an ICE vehicle as a BEV too (err %v)", err)
	}
	t.say("refused: an ICE vehicle recorded as a BEV too (%s violation of %s)", ce.Kind, ce.Constraint)
	return nil
}

func (t *tour) softDelete(ctx context.Context) error {
	acme := t.q.Tenant(t.acme.ID)
	victim := t.acmeCustomers[2]
	n, err := acme.Customers.Delete().Where(gen.Customers.ID.Eq(victim.ID)).Exec(ctx)
	if err != nil || n != 1 {
		return fmt.Errorf("soft delete affected %d rows: %v", n, err)
	}
	t.audited("customer.delete", "customer", victim.ID, nil)
	if _, err := acme.Customers.Get(ctx, victim.ID); !errors.Is(err, query.ErrNotFound) {
		return fmt.Errorf("deleted customer still readable by Get (err %v)", err)
	}
	live, err := acme.Customers.Select().Count(ctx)
	if err != nil {
		return err
	}
	all, err := acme.Customers.Select().WithDeleted().Count(ctx)
	if err != nil {
		return err
	}
	if live != 2 || all != 3 {
		return fmt.Errorf("counts after delete: %d live, %d with deleted; want 2 and 3", live, all)
	}
	t.say("deleted %q: reads see %d customers, WithDeleted() sees %d", victim.Name, live, all)
	if n, err := acme.Customers.Restore().Where(gen.Customers.ID.Eq(victim.ID)).Exec(ctx); err != nil || n != 1 {
		return fmt.Errorf("restore affected %d rows: %v", n, err)
	}
	t.audited("customer.restore", "customer", victim.ID, nil)
	back, err := acme.Customers.Get(ctx, victim.ID)
	if err != nil || back.DeletedAt != nil {
		return fmt.Errorf("restored customer: %+v, %v", back, err)
	}
	t.say("restored %q: readable again", back.Name)
	return nil
}

func (t *tour) isolation(ctx context.Context) error {
	globex := t.q.Tenant(t.globex.ID)
	target := t.acmeCustomers[0]
	if _, err := globex.Customers.Get(ctx, target.ID); !errors.Is(err, query.ErrNotFound) {
		return fmt.Errorf("Globex read Acme's customer (err %v)", err)
	}
	n, err := globex.Customers.Update().Set(gen.Customers.Name.To("hijacked")).Where(gen.Customers.ID.Eq(target.ID)).Exec(ctx)
	if err != nil || n != 0 {
		return fmt.Errorf("Globex's update touched %d of Acme's rows (err %v)", n, err)
	}
	n, err = globex.Customers.HardDelete().All().Exec(ctx) // every row Globex may reach: its own only
	if err != nil || n != 1 {
		return fmt.Errorf("Globex's delete-all removed %d rows (err %v), want its own 1", n, err)
	}
	acmeCount, err := t.q.Tenant(t.acme.ID).Customers.Select().Count(ctx)
	if err != nil || acmeCount != 3 {
		return fmt.Errorf("Acme has %d customers after Globex's attempts (err %v)", acmeCount, err)
	}
	// A customer of another tenant cannot be referenced either: the foreign
	// key includes org_id.
	_, err = globex.Vehicles.Insert(gen.NewVehicle{Kind: "ice", CustomerID: target.ID, Make: "Fake", Model: "X", ModelYear: 2020}).Returning(ctx)
	if !query.IsForeignKeyViolation(err) {
		return fmt.Errorf("Globex attached a vehicle to Acme's customer (err %v)", err)
	}
	t.say("Globex reading Acme's customer: not found")
	t.say("Globex updating it: 0 rows; Globex deleting all rows: only its own 1")
	t.say("Globex attaching a vehicle to it: refused by the composite (org_id, customer_id) foreign key")
	return nil
}

func (t *tour) rowSecurity(ctx context.Context) error {
	if err := EnsureAppRole(ctx, t.db); err != nil {
		return err
	}
	// Raw SQL through the explicit escape hatch, run as the application
	// role with Globex's tenant setting: the builders' filters are gone, the
	// policies are not.
	var seen, changed int64
	err := t.q.Tx(ctx, func(tx *gen.Queries) error {
		raw := tx.Raw()
		if _, err := raw.Exec(ctx, "SET LOCAL ROLE "+AppRole); err != nil {
			return err
		}
		if _, err := raw.Exec(ctx, "SELECT set_config('plinth.org_id', $1, true)", t.globex.ID.String()); err != nil {
			return err
		}
		if err := raw.QueryRow(ctx, "SELECT count(*) FROM fleet_customers WHERE org_id = $1", t.acme.ID).Scan(&seen); err != nil {
			return err
		}
		tag, err := raw.Exec(ctx, "UPDATE fleet_customers SET name = 'hijacked' WHERE org_id = $1", t.acme.ID)
		changed = tag.RowsAffected()
		return err
	})
	if err != nil {
		return err
	}
	if seen != 0 || changed != 0 {
		return fmt.Errorf("raw SQL as Globex saw %d and changed %d of Acme's rows", seen, changed)
	}
	var unscoped int64
	err = t.q.Tx(ctx, func(tx *gen.Queries) error {
		if _, err := tx.Raw().Exec(ctx, "SET LOCAL ROLE "+AppRole); err != nil {
			return err
		}
		return tx.Raw().QueryRow(ctx, "SELECT count(*) FROM fleet_customers").Scan(&unscoped)
	})
	if err != nil {
		return err
	}
	if unscoped != 0 {
		return fmt.Errorf("raw SQL without a tenant setting saw %d rows, want none", unscoped)
	}
	t.say("as role %s with plinth.org_id = Globex: SELECT of Acme's customers -> %d rows, UPDATE -> %d rows", AppRole, seen, changed)
	t.say("with no tenant setting at all: %d rows (a missing setting means nothing, not everything)", unscoped)
	return nil
}

// tenantTables are the fleet's tenant-scoped tables, counted around the
// organization delete.
var tenantTables = []string{"fleet_customers", "fleet_vehicles", "fleet_ice_vehicles", "fleet_bev_vehicles", "fleet_vehicle_readings"}

func (t *tour) cascade(ctx context.Context) error {
	acme := t.q.Tenant(t.acme.ID)
	vehicles, err := acme.Vehicles.Select().All(ctx)
	if err != nil {
		return err
	}
	var readings []gen.NewVehicleReading
	start := time.Now().Add(-time.Hour)
	for i := range 12 {
		for _, v := range vehicles {
			readings = append(readings, gen.NewVehicleReading{VehicleID: v.ID, RecordedAt: start.Add(time.Duration(i) * 5 * time.Minute), SpeedKph: ptr(float32(40 + i))})
		}
	}
	if n, err := acme.VehicleReadings.InsertMany(readings).Exec(ctx); err != nil || n != int64(len(readings)) {
		return fmt.Errorf("inserted %d of %d readings: %v", n, len(readings), err)
	}
	before, err := t.countAcme(ctx)
	if err != nil {
		return err
	}
	n, err := t.q.Organizations.Delete().Where(gen.Organizations.ID.Eq(t.acme.ID)).Exec(ctx)
	if err != nil || n != 1 {
		return fmt.Errorf("deleting the organization affected %d rows: %v", n, err)
	}
	t.audited("organization.delete", "organization", t.acme.ID, map[string]any{"reason": "trial expired"})
	after, err := t.countAcme(ctx)
	if err != nil {
		return err
	}
	for _, table := range tenantTables {
		t.say("%-24s %3d rows before, %d after", table, before[table], after[table])
		if before[table] == 0 || after[table] != 0 {
			return fmt.Errorf("%s: %d rows before and %d after the delete", table, before[table], after[table])
		}
	}
	t.say("one DELETE of the organization; no cleanup code")
	return nil
}

// countAcme counts Acme's rows in every tenant table, across tenants on
// purpose: it is the demo's own check, not application code.
func (t *tour) countAcme(ctx context.Context) (map[string]int64, error) {
	counts := map[string]int64{}
	for _, table := range tenantTables {
		var n int64
		if err := t.q.Raw().QueryRow(ctx, "SELECT count(*) FROM "+table+" WHERE org_id = $1", t.acme.ID).Scan(&n); err != nil {
			return nil, err
		}
		counts[table] = n
	}
	return counts, nil
}

func (t *tour) auditTrail(ctx context.Context) error {
	stats := t.log.Stats()
	if err := t.log.Close(ctx); err != nil {
		return err
	}
	trail, err := t.q.AdminActions.Select().
		Where(gen.AdminActions.ActorID.Eq(t.admin)).
		OrderBy(gen.AdminActions.CreatedAt.Asc()).All(ctx)
	if err != nil {
		return err
	}
	want := int(t.log.Stats().Written)
	if len(trail) == 0 || len(trail) != want {
		return fmt.Errorf("%d audit rows for %d events written (stats before close: %+v)", len(trail), want, stats)
	}
	for _, a := range trail {
		t.say("%s  %-20s %-13s %s", a.CreatedAt.Format("15:04:05.000"), a.Action, deref(a.SubjectType), short(derefUUID(a.SubjectID)))
	}
	t.say("%d events, none dropped; the organization's trail outlives the organization", len(trail))
	return nil
}

func (t *tour) bootGuard(ctx context.Context) error {
	// A scratch database stands in for production: marking the demo's own
	// database would make the next run refuse it.
	prodURL, drop, err := scratchDatabase(ctx, t.db, "fleet_demo_prod_"+t.suffix)
	if err != nil {
		return err
	}
	defer drop()
	conn, err := pgx.Connect(ctx, prodURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if err := guard.Mark(ctx, conn, "production"); err != nil {
		return err
	}
	env := map[string]string{"VERCEL_ENV": "preview"}
	// The preview's configuration points at the production database through
	// a URL that does not look like the production one.
	err = guard.Check(ctx, guard.Config{
		URL:            prodURL,
		ProductionURLs: []string{"postgres://fleet@db.prod.internal:5432/fleet"},
		DB:             conn,
		Getenv:         func(k string) string { return env[k] },
	})
	var wrong *guard.WrongDatabaseError
	if !errors.As(err, &wrong) {
		return fmt.Errorf("a preview deployment booted on the production database (err %v)", err)
	}
	t.say("VERCEL_ENV=preview on a database marked production: %s", firstLine(err.Error()))
	env["VERCEL_ENV"] = "production"
	if err := guard.Check(ctx, guard.Config{URL: prodURL, DB: conn, Getenv: func(k string) string { return env[k] }}); err != nil {
		return fmt.Errorf("production refused its own database: %w", err)
	}
	t.say("VERCEL_ENV=production on the same database: allowed")
	return nil
}

// EnsureAppRole creates the non-superuser application role and grants it
// the fleet tables, as a deployment's setup would.
func EnsureAppRole(ctx context.Context, db *plinth.DB) error {
	_, err := db.Exec(ctx, `DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '`+AppRole+`') THEN
		CREATE ROLE `+AppRole+` NOLOGIN NOSUPERUSER NOBYPASSRLS;
	END IF;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO `+AppRole)
	return err
}

// scratchDatabase creates a database next to db's and returns its URL and
// a function that drops it.
func scratchDatabase(ctx context.Context, db *plinth.DB, name string) (string, func(), error) {
	if _, err := db.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, err
	}
	url := replaceDatabase(db.Pool().Config().ConnString(), name)
	drop := func() {
		_, _ = db.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	}
	return url, drop, nil
}

// replaceDatabase returns the connection string raw with its database
// replaced by name.
func replaceDatabase(raw, name string) string {
	u, err := neturl.Parse(raw)
	if err != nil || u.Scheme == "" {
		return raw + " dbname=" + name // keyword/value form: the last setting wins
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func short(id uuid.UUID) string { return id.String()[:8] }

func ptr[T any](v T) *T { return &v }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefUUID(id *uuid.UUID) uuid.UUID {
	if id == nil {
		return uuid.Nil
	}
	return *id
}

// num parses a decimal literal into a numeric value.
func num(s string) pgtype.Numeric {
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		panic(err)
	}
	return n
}

func numText(n pgtype.Numeric) string {
	v, err := n.Value()
	if err != nil || v == nil {
		return "?"
	}
	return fmt.Sprint(v)
}
