package schema

// TenantSetting is the session setting the row security policies of
// tenant-scoped tables read the current tenant id from.
const TenantSetting = "plinth.org_id"

// TenantColumn is the tenant key column Tenant adds.
const TenantColumn = "org_id"

// Timestamps adds created_at and updated_at, both timestamptz NOT NULL
// DEFAULT now(); updated_at is marked in the model so that generated
// updates set it on every change.
func Timestamps() Part {
	created := newColumn("created_at", "timestamp with time zone").NotNull().DefaultNow()
	updated := newColumn("updated_at", "timestamp with time zone").NotNull().DefaultNow()
	return partFunc(func(t *TableBuilder) {
		t.columns = append(t.columns, created, updated)
		t.updatedAt = updated.col.Name
	})
}

// SoftDelete adds deleted_at, a nullable timestamptz. Generated reads skip
// rows where it is set, and every UNIQUE key of the table that does not
// contain the whole primary key becomes a partial unique index over the
// live rows, so a deleted row does not block a new one.
func SoftDelete() Part {
	deleted := newColumn("deleted_at", "timestamp with time zone")
	return partFunc(func(t *TableBuilder) {
		t.columns = append(t.columns, deleted)
		t.softDel = deleted.col.Name
	})
}

// TenantOption configures Tenant.
type TenantOption func(*tenantDecl)

type tenantDecl struct {
	table  *TableBuilder
	column *ColumnBuilder
	rls    bool
	pos    string
}

// RowLevelSecurity makes the database itself keep tenants apart: the table
// gets ENABLE and FORCE ROW LEVEL SECURITY and a policy that shows and
// accepts only rows whose org_id equals the TenantSetting of the session.
// Without the setting no row is visible.
func RowLevelSecurity() TenantOption { return func(d *tenantDecl) { d.rls = true } }

// Tenant makes the table tenant-scoped: it adds org_id NOT NULL referencing
// the primary key of orgs ON DELETE CASCADE, indexes it, and makes every
// foreign key to another tenant-scoped table include org_id, so the
// database refuses a row that points at another tenant's row.
func Tenant(orgs *TableBuilder, opts ...TenantOption) Part {
	d := &tenantDecl{table: orgs, pos: callerPos(1)}
	d.column = &ColumnBuilder{col: Column{Name: TenantColumn, NotNull: true, Pos: d.pos}}
	for _, o := range opts {
		o(d)
	}
	return partFunc(func(t *TableBuilder) {
		t.columns = append(t.columns, d.column)
		t.tenant = d
	})
}

// Reference marks a lookup table (countries, currencies) whose rows ship
// with the schema through TableBuilder.Seed. It is never tenant-scoped.
func Reference() Part { return partFunc(func(t *TableBuilder) { t.reference = true }) }

// Global marks a table whose rows are shared by every tenant on purpose:
// users who belong to several organizations, their sessions, platform-wide
// settings. In a schema with tenant-scoped tables, every table must be
// tenant-scoped, the tenant table itself, a Reference table, or Global, so
// that a new domain table cannot be added without its tenant key by
// forgetting it.
func Global() Part { return partFunc(func(t *TableBuilder) { t.global = true }) }

// Row is one seed row of a reference table: column name to Go value
// (string, bool, integers, floats, nil, or Expr for raw SQL).
type Row map[string]any

// Expr is a raw SQL expression used as a seed value.
type Expr string

// Seed sets the rows a reference table is created with.
func (t *TableBuilder) Seed(rows ...Row) *TableBuilder {
	t.seed = append(t.seed, rows...)
	t.seedPos = callerPos(1)
	return t
}
