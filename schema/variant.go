package schema

// Discriminator is the column that tells, on a base table and its variant
// tables, which variant a row is.
const Discriminator = "kind"

type variantDecl struct {
	base   *TableBuilder
	kind   string
	column *ColumnBuilder
	pos    string
}

// Variant makes the table a variant of base, of the given kind: it shares
// base's primary key (the key columns are added when not declared) and
// carries a kind column fixed to kind. The base gets a kind column checked
// against its declared variants, and the composite foreign key
// (id, kind) → base(id, kind) ON DELETE CASCADE lets a base row have at most
// one variant row, enforced by the database.
func Variant(base *TableBuilder, kind string) Part {
	d := &variantDecl{base: base, kind: kind, pos: callerPos(1)}
	d.column = &ColumnBuilder{col: Column{
		Name: Discriminator, Type: "text", NotNull: true,
		Default: QuoteLiteral(kind), Pos: d.pos,
	}}
	d.column.checks = []string{Discriminator + " = " + QuoteLiteral(kind)}
	return partFunc(func(t *TableBuilder) {
		t.columns = append(t.columns, d.column)
		t.variant = d
	})
}
