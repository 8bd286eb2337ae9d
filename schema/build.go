package schema

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// New builds the Model of tables (usually a Registry: New(Schema...)) and
// validates it. It reports every problem at once, as *Error values joined
// with errors.Join, and returns no model when there is one.
func New(tables ...*TableBuilder) (*Model, error) {
	b := &builder{
		m:       &Model{},
		decls:   map[string]*TableBuilder{},
		used:    map[string]bool{},
		pos:     map[string]string{},
		derived: map[string]bool{},
		roots:   map[string]bool{},
	}
	for _, d := range tables {
		b.declareTable(d)
	}
	b.linkVariants()
	b.scopeTenantKeys()
	b.ensureKeys()
	b.applySoftDelete()
	b.collectEnums()
	b.validate()
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	return b.m, nil
}

// builder carries the state of one New call.
type builder struct {
	m     *Model
	decls map[string]*TableBuilder // full table name → its declaration
	// used holds every table, constraint and index name taken so far;
	// generated names avoid them, explicit ones must not repeat them.
	used map[string]bool
	// pos maps table+"."+object name to the DSL position of a constraint
	// or index, for error messages.
	pos map[string]string
	// derived marks foreign keys plinth shaped itself (tenant, variant),
	// whose target key plinth may add to the referenced table.
	derived map[string]bool
	// roots holds the tables that Tenant points at.
	roots    map[string]bool
	enumUses []enumUse
	errs     []error
}

type enumUse struct {
	enum   *EnumBuilder
	table  string
	column string
	pos    string
}

func (b *builder) fail(pos, table, column, format string, args ...any) {
	b.errs = append(b.errs, &Error{Pos: pos, Table: table, Column: column, Msg: fmt.Sprintf(format, args...)})
}

// name returns the generated name table_parts_suffix, unique in the schema.
func (b *builder) name(table string, parts []string, suffix string) string {
	n := objectName(table, parts, suffix)
	raw := strings.Join(append(append([]string{table}, parts...), suffix), "_")
	for i := 1; b.used[n]; i++ {
		n = shorten(raw + strconv.Itoa(i))
	}
	b.used[n] = true
	return n
}

// explicit registers a name the DSL gave, or generates one when it is "".
func (b *builder) explicit(name, table string, parts []string, suffix, pos string) string {
	if name == "" {
		n := b.name(table, parts, suffix)
		b.pos[table+"."+n] = pos
		return n
	}
	if len(name) > MaxIdentLen {
		b.fail(pos, table, "", "name %q is %d bytes, PostgreSQL keeps %d: choose a shorter name", name, len(name), MaxIdentLen)
	}
	if b.used[name] {
		b.fail(pos, table, "", "name %q is already used by another table, constraint or index: choose another name", name)
	}
	b.used[name] = true
	b.pos[table+"."+name] = pos
	return name
}

func (b *builder) declareTable(d *TableBuilder) {
	if prev, ok := b.decls[d.name]; ok {
		how := "declared twice"
		if prev.base != d.base {
			how = fmt.Sprintf("declared as %q and %q, which collide after prefixing", prev.base, d.base)
		}
		b.fail(d.pos, d.name, "", "%s (first at %s): rename one of them", how, relPos(prev.pos))
		return
	}
	b.decls[d.name] = d
	b.used[d.name] = true
	if d.tenant != nil {
		b.roots[d.tenant.table.name] = true
	}
	t := Table{
		Name: d.name, Base: d.base, Domain: d.domain, Comment: d.comment,
		RenamedFrom: d.renamedFrom, Reference: d.reference, Global: d.global, Pos: d.pos,
		UpdatedAt: d.updatedAt, SoftDelete: d.softDel,
	}
	b.declareColumns(&t, d)
	b.declarePrimaryKey(&t, d)
	b.declareConstraints(&t, d)
	b.declareIndexes(&t, d)
	b.declareTenant(&t, d)
	b.declareSeed(&t, d)
	b.m.Tables = append(b.m.Tables, t)
}

func (b *builder) declareColumns(t *Table, d *TableBuilder) {
	if d.variant != nil {
		// A variant shares its base's key: add the key columns it lacks.
		var shared []Column
		for _, c := range declaredPK(d.variant.base, 0) {
			if !slices.ContainsFunc(d.columns, func(x *ColumnBuilder) bool { return x.col.Name == c.Name }) {
				shared = append(shared, Column{Name: c.Name, Type: c.Type, NotNull: true, Enum: c.Enum, Pos: d.variant.pos})
			}
		}
		t.Columns = append(t.Columns, shared...)
	}
	for _, c := range d.columns {
		col := c.col
		if d.tenant != nil && c == d.tenant.column {
			col.Type = b.tenantKeyType(d)
		}
		if c.enum != nil {
			b.enumUses = append(b.enumUses, enumUse{c.enum, d.name, col.Name, col.Pos})
		}
		t.Columns = append(t.Columns, col)
	}
}

