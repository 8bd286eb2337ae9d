package gen

import (
	"fmt"
	"strings"
)

// sharedFile renders the package documentation, the enum types and the
// Queries and TenantQueries entry points.
func (g *generator) sharedFile() *file {
	f := newFile()
	f.doc = fmt.Sprintf("// Package %s is the typed data layer plinth generated from the schema:\n"+
		"// one row type, insert type, column handles and query entry point per\n"+
		"// table. Start from New(db); tenant-scoped tables are reached through\n"+
		"// Tenant(orgID), TenantFromContext(ctx) or the explicit AcrossTenants().\n", g.pkg)
	f.importPath(queryPath)
	f.importPath(uuidPath)
	f.importPath("context")
	if g.version != "" {
		f.p("// SchemaVersion is the latest migration this code was generated with.")
		f.p("// Pass it to plinth.WithSchemaVersion to refuse a database that lacks it.")
		f.p("const SchemaVersion = %s\n", quote(g.version))
	}
	g.enums(f)
	g.queries(f)
	return f
}

func (g *generator) enums(f *file) {
	for _, e := range g.m.Enums {
		name := goName(e.Name)
		f.p("// %s is the PostgreSQL enum type %s.", name, e.Name)
		f.p("type %s string\n", name)
		f.p("// The values of %s.", name)
		f.p("const (")
		for _, v := range e.Values {
			f.p("%s%s %s = %s", name, goName(v), name, quote(v))
		}
		f.p(")\n")
	}
}

func (g *generator) queries(f *file) {
	var plain, scoped []*tableInfo
	for _, t := range g.tables {
		if t.t.Tenant == nil {
			plain = append(plain, t)
		}
		scoped = append(scoped, t)
	}
	fields := func(ts []*tableInfo) {
		for _, t := range ts {
			f.p("// %s queries %s.", t.plural, t.t.Name)
			f.p("%s %s", t.plural, t.tableType)
		}
	}
	inits := func(ts []*tableInfo) string {
		var b strings.Builder
		for _, t := range ts {
			fmt.Fprintf(&b, "%s: %s{s}, ", t.plural, t.tableType)
		}
		return b.String()
	}

	f.p("// Queries reaches the tables that are not tenant-scoped; Tenant,")
	f.p("// TenantFromContext and AcrossTenants reach all of them.")
	f.p("type Queries struct {")
	f.p("s *query.Scope")
	fields(plain)
	f.p("}\n")
	f.p("// New returns the queries over db: a *pgxpool.Pool, *pgx.Conn, pgx.Tx or")
	f.p("// plinth's own handle.")
	f.p("func New(db query.DB) *Queries { return newQueries(query.NewScope(db)) }\n")
	f.p("func newQueries(s *query.Scope) *Queries { return &Queries{s: s, %s} }\n", inits(plain))
	f.p("// Tenant returns the queries of organization org: every read, update and")
	f.p("// delete of a tenant-scoped table is filtered by it, every insert sets it.")
	f.p("func (q *Queries) Tenant(org uuid.UUID) *TenantQueries { return newTenantQueries(q.s.Tenant(org)) }\n")
	f.p("// TenantFromContext returns the queries of the organization ctx carries")
	f.p("// (tenant.WithOrg), or tenant.ErrNoTenant.")
	f.p("func (q *Queries) TenantFromContext(ctx context.Context) (*TenantQueries, error) {")
	f.p("s, err := q.s.TenantFromContext(ctx)")
	f.p("if err != nil {")
	f.p("return nil, err")
	f.p("}")
	f.p("return newTenantQueries(s), nil")
	f.p("}\n")
	f.p("// AcrossTenants returns queries that read and write every tenant's rows:")
	f.p("// the explicit, greppable way around the tenant filter.")
	f.p("func (q *Queries) AcrossTenants() *TenantQueries { return newTenantQueries(q.s.AcrossTenants()) }\n")
	f.p("// Tx runs fn in a transaction (a savepoint when nested), committing when")
	f.p("// it returns nil and rolling back otherwise.")
	f.p("func (q *Queries) Tx(ctx context.Context, fn func(tx *Queries) error) error {")
	f.p("return q.s.Tx(ctx, func(s *query.Scope) error { return fn(newQueries(s)) })")
	f.p("}\n")
	f.p("// Raw is the explicit escape hatch to hand-written SQL.")
	f.p("func (q *Queries) Raw() query.Raw { return q.s.Raw() }\n")

	f.p("// TenantQueries reaches every table under a tenant scope (or across")
	f.p("// tenants, when made by AcrossTenants).")
	f.p("type TenantQueries struct {")
	f.p("s *query.Scope")
	fields(scoped)
	f.p("}\n")
	f.p("func newTenantQueries(s *query.Scope) *TenantQueries { return &TenantQueries{s: s, %s} }\n", inits(scoped))
	f.p("// Org returns the scope's organization id; uuid.Nil across tenants.")
	f.p("func (q *TenantQueries) Org() uuid.UUID {")
	f.p("org, _ := q.s.Org()")
	f.p("return org")
	f.p("}\n")
	f.p("// Tx runs fn in a transaction (a savepoint when nested) under the same")
	f.p("// tenant, committing when it returns nil and rolling back otherwise.")
	f.p("func (q *TenantQueries) Tx(ctx context.Context, fn func(tx *TenantQueries) error) error {")
	f.p("return q.s.Tx(ctx, func(s *query.Scope) error { return fn(newTenantQueries(s)) })")
	f.p("}\n")
	f.p("// Raw is the explicit escape hatch to hand-written SQL: no tenant filter applies.")
	f.p("func (q *TenantQueries) Raw() query.Raw { return q.s.Raw() }")
}
