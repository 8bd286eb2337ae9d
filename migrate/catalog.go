package migrate

import (
	"cmp"
	"slices"

	"github.com/factory-kit/plinth/schema"
)

// CatalogView returns a copy of m reduced to what pg_catalog records, in a
// canonical order, so that a model built by the DSL (once normalized by
// PostgreSQL) and one read by Inspect compare equal with reflect.DeepEqual.
//
// Kept: table names, comments, row security flags; columns (name,
// format_type spelling, NOT NULL, default, identity, comment, enum type);
// primary, unique and foreign keys; checks; indexes; policies; enums and
// their values in order.
//
// Dropped, because the catalog does not hold them: Base, Domain, Pos,
// RenamedFrom, Tenant, SoftDelete, UpdatedAt, Variant, Variants,
// Discriminator, Reference, Seed (rows are data, compared by Diff on their
// own), and a column's GoType. Their catalog effects (the tenant foreign
// key, the partial unique indexes of soft delete, a variant's checks) are
// compared like any other object.
//
// Sorted by name: tables, columns, keys, checks, indexes, policies and
// enums. Column order is not compared: PostgreSQL cannot reorder the
// columns of an existing table, so a column added by a migration comes
// last whatever its place in the DSL.
func CatalogView(m *schema.Model) *schema.Model {
	out := &schema.Model{}
	for _, t := range m.Tables {
		out.Tables = append(out.Tables, tableView(t))
	}
	for _, e := range m.Enums {
		out.Enums = append(out.Enums, schema.EnumType{Name: e.Name, Values: slices.Clone(e.Values)})
	}
	sortByName(out.Tables, func(t schema.Table) string { return t.Name })
	sortByName(out.Enums, func(e schema.EnumType) string { return e.Name })
	return out
}

func tableView(t schema.Table) schema.Table {
	v := schema.Table{
		Name: t.Name, Comment: t.Comment,
		RowSecurity: t.RowSecurity, ForceRowSecurity: t.ForceRowSecurity,
	}
	for _, c := range t.Columns {
		v.Columns = append(v.Columns, schema.Column{
			Name: c.Name, Type: c.Type, NotNull: c.NotNull, Default: c.Default,
			Identity: c.Identity, Comment: c.Comment, Enum: c.Enum,
		})
	}
	if t.PrimaryKey != nil {
		v.PrimaryKey = &schema.Key{Name: t.PrimaryKey.Name, Columns: slices.Clone(t.PrimaryKey.Columns)}
	}
	for _, k := range t.Uniques {
		v.Uniques = append(v.Uniques, schema.Key{Name: k.Name, Columns: slices.Clone(k.Columns)})
	}
	for _, fk := range t.ForeignKeys {
		fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		fk.OnDeleteColumns = nilIfEmpty(slices.Clone(fk.OnDeleteColumns))
		v.ForeignKeys = append(v.ForeignKeys, fk)
	}
	v.Checks = nilIfEmpty(slices.Clone(t.Checks))
	for _, ix := range t.Indexes {
		ix.Columns = slices.Clone(ix.Columns)
		v.Indexes = append(v.Indexes, ix)
	}
	v.Policies = nilIfEmpty(slices.Clone(t.Policies))
	sortByName(v.Columns, func(c schema.Column) string { return c.Name })
	sortByName(v.Uniques, func(k schema.Key) string { return k.Name })
	sortByName(v.ForeignKeys, func(fk schema.ForeignKeyDef) string { return fk.Name })
	sortByName(v.Checks, func(c schema.CheckDef) string { return c.Name })
	sortByName(v.Indexes, func(ix schema.IndexDef) string { return ix.Name })
	sortByName(v.Policies, func(p schema.Policy) string { return p.Name })
	return v
}

func sortByName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}