// tenantKeyType is the type of the tenant table's single key column.
func (b *builder) tenantKeyType(d *TableBuilder) string {
	pk := declaredPK(d.tenant.table, 0)
	if len(pk) != 1 {
		b.fail(d.tenant.pos, d.name, TenantColumn, "tenant table %q must have a single-column primary key", d.tenant.table.name)
		return "uuid"
	}
	return pk[0].Type
}

// declaredPK returns the primary key columns d declares, or for a variant
// without its own key, those of its base.
func declaredPK(d *TableBuilder, depth int) []Column {
	var names []string
	for _, c := range d.columns {
		if c.pk {
			names = append(names, c.col.Name)
		}
	}
	for _, k := range d.keys {
		if k.primary {
			names = k.columns
		}
	}
	if len(names) == 0 && d.variant != nil && depth < 8 {
		return declaredPK(d.variant.base, depth+1)
	}
	var cols []Column
	for _, n := range names {
		for _, c := range d.columns {
			if c.col.Name == n {
				cols = append(cols, c.col)
			}
		}
	}
	return cols
}

func (b *builder) declarePrimaryKey(t *Table, d *TableBuilder) {
	var colPK []string
	pos := d.pos
	for _, c := range d.columns {
		if c.pk {
			colPK = append(colPK, c.col.Name)
			pos = c.col.Pos
		}
	}
	if len(colPK) > 1 {
		b.fail(pos, t.Name, "", "columns %s are each marked PrimaryKey(): declare one composite key with schema.PrimaryKey(%s)",
			strings.Join(colPK, ", "), quotedList(colPK))
	}
	key := &Key{Columns: colPK}
	name := ""
	for _, k := range d.keys {
		if !k.primary {
			continue
		}
		if len(key.Columns) > 0 {
			b.fail(k.pos, t.Name, "", "the table has two primary keys: keep one")
		}
		key, name, pos = &Key{Columns: k.columns}, k.name, k.pos
	}
	if len(key.Columns) == 0 && d.variant != nil {
		for _, c := range declaredPK(d.variant.base, 0) {
			key.Columns = append(key.Columns, c.Name)
		}
	}
	if len(key.Columns) == 0 {
		return
	}
	key.Name = b.explicit(name, t.Name, nil, "pkey", pos)
	t.PrimaryKey = key
	for _, c := range key.Columns {
		if col, ok := t.Column(c); ok {
			col.NotNull = true // as Postgres reports a key column
		}
	}
}

func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

func (b *builder) declareConstraints(t *Table, d *TableBuilder) {
	for _, c := range d.columns {
		if c.unique {
			t.Uniques = append(t.Uniques, Key{Name: b.explicit("", t.Name, []string{c.col.Name}, "key", c.col.Pos), Columns: []string{c.col.Name}})
		}
	}
	for _, k := range d.keys {
		if !k.primary {
			t.Uniques = append(t.Uniques, Key{Name: b.explicit(k.name, t.Name, k.columns, "key", k.pos), Columns: k.columns})
		}
	}
	for _, c := range d.columns {
		for _, expr := range c.checks {
			t.Checks = append(t.Checks, CheckDef{Name: b.explicit("", t.Name, []string{c.col.Name}, "check", c.col.Pos), Expr: expr})
		}
	}
	for _, c := range d.checks {
		t.Checks = append(t.Checks, CheckDef{Name: b.explicit(c.name, t.Name, nil, "check", c.pos), Expr: c.expr})
	}
	b.declareForeignKeys(t, d)
}

