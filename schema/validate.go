package schema

import "strings"

// validate reports what the database would refuse or what breaks plinth's
// conventions; it runs once the model is complete.
func (b *builder) validate() {
	for i := range b.m.Tables {
		t := &b.m.Tables[i]
		d := b.decls[t.Name]
		b.checkIdent(t.Pos, t.Name, "", "table name", t.Name)
		b.checkColumns(t)
		if t.PrimaryKey == nil {
			b.fail(t.Pos, t.Name, "", "table has no primary key: mark a column PrimaryKey() or declare schema.PrimaryKey(cols...)")
		}
		b.checkKeyColumns(t)
		b.checkForeignKeys(t)
		b.checkTenancy(t, d)
		b.checkJSONUse(t)
		if d.variant != nil {
			if _, ok := b.decls[d.variant.base.name]; !ok {
				b.fail(d.variant.pos, t.Name, "", "variant base table %q is not in the registry: add it to the Registry", d.variant.base.name)
			}
		}
	}
	for _, e := range b.m.Enums {
		b.checkIdent(e.Pos, "", "", "enum name", e.Name)
		if len(e.Values) == 0 {
			b.fail(e.Pos, "", "", "enum %q has no values: list them in schema.Enum(%q, values...)", e.Name, e.Name)
		}
	}
}

func (b *builder) checkIdent(pos, table, column, what, name string) {
	if len(name) > MaxIdentLen {
		b.fail(pos, table, column, "%s %q is %d bytes, PostgreSQL keeps %d: shorten it", what, name, len(name), MaxIdentLen)
	}
	if name == "" {
		b.fail(pos, table, column, "%s is empty: name it", what)
	}
}

func (b *builder) checkColumns(t *Table) {
	seen := map[string]string{}
	for _, c := range t.Columns {
		b.checkIdent(c.Pos, t.Name, c.Name, "column name", c.Name)
		if prev, ok := seen[c.Name]; ok {
			b.fail(c.Pos, t.Name, c.Name, "column declared twice (first at %s): remove or rename one", relPos(prev))
		}
		seen[c.Name] = c.Pos
	}
}

// checkKeyColumns reports keys and indexes over columns the table lacks.
func (b *builder) checkKeyColumns(t *Table) {
	check := func(object string, cols []string) {
		for _, c := range cols {
			if isExpr(c) {
				continue
			}
			if _, ok := t.Column(c); !ok {
				b.fail(b.pos[t.Name+"."+object], t.Name, c, "%s names a column the table does not have: declare it or fix the name", object)
			}
		}
	}
	if t.PrimaryKey != nil {
		check(t.PrimaryKey.Name, t.PrimaryKey.Columns)
	}
	for _, k := range t.Uniques {
		check(k.Name, k.Columns)
	}
	for _, ix := range t.Indexes {
		check(ix.Name, ix.Columns)
	}
}

func (b *builder) checkForeignKeys(t *Table) {
	for _, fk := range t.ForeignKeys {
		pos := b.pos[t.Name+"."+fk.Name]
		col := fk.Columns[len(fk.Columns)-1]
		ref, ok := b.m.Table(fk.RefTable)
		if !ok {
			b.fail(pos, t.Name, col, "foreign key %s references table %q, which is not in the registry: add it to the Registry or fix the name", fk.Name, fk.RefTable)
			continue
		}
		if len(fk.Columns) != len(fk.RefColumns) {
			b.fail(pos, t.Name, col, "foreign key %s has %d columns but references %d: give one referenced column per column", fk.Name, len(fk.Columns), len(fk.RefColumns))
			continue
		}
		for i, c := range fk.Columns {
			from, ok1 := t.Column(c)
			to, ok2 := ref.Column(fk.RefColumns[i])
			switch {
			case !ok1:
				b.fail(pos, t.Name, c, "foreign key %s names a column the table does not have", fk.Name)
			case !ok2:
				b.fail(pos, t.Name, c, "foreign key %s references column %q, which %q does not have", fk.Name, fk.RefColumns[i], ref.Name)
			case from.Type != to.Type:
				b.fail(pos, t.Name, c, "is %s but references %s.%s, which is %s: use the same type", from.Type, ref.Name, to.Name, to.Type)
			}
		}
	}
}

