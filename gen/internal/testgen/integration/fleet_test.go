package integration_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/factory-kit/plinth/gen/internal/testgen/fleet"
	"github.com/factory-kit/plinth/gen/internal/testgen/schemas"
	"github.com/factory-kit/plinth/query"
	"github.com/factory-kit/plinth/tenant"
	"github.com/google/uuid"
)

func ptr[T any](v T) *T { return &v }

// newOrg inserts an organization and returns its id.
func newOrg(t *testing.T, q *fleet.Queries, name string) uuid.UUID {
	t.Helper()
	o, err := q.Organizations.Insert(fleet.NewOrganization{Name: name}).Returning(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func TestInsertDefaultsAndJSONB(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := fleet.New(setup(t, "fleet", false).pool)
	org := newOrg(t, q, "acme")
	tq := q.Tenant(org)
	c, err := tq.Customers.Insert(fleet.NewCustomer{Name: "Acme"}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.OrgID != org || c.ID == uuid.Nil || c.Status != fleet.CustomerStatusActive || c.Tags == nil || c.CustomAttributes == nil || c.CreatedAt.IsZero() || c.DeletedAt != nil {
		t.Fatalf("defaults not applied: %+v", c)
	}
	c2, err := tq.Customers.Insert(fleet.NewCustomer{
		Name: "Beta", Email: ptr("b@x.io"), Status: ptr(fleet.CustomerStatusChurned),
		CustomAttributes: map[string]any{"tier": "gold"}, Tags: []string{"a", "b"},
	}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if *c2.Email != "b@x.io" || c2.Status != fleet.CustomerStatusChurned || c2.CustomAttributes["tier"] != "gold" || !slices.Equal(c2.Tags, []string{"a", "b"}) {
		t.Fatalf("values not stored: %+v", c2)
	}
	settings := &schemas.Settings{Theme: "dark", Extra: map[string]any{"n": 1.0}}
	o, err := q.Organizations.Update().Set(fleet.Organizations.Settings.To(schemas.Settings{Theme: "dark", Extra: map[string]any{"n": 1.0}})).
		Where(fleet.Organizations.ID.Eq(org)).Returning(ctx)
	if err != nil || o[0].Settings == nil || o[0].Settings.Theme != settings.Theme || o[0].Settings.Extra["n"] != 1.0 {
		t.Fatalf("JSONB struct round trip: %+v, %v", o, err)
	}

	// Rows that disagree on a defaulted column cannot share one COPY.
	n, err := tq.Customers.InsertMany([]fleet.NewCustomer{{Name: "m1"}, {Name: "m2", Status: ptr(fleet.CustomerStatusChurned)}}).Exec(ctx)
	if err != nil || n != 2 {
		t.Fatalf("mixed InsertMany = %d, %v", n, err)
	}
	n, err = tq.Customers.InsertMany([]fleet.NewCustomer{{Name: "c1"}, {Name: "c2"}}).Exec(ctx)
	if err != nil || n != 2 {
		t.Fatalf("COPY InsertMany = %d, %v", n, err)
	}
	churned, err := tq.Customers.Select().Where(fleet.Customers.Status.Eq(fleet.CustomerStatusChurned)).Count(ctx)
	if err != nil || churned != 2 {
		t.Fatalf("churned = %d, %v", churned, err)
	}
}

func TestConstraintErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := fleet.New(setup(t, "fleet", false).pool)
	tq := q.Tenant(newOrg(t, q, "acme"))
	if _, err := tq.Users.Insert(fleet.NewUser{Email: "a@x.io"}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := tq.Users.Insert(fleet.NewUser{Email: "a@x.io"}).Exec(ctx)
	var ce *query.ConstraintError
	if !query.IsUniqueViolation(err) || !errors.As(err, &ce) || ce.Constraint != "fleet_users_org_id_email_key" || ce.Table != "fleet_users" || ce.Column != "org_id, email" {
		t.Fatalf("duplicate email: %#v", err)
	}
	_, err = tq.Vehicles.Insert(fleet.NewVehicle{CustomerID: uuid.New(), VIN: "12345678901234567", Year: 2020}).Exec(ctx)
	if !query.IsForeignKeyViolation(err) || !errors.As(err, &ce) || ce.Constraint != "fleet_vehicles_customer_id_fkey" {
		t.Fatalf("dangling customer: %v", err)
	}
	c, _ := tq.Customers.Insert(fleet.NewCustomer{Name: "c"}).Returning(ctx)
	_, err = tq.Vehicles.Insert(fleet.NewVehicle{CustomerID: c.ID, VIN: "short", Year: 2020}).Exec(ctx)
	if !query.IsCheckViolation(err) || !errors.As(err, &ce) || ce.Constraint != "fleet_vehicles_vin_check" {
		t.Fatalf("short vin: %v", err)
	}
	n, err := tq.Users.Insert(fleet.NewUser{Email: "a@x.io"}).OnConflict(fleet.Users.OrgID, fleet.Users.Email).DoNothing().Exec(ctx)
	if err != nil || n != 0 {
		t.Fatalf("on conflict do nothing = %d, %v", n, err)
	}
	u, err := tq.Users.Insert(fleet.NewUser{Email: "a@x.io"}).OnConflict(fleet.Users.OrgID, fleet.Users.Email).
		DoUpdate(fleet.Users.Email.To("b@x.io")).Returning(ctx)
	if err != nil || u.Email != "b@x.io" {
		t.Fatalf("on conflict do update = %+v, %v", u, err)
	}
}

func TestSoftDeleteAndUpdatedAt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := setup(t, "fleet", false)
	q := fleet.New(d.pool)
	tq := q.Tenant(newOrg(t, q, "acme"))
	a, _ := tq.Customers.Insert(fleet.NewCustomer{Name: "a"}).Returning(ctx)
	b, _ := tq.Customers.Insert(fleet.NewCustomer{Name: "b"}).Returning(ctx)
	v, err := tq.Vehicles.Insert(fleet.NewVehicle{CustomerID: a.ID, VIN: "12345678901234567", Year: 2020}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}

	time.Sleep(2 * time.Millisecond)
	upd, err := tq.Customers.Update().Set(fleet.Customers.Name.To("A")).Where(fleet.Customers.ID.Eq(a.ID)).Returning(ctx)
	if err != nil || len(upd) != 1 || !upd[0].UpdatedAt.After(a.UpdatedAt) || !upd[0].CreatedAt.Equal(a.CreatedAt) {
		t.Fatalf("updated_at did not advance: %+v, %v", upd, err)
	}

	n, err := tq.Customers.Delete().Where(fleet.Customers.ID.Eq(a.ID)).Exec(ctx)
	if err != nil || n != 1 {
		t.Fatalf("soft delete = %d, %v", n, err)
	}
	if _, err := tq.Customers.Get(ctx, a.ID); !errors.Is(err, query.ErrNotFound) {
		t.Fatalf("Get of a deleted row: %v", err)
	}
	live, _ := tq.Customers.Select().All(ctx)
	if len(live) != 1 || live[0].ID != b.ID {
		t.Fatalf("Select returned deleted rows: %+v", live)
	}
	if n, _ := tq.Customers.Update().Set(fleet.Customers.Name.To("x")).All().Exec(ctx); n != 1 {
		t.Fatalf("update reached %d rows, want the live one", n)
	}
	if n, _ := tq.Customers.Delete().Where(fleet.Customers.ID.Eq(a.ID)).Exec(ctx); n != 0 {
		t.Fatal("a deleted row was deleted again")
	}
	parents, err := tq.Vehicles.LoadCustomer(ctx, []fleet.Vehicle{v})
	if err != nil || len(parents) != 0 {
		t.Fatalf("relation load returned a deleted parent: %+v, %v", parents, err)
	}
	all, _ := tq.Customers.Select().WithDeleted().Count(ctx)
	gone, _ := tq.Customers.Select().OnlyDeleted().All(ctx)
	if all != 2 || len(gone) != 1 || gone[0].ID != a.ID || gone[0].DeletedAt == nil {
		t.Fatalf("WithDeleted = %d, OnlyDeleted = %+v", all, gone)
	}
	if n, err := tq.Customers.Restore().Where(fleet.Customers.ID.Eq(a.ID)).Exec(ctx); err != nil || n != 1 {
		t.Fatalf("Restore = %d, %v", n, err)
	}
	if r, err := tq.Customers.Get(ctx, a.ID); err != nil || r.DeletedAt != nil {
		t.Fatalf("restored row: %+v, %v", r, err)
	}
	if n, err := tq.Customers.HardDelete().Where(fleet.Customers.ID.Eq(a.ID)).Exec(ctx); err != nil || n != 1 {
		t.Fatalf("HardDelete = %d, %v", n, err)
	}
	if n, _ := tq.Customers.Select().WithDeleted().Count(ctx); n != 1 {
		t.Fatalf("after hard delete %d rows", n)
	}
}

func TestRelationsOneQueryPerLevel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := setup(t, "fleet", false)
	q := fleet.New(d.pool)
	org, other := newOrg(t, q, "acme"), newOrg(t, q, "other")
	tq := q.Tenant(org)
	var customers []fleet.Customer
	for i := range 5 {
		c, _ := tq.Customers.Insert(fleet.NewCustomer{Name: fmt.Sprint("c", i)}).Returning(ctx)
		customers = append(customers, c)
		u, _ := tq.Users.Insert(fleet.NewUser{Email: fmt.Sprint("u", i)}).Returning(ctx)
		for j := range 3 {
			_, err := tq.Vehicles.Insert(fleet.NewVehicle{CustomerID: c.ID, DriverID: &u.ID, VIN: fmt.Sprintf("%017d", i*10+j), Year: 2000}).Exec(ctx)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// another tenant's vehicles never show up
	oc, _ := q.Tenant(other).Customers.Insert(fleet.NewCustomer{Name: "o"}).Returning(ctx)
	_, _ = q.Tenant(other).Vehicles.Insert(fleet.NewVehicle{CustomerID: oc.ID, VIN: fmt.Sprintf("%017d", 99), Year: 2000}).Exec(ctx)

	before := d.count.n.Load()
	byCustomer, err := tq.Customers.LoadVehicles(ctx, append(customers, oc))
	if err != nil {
		t.Fatal(err)
	}
	var vehicles []fleet.Vehicle
	for _, vs := range byCustomer {
		vehicles = append(vehicles, vs...)
	}
	drivers, err := tq.Vehicles.LoadDriver(ctx, vehicles)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.count.n.Load() - before; got != 2 {
		t.Errorf("two relation levels took %d queries, want 2", got)
	}
	if len(byCustomer) != 5 || len(vehicles) != 15 || len(drivers) != 5 {
		t.Fatalf("loaded %d customers' vehicles, %d vehicles, %d drivers", len(byCustomer), len(vehicles), len(drivers))
	}
	if _, ok := byCustomer[oc.ID]; ok {
		t.Fatal("a relation load crossed tenants")
	}
}

func TestRowSecurity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := setup(t, "fleet", true) // not a superuser: row security applies
	q := fleet.New(d.pool)
	a, b := newOrg(t, q, "a"), newOrg(t, q, "b")
	if _, err := q.Tenant(a).Customers.Insert(fleet.NewCustomer{Name: "a1"}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Tenant(b).Customers.InsertMany([]fleet.NewCustomer{{Name: "b1"}, {Name: "b2"}}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var raw int
	if err := q.Raw().QueryRow(ctx, "SELECT count(*) FROM fleet_customers").Scan(&raw); err != nil || raw != 0 {
		t.Fatalf("without the tenant setting the policy shows %d rows (%v)", raw, err)
	}
	if n, err := q.Tenant(b).Customers.Select().Count(ctx); err != nil || n != 2 {
		t.Fatalf("tenant b sees %d, %v", n, err)
	}
	// Inside a caller's transaction the setting is made in it.
	err := q.Tenant(a).Tx(ctx, func(tx *fleet.TenantQueries) error {
		n, err := tx.Customers.Select().Count(ctx)
		if err == nil && n != 1 {
			err = fmt.Errorf("tenant a sees %d rows in a transaction", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTenantScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := fleet.New(setup(t, "fleet", false).pool)
	org := newOrg(t, q, "a")
	if _, err := q.TenantFromContext(ctx); !errors.Is(err, tenant.ErrNoTenant) {
		t.Fatalf("TenantFromContext without tenant: %v", err)
	}
	tq, err := q.TenantFromContext(tenant.WithOrg(ctx, org))
	if err != nil || tq.Org() != org {
		t.Fatalf("TenantFromContext = %v", err)
	}
	if _, err := q.Tenant(uuid.Nil).Customers.Select().All(ctx); !errors.Is(err, query.ErrNoTenant) {
		t.Fatalf("nil tenant: %v", err)
	}
	if _, err := q.AcrossTenants().Customers.Insert(fleet.NewCustomer{Name: "x"}).Exec(ctx); !errors.Is(err, query.ErrNoTenant) {
		t.Fatalf("insert across tenants: %v", err)
	}
}

func TestTx(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := fleet.New(setup(t, "fleet", false).pool)
	tq := q.Tenant(newOrg(t, q, "a"))
	boom := errors.New("boom")
	err := tq.Tx(ctx, func(tx *fleet.TenantQueries) error {
		if _, err := tx.Users.Insert(fleet.NewUser{Email: "kept"}).Exec(ctx); err != nil {
			return err
		}
		inner := tx.Tx(ctx, func(tx *fleet.TenantQueries) error {
			_, _ = tx.Users.Insert(fleet.NewUser{Email: "rolled back"}).Exec(ctx)
			return boom
		})
		if !errors.Is(inner, boom) {
			return fmt.Errorf("inner = %v", inner)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tq.Tx(ctx, func(tx *fleet.TenantQueries) error {
		_, _ = tx.Users.Insert(fleet.NewUser{Email: "outer rolled back"}).Exec(ctx)
		return boom
	}); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	users, _ := tq.Users.Select().All(ctx)
	if len(users) != 1 || users[0].Email != "kept" {
		t.Fatalf("after transactions: %+v", users)
	}
}

// TestTenantIsolationRandomized runs random reads and writes through the
// scopes of many organizations and checks after each that no operation
// saw or changed another tenant's rows, against a model of the expected
// state read across tenants.
func TestTenantIsolationRandomized(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := fleet.New(setup(t, "fleet", false).pool)
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	const orgs, ops = 8, 400
	ids := make([]uuid.UUID, orgs)
	for i := range ids {
		ids[i] = newOrg(t, q, fmt.Sprint("org", i))
	}
	type row struct {
		org     uuid.UUID
		name    string
		deleted bool
	}
	want := map[uuid.UUID]*row{} // customers by id
	mine := func(org uuid.UUID, live bool) []uuid.UUID {
		var out []uuid.UUID
		for id, r := range want {
			if r.org == org && (!live || !r.deleted) {
				out = append(out, id)
			}
		}
		slices.SortFunc(out, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
		return out
	}
	anyID := func() uuid.UUID {
		for id := range want {
			return id
		}
		return uuid.New()
	}
	for op := range ops {
		org := ids[rng.IntN(orgs)]
		tq := q.Tenant(org)
		name := fmt.Sprint("n", rng.IntN(5))
		var err error
		switch rng.IntN(8) {
		case 0, 1:
			var c fleet.Customer
			c, err = tq.Customers.Insert(fleet.NewCustomer{Name: name}).Returning(ctx)
			if c.OrgID != org {
				t.Fatalf("op %d: insert landed in org %v, scope %v", op, c.OrgID, org)
			}
			want[c.ID] = &row{org: org, name: name}
		case 2:
			var n int64
			n, err = tq.Customers.Update().Set(fleet.Customers.Name.To(name)).All().Exec(ctx)
			for _, id := range mine(org, true) {
				want[id].name = name
			}
			if len(mine(org, true)) != int(n) {
				t.Fatalf("op %d: update of all touched %d rows, tenant has %d", op, n, len(mine(org, true)))
			}
		case 3: // aim at any tenant's row by id: only our own may change
			id := anyID()
			_, err = tq.Customers.Update().Set(fleet.Customers.Name.To(name)).Where(fleet.Customers.ID.Eq(id)).Exec(ctx)
			if r := want[id]; r != nil && r.org == org && !r.deleted {
				r.name = name
			}
		case 4:
			id := anyID()
			_, err = tq.Customers.Delete().Where(fleet.Customers.ID.Eq(id)).Exec(ctx)
			if r := want[id]; r != nil && r.org == org {
				r.deleted = true
			}
		case 5:
			_, err = tq.Customers.HardDelete().Where(fleet.Customers.Name.Eq(name)).Exec(ctx)
			for id, r := range want {
				if r.org == org && r.name == name {
					delete(want, id)
				}
			}
		case 6:
			id := anyID()
			_, gerr := tq.Customers.Get(ctx, id)
			if r := want[id]; (r != nil && r.org == org && !r.deleted) != (gerr == nil) {
				t.Fatalf("op %d: Get of %v through org %v: %v", op, id, org, gerr)
			}
		case 7:
			var list []fleet.Customer
			list, err = tq.Customers.Select().WithDeleted().All(ctx)
			got := make([]uuid.UUID, len(list))
			for i, c := range list {
				got[i] = c.ID
			}
			slices.SortFunc(got, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
			if !slices.Equal(got, mine(org, false)) {
				t.Fatalf("op %d: select saw %d rows, tenant has %d", op, len(got), len(mine(org, false)))
			}
		}
		if err != nil {
			t.Fatalf("op %d: %v", op, err)
		}
		all, err := q.AcrossTenants().Customers.Select().WithDeleted().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(want) {
			t.Fatalf("op %d: %d rows in the table, want %d", op, len(all), len(want))
		}
		for _, c := range all {
			w := want[c.ID]
			if w == nil || w.org != c.OrgID || w.name != c.Name || w.deleted != (c.DeletedAt != nil) {
				t.Fatalf("op %d: row %v is %+v, want %+v", op, c.ID, c, w)
			}
		}
	}
}