func (b *builder) declareForeignKeys(t *Table, d *TableBuilder) {
	for _, c := range d.columns {
		switch {
		case d.tenant != nil && c == d.tenant.column:
			pk := declaredPK(d.tenant.table, 0)
			ref := "id"
			if len(pk) == 1 {
				ref = pk[0].Name
			}
			t.ForeignKeys = append(t.ForeignKeys, ForeignKeyDef{
				Name:    b.explicit("", t.Name, []string{c.col.Name}, "fkey", c.col.Pos),
				Columns: []string{c.col.Name}, RefTable: d.tenant.table.name, RefColumns: []string{ref},
				OnDelete: string(Cascade),
			})
		case c.ref != nil:
			t.ForeignKeys = append(t.ForeignKeys, ForeignKeyDef{
				Name:    b.explicit("", t.Name, []string{c.col.Name}, "fkey", c.col.Pos),
				Columns: []string{c.col.Name}, RefTable: c.ref.resolvedTable(), RefColumns: []string{c.ref.column},
				OnDelete: c.onDelete.modelWord(), OnUpdate: c.onUpdate.modelWord(),
			})
		}
	}
	if v := d.variant; v != nil && t.PrimaryKey != nil {
		cols := append(slices.Clone(t.PrimaryKey.Columns), Discriminator)
		fk := ForeignKeyDef{
			Name:    b.explicit("", t.Name, cols, "fkey", v.pos),
			Columns: cols, RefTable: v.base.name, RefColumns: cols, OnDelete: string(Cascade),
		}
		b.derived[t.Name+"."+fk.Name] = true
		t.Variant = &VariantInfo{Base: v.base.name, Kind: v.kind, Column: Discriminator}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
	for _, f := range d.fks {
		fk := ForeignKeyDef{
			Name:     b.explicit(f.name, t.Name, f.columns, "fkey", f.pos),
			Columns:  f.columns,
			OnDelete: f.onDelete.modelWord(), OnUpdate: f.onUpdate.modelWord(),
		}
		for _, r := range f.refs {
			if fk.RefTable != "" && r.resolvedTable() != fk.RefTable {
				b.fail(f.pos, t.Name, "", "foreign key %s references columns of two tables: reference one table", fk.Name)
			}
			fk.RefTable = r.resolvedTable()
			fk.RefColumns = append(fk.RefColumns, r.column)
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
}

func (b *builder) declareIndexes(t *Table, d *TableBuilder) {
	if d.tenant != nil && !leadsWith(d, TenantColumn) {
		t.Indexes = append(t.Indexes, IndexDef{
			Name: b.explicit("", t.Name, []string{TenantColumn}, "idx", d.tenant.pos), Method: "btree", Columns: []string{TenantColumn},
		})
	}
	for _, ix := range d.indexes {
		parts := make([]string, len(ix.columns))
		for i, e := range ix.columns {
			parts[i] = e
			if isExpr(e) {
				parts[i] = "expr"
			}
		}
		t.Indexes = append(t.Indexes, IndexDef{
			Name:   b.explicit(ix.name, t.Name, parts, "idx", ix.pos),
			Unique: ix.unique, Method: ix.method, Columns: ix.columns, Where: ix.where,
		})
	}
}

// leadsWith reports whether a declared key or index of d starts with col,
// so that foreign key lookups on col are already indexed.
func leadsWith(d *TableBuilder, col string) bool {
	for _, k := range d.keys {
		if len(k.columns) > 0 && k.columns[0] == col {
			return true
		}
	}
	for _, ix := range d.indexes {
		if len(ix.columns) > 0 && ix.columns[0] == col && ix.where == "" {
			return true
		}
	}
	return false
}

func isExpr(entry string) bool { return strings.HasPrefix(entry, "(") }

func (b *builder) declareTenant(t *Table, d *TableBuilder) {
	if d.tenant == nil {
		return
	}
	t.Tenant = &TenantInfo{Column: TenantColumn, RefTable: d.tenant.table.name}
	if !d.tenant.rls {
		return
	}
	col, _ := t.Column(TenantColumn)
	expr := fmt.Sprintf("%s = NULLIF(current_setting(%s, true), '')::%s", TenantColumn, QuoteLiteral(TenantSetting), col.Type)
	t.RowSecurity, t.ForceRowSecurity = true, true
	t.Policies = append(t.Policies, Policy{Name: "tenant_isolation", Command: "ALL", Using: expr, WithCheck: expr})
}

func (b *builder) declareSeed(t *Table, d *TableBuilder) {
	for _, r := range d.seed {
		var row SeedRow
		for _, c := range t.Columns {
			if v, ok := r[c.Name]; ok {
				row.Columns = append(row.Columns, c.Name)
				row.Values = append(row.Values, b.literal(v, t.Name, c.Name, d.seedPos))
			}
		}
		for k := range r {
			if _, ok := t.Column(k); !ok {
				b.fail(d.seedPos, t.Name, k, "seed row sets a column the table does not have")
			}
		}
		t.Seed = append(t.Seed, row)
	}
}

// literal renders a seed value as SQL.
func (b *builder) literal(v any, table, column, pos string) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case Expr:
		return string(v)
	case string:
		return QuoteLiteral(v)
	case bool:
		return strconv.FormatBool(v)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(v)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	b.fail(pos, table, column, "seed value of type %T cannot be written as SQL: use a string, number, bool, nil or schema.Expr", v)
	return "NULL"
}