// checkTenancy applies the multi-tenancy rules: domain tables are
// tenant-scoped, rows follow their tenant on delete, reference tables are shared.
func (b *builder) checkTenancy(t *Table, d *TableBuilder) {
	switch {
	case t.Global && (t.Tenant != nil || t.Reference):
		b.fail(t.Pos, t.Name, "", "a table is either tenant-scoped, a reference table or global: keep one of schema.Tenant, schema.Reference and schema.Global")
	case len(b.roots) > 0 && t.Tenant == nil && !t.Reference && !t.Global && !b.roots[t.Name]:
		// A multi-tenant schema: a table without the tenant key must say
		// why, or a new domain table could ship without it by omission.
		b.fail(t.Pos, t.Name, "", "table is not tenant-scoped: add schema.Tenant(…) if its rows belong to one organization, "+
			"schema.Global() if they are shared by all of them on purpose (users, sessions), or schema.Reference() for lookup data")
	}
	if t.Tenant != nil {
		if t.Reference {
			b.fail(d.tenant.pos, t.Name, TenantColumn, "a reference table is shared by all tenants: remove schema.Tenant or schema.Reference")
		}
		if _, ok := b.decls[t.Tenant.RefTable]; !ok {
			b.fail(d.tenant.pos, t.Name, TenantColumn, "tenant table %q is not in the registry: add it to the Registry", t.Tenant.RefTable)
		}
	}
	for _, fk := range t.ForeignKeys {
		pos := b.pos[t.Name+"."+fk.Name]
		col := fk.Columns[len(fk.Columns)-1]
		ref, ok := b.m.Table(fk.RefTable)
		if !ok {
			continue
		}
		if ref.Tenant != nil && t.Tenant == nil {
			b.fail(pos, t.Name, col, "references tenant-scoped table %q but the table is not tenant-scoped: add schema.Tenant(…) with the %q table to it", ref.Name, ref.Tenant.RefTable)
		}
		// Deleting a tenant must never fail on this key: CASCADE removes
		// the row, SET NULL detaches it (an optional link such as a
		// session's active organization). NO ACTION and RESTRICT would make
		// the tenant undeletable.
		if b.roots[ref.Name] && fk.OnDelete != string(Cascade) && fk.OnDelete != string(SetNull) {
			b.fail(pos, t.Name, col, "references tenant table %q without ON DELETE CASCADE, so deleting a tenant would fail or leave orphans: add .OnDelete(schema.Cascade), or use schema.Tenant(…) with the %q table", ref.Name, ref.Name)
		}
	}
}

// checkJSONUse reports json and jsonb columns that drive a query: named in
// a key, an index or a check.
func (b *builder) checkJSONUse(t *Table) {
	jsonCols := map[string]bool{}
	for _, c := range t.Columns {
		if c.Type == "jsonb" || c.Type == "json" {
			jsonCols[c.Name] = true
		}
	}
	if len(jsonCols) == 0 {
		return
	}
	report := func(object string, sql ...string) {
		for _, s := range sql {
			for _, id := range identifiers(s) {
				if jsonCols[id] {
					b.fail(b.pos[t.Name+"."+object], t.Name, id, "is %s and is used by %s: a field that drives a query should be a real column — promote it to its own column",
						columnType(t, id), object)
					jsonCols[id] = false // once per column
				}
			}
		}
	}
	for _, k := range t.Uniques {
		report(k.Name, k.Columns...)
	}
	for _, ix := range t.Indexes {
		report(ix.Name, append(ix.Columns, ix.Where)...)
	}
	for _, c := range t.Checks {
		report(c.Name, c.Expr)
	}
}

func columnType(t *Table, name string) string {
	c, _ := t.Column(name)
	return c.Type
}

// identifiers returns the identifiers in a SQL fragment, skipping string
// literals and lower-casing bare words as PostgreSQL does.
func identifiers(sql string) []string {
	var ids []string
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(sql[i+1:], '\'')
			if j < 0 {
				return ids
			}
			i += j + 2
		case c == '"':
			j := strings.IndexByte(sql[i+1:], '"')
			if j < 0 {
				return ids
			}
			ids = append(ids, sql[i+1:i+1+j])
			i += j + 2
		case isIdentStart(c):
			j := i + 1
			for j < len(sql) && (isIdentStart(sql[j]) || sql[j] >= '0' && sql[j] <= '9' || sql[j] == '$') {
				j++
			}
			ids = append(ids, strings.ToLower(sql[i:j]))
			i = j
		default:
			i++
		}
	}
	return ids
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
