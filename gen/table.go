package gen

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/factory-kit/plinth/schema"
)

// tableFile renders ti's file: row type, insert type, column handles, the
// table's static statements and its query entry point.
func (g *generator) tableFile(ti *tableInfo) *file {
	f := newFile()
	f.importPath(queryPath)
	g.rowType(f, ti)
	g.newType(f, ti)
	g.columns(f, ti)
	g.meta(f, ti)
	g.entry(f, ti)
	g.relations(f, ti)
	g.variantMethods(f, ti)
	return f
}

func describeTable(t *schema.Table) string {
	if t.Comment != "" {
		return t.Name + ": " + strings.TrimSuffix(t.Comment, ".")
	}
	return t.Name
}

// columnDoc says what a column is, for its field's comment.
func columnDoc(c *schema.Column) string {
	s := c.Type
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.Default != "" {
		s += " DEFAULT " + c.Default
	}
	if c.Identity != "" {
		s += " GENERATED " + c.Identity + " AS IDENTITY"
	}
	if c.Comment != "" {
		s = strings.TrimSuffix(c.Comment, ".") + " (" + s + ")"
	}
	return s
}

func (g *generator) rowType(f *file, ti *tableInfo) {
	f.p("// %s is a row of %s.", ti.row, describeTable(ti.t))
	f.p("type %s struct {", ti.row)
	for _, fl := range ti.fields {
		f.use(fl.base)
		f.p("// %s is column %s, %s.", fl.name, fl.col.Name, columnDoc(fl.col))
		f.p("%s %s", fl.name, fl.typ)
	}
	f.p("}\n")
}

func (g *generator) newType(f *file, ti *tableInfo) {
	f.p("// %s is a row to insert into %s. Pointer, slice and map fields are", ti.newType, ti.t.Name)
	f.p("// optional: nil leaves the column to its default, or NULL.")
	if ti.t.Tenant != nil || ti.t.UpdatedAt != "" {
		f.p("// The tenant id and the timestamps are set by plinth, never by the caller.")
	}
	f.p("type %s struct {", ti.newType)
	for _, in := range ti.insert {
		if in.tenant {
			continue
		}
		how := "required"
		switch {
		case in.useDefault:
			how = "nil means DEFAULT " + in.col.Default
		case in.opt:
			how = "nil means NULL"
		}
		f.p("// %s is column %s (%s).", in.name, in.col.Name, how)
		f.p("%s %s", in.name, in.typ)
	}
	f.p("}\n")
}

func (g *generator) columns(f *file, ti *tableInfo) {
	f.p("// %s holds the typed column handles of %s.", ti.colsType, ti.t.Name)
	f.p("type %s struct {", ti.colsType)
	for _, fl := range ti.fields {
		f.p("// %s is column %s.", fl.name, fl.col.Name)
		f.p("%s %s", fl.name, fl.handle)
	}
	f.p("}\n")
	f.p("// %s is the column handles of %s, for Where, Set and OrderBy.", ti.plural, ti.t.Name)
	f.p("var %s = %s{", ti.plural, ti.colsType)
	for _, fl := range ti.fields {
		f.p("%s: %s(%s),", fl.name, fl.ctor, quote(schema.QuoteIdent(fl.col.Name)))
	}
	f.p("}\n")
}

