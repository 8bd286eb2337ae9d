package schema

import (
	"slices"
	"strings"
)

// This file holds the steps of New that look across tables: they run
// once every table is declared.

// linkVariants gives each base table its discriminator column and check.
func (b *builder) linkVariants() {
	kinds := map[string][]string{}
	var bases []string
	for i := range b.m.Tables {
		v := b.m.Tables[i].Variant
		if v == nil {
			continue
		}
		base, ok := b.m.Table(v.Base)
		if !ok {
			continue // reported by validate
		}
		if len(kinds[v.Base]) == 0 {
			bases = append(bases, v.Base)
		}
		kinds[v.Base] = append(kinds[v.Base], QuoteLiteral(v.Kind))
		base.Variants = append(base.Variants, b.m.Tables[i].Name)
	}
	for _, name := range bases {
		base, _ := b.m.Table(name)
		base.Discriminator = Discriminator
		if _, ok := base.Column(Discriminator); !ok {
			at := 0
			if base.PrimaryKey != nil {
				for i, c := range base.Columns {
					if slices.Contains(base.PrimaryKey.Columns, c.Name) {
						at = i + 1
					}
				}
			}
			col := Column{Name: Discriminator, Type: "text", NotNull: true, Pos: base.Pos}
			base.Columns = slices.Insert(base.Columns, at, col)
		}
		base.Checks = append(base.Checks, CheckDef{
			Name: b.name(base.Name, []string{Discriminator}, "check"),
			Expr: Discriminator + " IN (" + strings.Join(kinds[name], ", ") + ")",
		})
	}
}

// scopeTenantKeys makes every foreign key between two tenant-scoped tables
// include the tenant column, so a row cannot point at another tenant's row.
func (b *builder) scopeTenantKeys() {
	for i := range b.m.Tables {
		t := &b.m.Tables[i]
		if t.Tenant == nil {
			continue
		}
		for j := range t.ForeignKeys {
			fk := &t.ForeignKeys[j]
			ref, ok := b.m.Table(fk.RefTable)
			if !ok || ref.Tenant == nil || slices.Contains(fk.Columns, t.Tenant.Column) {
				continue
			}
			if fk.OnDelete == string(SetNull) || fk.OnDelete == string(SetDefault) {
				fk.OnDeleteColumns = slices.Clone(fk.Columns) // never the tenant column
			}
			fk.Columns = append([]string{t.Tenant.Column}, fk.Columns...)
			fk.RefColumns = append([]string{ref.Tenant.Column}, fk.RefColumns...)
			b.derived[t.Name+"."+fk.Name] = true
		}
	}
}

// ensureKeys checks that every foreign key targets a key of the referenced
// table, adding the key when plinth shaped the foreign key itself.
func (b *builder) ensureKeys() {
	for i := range b.m.Tables {
		t := &b.m.Tables[i]
		for _, fk := range t.ForeignKeys {
			ref, ok := b.m.Table(fk.RefTable)
			if !ok || !allColumns(ref, fk.RefColumns) || isKey(ref, fk.RefColumns) {
				continue // unknown targets are reported by validate
			}
			if b.derived[t.Name+"."+fk.Name] {
				ref.Uniques = append(ref.Uniques, Key{Name: b.name(ref.Name, fk.RefColumns, "key"), Columns: slices.Clone(fk.RefColumns)})
				continue
			}
			b.fail(b.pos[t.Name+"."+fk.Name], t.Name, fk.Columns[0],
				"foreign key %s references (%s) of %q, which is not its primary key or a unique key: reference the primary key or declare schema.Unique(%s) on %q",
				fk.Name, strings.Join(fk.RefColumns, ", "), ref.Name, quotedList(fk.RefColumns), ref.Name)
		}
	}
}

func allColumns(t *Table, cols []string) bool {
	for _, c := range cols {
		if _, ok := t.Column(c); !ok {
			return false
		}
	}
	return true
}

// isKey reports whether cols, in any order, are the primary key, a unique
// constraint or a full unique index of t: what a foreign key may target.
func isKey(t *Table, cols []string) bool {
	same := func(k []string) bool { return sameSet(k, cols) }
	if t.PrimaryKey != nil && same(t.PrimaryKey.Columns) {
		return true
	}
	for _, k := range t.Uniques {
		if same(k.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && ix.Where == "" && same(ix.Columns) {
			return true
		}
	}
	return false
}

// sameSet reports whether a and b hold the same names in any order.
func sameSet(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(c string) bool { return !slices.Contains(b, c) })
}

// containsKey reports whether cols include t's whole primary key: such a
// key is unique whatever the soft-delete state, and stays plain.
func containsKey(t *Table, cols []string) bool {
	if t.PrimaryKey == nil {
		return false
	}
	for _, c := range t.PrimaryKey.Columns {
		if !slices.Contains(cols, c) {
			return false
		}
	}
	return true
}

// applySoftDelete turns the unique keys of soft-delete tables into partial
// unique indexes over live rows.
func (b *builder) applySoftDelete() {
	for i := range b.m.Tables {
		t := &b.m.Tables[i]
		if t.SoftDelete == "" {
			continue
		}
		live := QuoteIdent(t.SoftDelete) + " IS NULL"
		var keep []Key
		var partial []IndexDef
		for _, k := range t.Uniques {
			if containsKey(t, k.Columns) {
				keep = append(keep, k)
				continue
			}
			if by := b.referencing(t.Name, k.Columns); by != "" {
				b.fail(b.pos[t.Name+"."+k.Name], t.Name, k.Columns[0],
					"unique key %s cannot become a partial index over live rows because foreign key %s references it: reference the primary key instead, or include it in the key",
					k.Name, by)
				keep = append(keep, k)
				continue
			}
			partial = append(partial, IndexDef{Name: k.Name, Unique: true, Method: "btree", Columns: k.Columns, Where: live})
		}
		for j := range t.Indexes {
			ix := &t.Indexes[j]
			if !ix.Unique || containsKey(t, ix.Columns) {
				continue
			}
			if ix.Where == "" {
				ix.Where = live
			} else {
				ix.Where = "(" + ix.Where + ") AND " + live
			}
		}
		t.Uniques = keep
		t.Indexes = append(partial, t.Indexes...)
	}
}

// referencing returns the name of a foreign key that targets cols of table.
func (b *builder) referencing(table string, cols []string) string {
	for _, t := range b.m.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == table && sameSet(fk.RefColumns, cols) {
				return t.Name + "." + fk.Name
			}
		}
	}
	return ""
}

// collectEnums lists the enum types the columns use, in order of first use.
func (b *builder) collectEnums() {
	seen := map[string]*EnumBuilder{}
	for _, u := range b.enumUses {
		prev, ok := seen[u.enum.name]
		switch {
		case !ok:
			seen[u.enum.name] = u.enum
			b.m.Enums = append(b.m.Enums, EnumType{Name: u.enum.name, Values: slices.Clone(u.enum.values), Pos: u.enum.pos})
		case prev != u.enum && !slices.Equal(prev.values, u.enum.values):
			b.fail(u.enum.pos, "", "", "enum %q is declared twice with different values (first at %s): declare it once", u.enum.name, relPos(prev.pos))
		}
	}
}
