package schema

// EnumBuilder is a declared enum type; its Column method declares columns of it.
type EnumBuilder struct {
	name   string
	values []string
	pos    string
}

// Enum declares the enum type name with its values in sort order. The type
// is created by the schema when a column uses it.
func Enum(name string, values ...string) *EnumBuilder {
	return &EnumBuilder{name: name, values: values, pos: callerPos(1)}
}

// Name returns the type name.
func (e *EnumBuilder) Name() string { return e.name }

// Column declares a column of the enum type.
func (e *EnumBuilder) Column(name string) *ColumnBuilder {
	c := newColumn(name, QuoteIdent(e.name))
	c.col.Enum = e.name
	c.enum = e
	return c
}