// meta renders the table's runtime shape, its statements as constants, and
// its scan function.
func (g *generator) meta(f *file, ti *tableInfo) {
	s := shapeOf(ti)
	f.p("// %s is the runtime shape of %s; its statements are rendered once, by plinth generate.", ti.meta, ti.t.Name)
	f.p("var %s = query.Table[%s]{", ti.meta, ti.row)
	f.p("Shape: query.Shape{")
	f.p("Name: %s,", quote(s.Name))
	f.p("CopyName: %s,", quote(s.CopyName))
	f.p("Columns: %s,", quote(s.Columns))
	if len(s.Key) > 0 {
		keys := make([]string, len(s.Key))
		for i, k := range s.Key {
			keys[i] = quote(k)
		}
		f.p("Key: []string{%s},", strings.Join(keys, ", "))
	}
	for _, kv := range [][2]string{{"Tenant", s.Tenant}, {"SoftDelete", s.SoftDelete}, {"UpdatedAt", s.UpdatedAt}} {
		if kv[1] != "" {
			f.p("%s: %s,", kv[0], quote(kv[1]))
		}
	}
	if s.RowSecurity {
		f.p("RowSecurity: true,")
	}
	if len(s.Insert) > 0 {
		f.p("Insert: []query.InsertColumn{")
		for _, c := range s.Insert {
			if c.Default == "" {
				f.p("{Name: %s, CopyName: %s},", quote(c.Name), quote(c.CopyName))
				continue
			}
			f.p("{Name: %s, CopyName: %s, Default: %s, Cast: %s},", quote(c.Name), quote(c.CopyName), quote(c.Default), quote(c.Cast))
		}
		f.p("},")
	}
	for _, kv := range [][2]string{{"GetSQL", s.GetSQL}, {"GetAcrossSQL", s.GetAcrossSQL}, {"InsertSQL", s.InsertSQL}, {"InsertReturningSQL", s.InsertReturningSQL}} {
		if kv[1] != "" {
			f.p("%s: %s,", kv[0], quote(kv[1]))
		}
	}
	f.p("},")
	f.p("Scan: %s,", ti.scan)
	f.p("}\n")

	f.p("// %s reads a row selected with the table's column list into r.", ti.scan)
	f.p("func %s(s query.Scanner, r *%s) error {", ti.scan, ti.row)
	dests := make([]string, len(ti.fields))
	for i, fl := range ti.fields {
		dests[i] = "&r." + fl.name
	}
	f.p("return s.Scan(%s)", strings.Join(dests, ", "))
	f.p("}\n")
}

// entry renders the table type and its query methods.
func (g *generator) entry(f *file, ti *tableInfo) {
	tt, row := ti.tableType, ti.row
	scoped := ""
	if ti.t.Tenant != nil {
		scoped = " Reads and writes are filtered by the scope's tenant."
	}
	soft := ""
	if ti.t.SoftDelete != "" {
		soft = " live (not soft-deleted)"
	}
	f.p("// %s queries %s through one scope.%s", tt, ti.t.Name, scoped)
	f.p("type %s struct {", tt)
	f.p("s *query.Scope")
	f.p("}\n")

	f.p("// Select starts a select of the%s rows.", soft)
	f.p("func (t %s) Select() query.Select[%s] { return query.NewSelect(t.s, &%s) }\n", tt, row, ti.meta)

	if len(ti.key) > 0 {
		f.importPath("context")
		params, args := keyParams(f, ti)
		f.p("// Get returns the%s row whose primary key is given, or query.ErrNotFound.", soft)
		if ti.t.Tenant != nil {
			f.p("// The last argument slot is the tenant id, filled by the scope.")
		}
		f.p("func (t %s) Get(ctx context.Context, %s) (%s, error) {", tt, strings.Join(params, ", "), row)
		if ti.t.Tenant != nil {
			args = append(args, "nil")
		}
		f.p("return query.Get(ctx, t.s, &%s, []any{%s})", ti.meta, strings.Join(args, ", "))
		f.p("}\n")
	}

	if len(ti.insert) > 0 {
		g.insertMethods(f, ti)
	}

	f.p("// Update starts an update; it runs once Where or All has chosen the rows.")
	f.p("func (t %s) Update() query.Update[%s] { return query.NewUpdate(t.s, &%s) }\n", tt, row, ti.meta)
	if ti.t.SoftDelete != "" {
		f.p("// Delete starts a soft delete, which sets %s; it runs once Where or All", ti.t.SoftDelete)
		f.p("// has chosen the rows.")
		f.p("func (t %s) Delete() query.Delete[%s] { return query.NewDelete(t.s, &%s) }\n", tt, row, ti.meta)
		f.p("// HardDelete starts a real DELETE, soft-deleted rows included.")
		f.p("func (t %s) HardDelete() query.Delete[%s] { return query.NewHardDelete(t.s, &%s) }\n", tt, row, ti.meta)
		f.p("// Restore starts the restoration of soft-deleted rows.")
		f.p("func (t %s) Restore() query.Delete[%s] { return query.NewRestore(t.s, &%s) }\n", tt, row, ti.meta)
	} else {
		f.p("// Delete starts a DELETE; it runs once Where or All has chosen the rows.")
		f.p("func (t %s) Delete() query.Delete[%s] { return query.NewDelete(t.s, &%s) }\n", tt, row, ti.meta)
	}
}

