package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/factory-kit/plinth/schema"
)

// tableInfo is one table with the Go names and shapes its code uses.
type tableInfo struct {
	t         *schema.Table
	file      string
	plural    string // Customers: the column handles and the table field
	row       string // Customer
	newType   string // NewCustomer
	colsType  string // CustomersColumns
	tableType string // CustomersTable
	meta      string // customersTable
	scan      string // scanCustomer
	fields    []*field
	key       []*field
	insert    []*insertField // Shape.Insert order: tenant column first
	parents   []*relation    // foreign keys of this table
	children  []*relation    // foreign keys to this table
	variants  []*tableInfo   // on a base table
	base      *tableInfo     // on a variant table
}

// field is one column as a row-struct field.
type field struct {
	col    *schema.Column
	name   string // Go field name
	base   goType // non-null Go type
	typ    string // row field type: base, or optional(base) when nullable
	handle string // column handle type
	ctor   string // column handle constructor call
}

// insertField is one column an insert writes.
type insertField struct {
	*field
	tenant     bool   // filled from the scope, not from the insert type
	typ        string // insert-type field type
	opt        bool   // typ can be nil
	useDefault bool   // nil means the column's default
}

// relation is a single-column foreign key, tenant column aside.
type relation struct {
	child, parent       *tableInfo
	childCol, parentCol *field
	parentName          string // method suffix on the child table: Customer
	childName           string // method suffix on the parent table: Vehicles
}

func (g *generator) analyse() error {
	names := map[string]string{}
	for i := range g.m.Tables {
		t := &g.m.Tables[i]
		ti := g.describe(t)
		for _, n := range []string{ti.plural, ti.row, ti.newType} {
			if prev, ok := names[n]; ok {
				return fmt.Errorf("gen: tables %s and %s both need the Go name %s: rename one", prev, t.Name, n)
			}
			names[n] = t.Name
		}
		g.tables = append(g.tables, ti)
		g.byName[t.Name] = ti
	}
	for _, ti := range g.tables {
		g.link(ti)
	}
	for _, ti := range g.tables {
		nameRelations(ti)
	}
	return nil
}

// describe names t's Go types and fields.
func (g *generator) describe(t *schema.Table) *tableInfo {
	plural := goName(t.Base)
	row := singular(plural)
	ti := &tableInfo{
		t: t, file: fileName(t.Name), plural: plural, row: row,
		newType: "New" + row, colsType: plural + "Columns", tableType: plural + "Table",
		meta: lowerFirst(plural) + "Table", scan: "scan" + row,
	}
	if row == plural {
		ti.row += "Row"
		ti.scan += "Row"
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		ti.fields = append(ti.fields, g.describeField(c))
	}
	if t.PrimaryKey != nil {
		for _, k := range t.PrimaryKey.Columns {
			ti.key = append(ti.key, ti.field(k))
		}
	}
	if t.Tenant != nil {
		ti.insert = append(ti.insert, &insertField{field: ti.field(t.Tenant.Column), tenant: true})
	}
	for _, f := range ti.fields {
		if in := insertable(t, f); in != nil {
			ti.insert = append(ti.insert, in)
		}
	}
	return ti
}

func (g *generator) describeField(c *schema.Column) *field {
	f := &field{col: c, name: goName(c.Name), base: g.baseType(c)}
	f.typ = f.base.expr
	if !c.NotNull {
		f.typ = optional(f.base.expr)
	}
	switch {
	case isJSON(c):
		f.handle = "query.JSONBColumn[" + f.base.expr + "]"
		f.ctor = "query.NewJSONBColumn[" + f.base.expr + "]"
	case isText(c):
		f.handle = "query.StringColumn"
		f.ctor = "query.NewStringColumn"
	default:
		f.handle = "query.Column[" + f.base.expr + "]"
		f.ctor = "query.NewColumn[" + f.base.expr + "]"
	}
	return f
}

// insertable says whether and how the insert type carries f: never for
// what plinth fills (tenant id, timestamps, deletion time, a variant's
// kind) or the database generates (identity); by value when required; as
// an optional field when the column is nullable or has a default.
func insertable(t *schema.Table, f *field) *insertField {
	c := f.col
	switch {
	case t.Tenant != nil && c.Name == t.Tenant.Column,
		c.Name == t.UpdatedAt, c.Name == t.SoftDelete,
		c.Name == "created_at" && c.Default != "",
		t.Variant != nil && c.Name == t.Variant.Column,
		c.Identity != "":
		return nil
	case c.NotNull && c.Default == "":
		return &insertField{field: f, typ: f.base.expr}
	}
	return &insertField{field: f, typ: optional(f.base.expr), opt: true, useDefault: c.Default != ""}
}

func (ti *tableInfo) field(col string) *field {
	for _, f := range ti.fields {
		if f.col.Name == col {
			return f
		}
	}
	panic("gen: no column " + col + " in " + ti.t.Name) // the model is validated
}

func (ti *tableInfo) selectList() string {
	cols := make([]string, len(ti.fields))
	for i, f := range ti.fields {
		cols[i] = schema.QuoteIdent(f.col.Name)
	}
	return strings.Join(cols, ", ")
}

// link finds ti's variants and relations.
func (g *generator) link(ti *tableInfo) {
	t := ti.t
	if t.Variant != nil {
		if base, ok := g.byName[t.Variant.Base]; ok {
			ti.base = base
			base.variants = append(base.variants, ti)
		}
	}
	for _, fk := range t.ForeignKeys {
		cols, refs := fk.Columns, fk.RefColumns
		parent, ok := g.byName[fk.RefTable]
		if !ok {
			continue
		}
		if t.Tenant != nil && fk.RefTable == t.Tenant.RefTable && slices.Equal(cols, []string{t.Tenant.Column}) {
			continue // the tenant key: reached through the scope
		}
		if t.Variant != nil && fk.RefTable == t.Variant.Base {
			continue // the variant key: reached through the base
		}
		if t.Tenant != nil && parent.t.Tenant != nil && len(cols) > 1 && cols[0] == t.Tenant.Column && refs[0] == parent.t.Tenant.Column {
			cols, refs = cols[1:], refs[1:]
		}
		if len(cols) != 1 {
			continue
		}
		cf, pf := ti.field(cols[0]), parent.field(refs[0])
		if cf.base.expr != pf.base.expr || !pf.col.NotNull {
			continue
		}
		r := &relation{child: ti, parent: parent, childCol: cf, parentCol: pf}
		ti.parents = append(ti.parents, r)
		parent.children = append(parent.children, r)
	}
}

// nameRelations names ti's relation methods, adding By<Column> where two
// relations would share a name.
func nameRelations(ti *tableInfo) {
	for _, r := range ti.parents {
		n := strings.TrimSuffix(r.childCol.name, "ID")
		if n == "" || n == r.childCol.name {
			n = r.parent.row + "By" + r.childCol.name
		}
		r.parentName = n
	}
	for _, r := range ti.children {
		r.childName = r.child.plural
		for _, o := range ti.children {
			if o != r && o.child == r.child {
				r.childName = r.child.plural + "By" + r.childCol.name
			}
		}
	}
}