func (g *generator) insertMethods(f *file, ti *tableInfo) {
	tt, row := ti.tableType, ti.row
	vals := make([]string, len(ti.insert))
	for i, in := range ti.insert {
		vals[i] = "n." + in.name
		if in.tenant {
			vals[i] = "org"
		}
	}
	tenantLine := fmt.Sprintf("org, err := t.s.InsertTenant(&%s.Shape)", ti.meta)
	if ti.t.Tenant == nil {
		tenantLine = "var err error"
	}
	f.p("// Insert starts an insert of n; run it with Exec or Returning.")
	f.p("func (t %s) Insert(n %s) query.Insert[%s] {", tt, ti.newType, row)
	f.p("%s", tenantLine)
	f.p("return query.NewInsert(t.s, &%s, []any{%s}, err)", ti.meta, strings.Join(vals, ", "))
	f.p("}\n")

	f.p("// InsertMany starts an insert of rows: Exec loads them with COPY,")
	f.p("// Returning inserts them with multi-row INSERT … RETURNING.")
	f.p("func (t %s) InsertMany(rows []%s) query.InsertMany[%s] {", tt, ti.newType, row)
	f.p("%s", tenantLine)
	f.p("values := func(i int, dst []any) []any {")
	f.p("n := &rows[i]")
	f.p("return append(dst, %s)", strings.Join(vals, ", "))
	f.p("}")
	var defaulted []int
	for i, in := range ti.insert {
		if in.useDefault {
			defaulted = append(defaulted, i)
		}
	}
	if len(defaulted) == 0 {
		f.p("defaults := func(int) uint64 { return 0 }")
	} else {
		f.p("defaults := func(i int) uint64 {")
		f.p("n, d := &rows[i], uint64(0)")
		for _, i := range defaulted {
			f.p("if n.%s == nil {", ti.insert[i].name)
			f.p("d |= 1 << %d", i)
			f.p("}")
		}
		f.p("return d")
		f.p("}")
	}
	f.p("return query.NewInsertMany(t.s, &%s, len(rows), values, defaults, err)", ti.meta)
	f.p("}\n")
}

// relations renders the batched relation loaders of ti.
func (g *generator) relations(f *file, ti *tableInfo) {
	for _, r := range ti.parents {
		g.parentLoader(f, r)
	}
	for _, r := range ti.children {
		g.childLoader(f, r)
	}
}

func (g *generator) parentLoader(f *file, r *relation) {
	c, p := r.child, r.parent
	f.importPath("context")
	key := f.use(r.parentCol.base)
	f.p("// Load%s loads, in one query, the %s rows that rows refer to by", r.parentName, p.t.Name)
	f.p("// %s, keyed by %s. Rows the scope cannot see are absent.", r.childCol.col.Name, r.parentCol.col.Name)
	f.p("func (t %s) Load%s(ctx context.Context, rows []%s) (map[%s]%s, error) {", c.tableType, r.parentName, c.row, key, p.row)
	f.p("keys := make([]%s, 0, len(rows))", key)
	f.p("seen := make(map[%s]struct{}, len(rows))", key)
	f.p("for i := range rows {")
	if nilable(r.childCol.typ) && !nilable(r.childCol.base.expr) {
		f.p("if rows[i].%s == nil {", r.childCol.name)
		f.p("continue")
		f.p("}")
		f.p("k := *rows[i].%s", r.childCol.name)
	} else {
		f.p("k := rows[i].%s", r.childCol.name)
	}
	f.p("if _, ok := seen[k]; !ok {")
	f.p("seen[k] = struct{}{}")
	f.p("keys = append(keys, k)")
	f.p("}")
	f.p("}")
	f.p("found, err := query.NewSelect(t.s, &%s).Where(%s.%s.In(keys...)).All(ctx)", p.meta, p.plural, r.parentCol.name)
	f.p("if err != nil {")
	f.p("return nil, err")
	f.p("}")
	f.p("out := make(map[%s]%s, len(found))", key, p.row)
	f.p("for _, r := range found {")
	f.p("out[r.%s] = r", r.parentCol.name)
	f.p("}")
	f.p("return out, nil")
	f.p("}\n")
}

func (g *generator) childLoader(f *file, r *relation) {
	c, p := r.child, r.parent
	f.importPath("context")
	key := f.use(r.parentCol.base)
	f.p("// Load%s loads, in one query, the %s rows whose %s refers to", r.childName, c.t.Name, r.childCol.col.Name)
	f.p("// one of parents, grouped by it. Rows the scope cannot see are absent.")
	f.p("func (t %s) Load%s(ctx context.Context, parents []%s) (map[%s][]%s, error) {", p.tableType, r.childName, p.row, key, c.row)
	f.p("keys := make([]%s, len(parents))", key)
	f.p("for i := range parents {")
	f.p("keys[i] = parents[i].%s", r.parentCol.name)
	f.p("}")
	f.p("return query.Children(ctx, t.s, &%s, %s.%s, keys, func(r *%s) (%s, bool) {", c.meta, c.plural, r.childCol.name, c.row, key)
	if nilable(r.childCol.typ) && !nilable(r.childCol.base.expr) {
		f.p("if r.%s == nil {", r.childCol.name)
		f.p("var none %s", key)
		f.p("return none, false")
		f.p("}")
		f.p("return *r.%s, true", r.childCol.name)
	} else {
		f.p("return r.%s, true", r.childCol.name)
	}
	f.p("})")
	f.p("}\n")
}

// variantMethods renders, on a base table, the type of a row with its
// variant, the insert of both in one transaction and the load of both.
func (g *generator) variantMethods(f *file, ti *tableInfo) {
	if len(ti.variants) == 0 || len(ti.key) == 0 || ti.t.Discriminator == "" {
		return
	}
	with := ti.row + "WithVariant"
	kind := ti.field(ti.t.Discriminator)
	f.importPath("context")
	f.p("// %s is a %s row with its variant row: the field of", with, ti.t.Name)
	f.p("// the row's kind is set, the others are nil.")
	f.p("type %s struct {", with)
	f.p("%s", ti.row)
	for _, v := range ti.variants {
		f.p("// %s is the %s variant (%s), nil for another kind.", v.row, v.t.Variant.Kind, v.t.Name)
		f.p("%s *%s", v.row, v.row)
	}
	f.p("}\n")
	for _, v := range ti.variants {
		f.p("// Insert%s inserts base, of kind %s, and its %s row v in one", v.row, v.t.Variant.Kind, v.t.Name)
		f.p("// transaction; v's key is taken from the inserted base row.")
		f.p("func (t %s) Insert%s(ctx context.Context, base %s, v %s) (%s, error) {", ti.tableType, v.row, ti.newType, v.newType, with)
		f.p("var out %s", with)
		f.p("err := t.s.Tx(ctx, func(s *query.Scope) error {")
		f.p("base.%s = %s", kind.name, quote(v.t.Variant.Kind))
		f.p("b, err := %s{s}.Insert(base).Returning(ctx)", ti.tableType)
		f.p("if err != nil {")
		f.p("return err")
		f.p("}")
		for _, k := range ti.key {
			f.p("v.%s = b.%s", k.name, k.name)
		}
		f.p("r, err := %s{s}.Insert(v).Returning(ctx)", v.tableType)
		f.p("out = %s{%s: b, %s: &r}", with, ti.row, v.row)
		f.p("return err")
		f.p("})")
		f.p("return out, err")
		f.p("}\n")
	}
	params, args := keyParams(f, ti)
	f.p("// GetWithVariant returns the row whose primary key is given with its variant")
	f.p("// row, or query.ErrNotFound.")
	f.p("func (t %s) GetWithVariant(ctx context.Context, %s) (%s, error) {", ti.tableType, strings.Join(params, ", "), with)
	f.p("b, err := t.Get(ctx, %s)", strings.Join(args, ", "))
	f.p("out := %s{%s: b}", with, ti.row)
	f.p("if err != nil {")
	f.p("return out, err")
	f.p("}")
	f.p("switch b.%s {", kind.name)
	for _, v := range ti.variants {
		vargs := make([]string, len(ti.key))
		for i, k := range ti.key {
			vargs[i] = "b." + k.name
		}
		f.p("case %s:", quote(v.t.Variant.Kind))
		f.p("r, err := %s{t.s}.Get(ctx, %s)", v.tableType, strings.Join(vargs, ", "))
		f.p("if err != nil {")
		f.p("return out, err")
		f.p("}")
		f.p("out.%s = &r", v.row)
	}
	f.p("}")
	f.p("return out, nil")
	f.p("}\n")
}

// keyParams returns the parameters ("id uuid.UUID") and the arguments
// ("id") that name the primary key of ti in a generated method.
func keyParams(f *file, ti *tableInfo) (params, args []string) {
	params, args = make([]string, len(ti.key)), make([]string, len(ti.key))
	for i, k := range ti.key {
		p := lowerFirst(k.name)
		if token.IsKeyword(p) || p == "ctx" || p == "t" {
			p += "_"
		}
		params[i], args[i] = p+" "+f.use(k.base), p
	}
	return params, args
}
