package schema

// Part is anything passed among a table's parts: a column, a table
// constraint, an index, or a mixin such as Timestamps or Tenant.
type Part interface {
	apply(t *TableBuilder)
}

// partFunc adapts a function to Part; mixins are made of it.
type partFunc func(t *TableBuilder)

func (f partFunc) apply(t *TableBuilder) { f(t) }

// Mixin groups parts into one, so a project can declare its own shared
// columns once and pass them to every table that needs them.
func Mixin(parts ...Part) Part {
	return partFunc(func(t *TableBuilder) {
		for _, p := range parts {
			p.apply(t)
		}
	})
}

// TableBuilder is a declared table. New turns a Registry of them into a Model.
type TableBuilder struct {
	name        string
	base        string
	domain      string
	comment     string
	renamedFrom string
	pos         string

	columns   []*ColumnBuilder
	keys      []*KeyBuilder
	checks    []*CheckBuilder
	fks       []*ForeignKeyBuilder
	indexes   []*IndexBuilder
	tenant    *tenantDecl
	updatedAt string
	softDel   string
	variant   *variantDecl
	reference bool
	global    bool
	seed      []Row
	seedPos   string
}

// TableCreator returns the function that declares tables, applying prefix
// to every declared name; a nil prefix keeps names as declared. One creator
// per project keeps the prefix in one place:
//
//	var table = schema.TableCreator(func(name string) string { return "fleet_" + name })
func TableCreator(prefix func(name string) string) func(name string, parts ...Part) *TableBuilder {
	return func(name string, parts ...Part) *TableBuilder {
		full := name
		if prefix != nil {
			full = prefix(name)
		}
		return newTable(full, name, parts)
	}
}

func newTable(full, base string, parts []Part) *TableBuilder {
	pos := callerPos(2)
	t := &TableBuilder{name: full, base: base, pos: pos, domain: domainOf(pos)}
	for _, p := range parts {
		p.apply(t)
	}
	return t
}

// Name returns the table's full SQL name.
func (t *TableBuilder) Name() string { return t.name }

// Col names one of the table's columns, as the target of References.
func (t *TableBuilder) Col(name string) ColumnRef { return ColumnRef{table: t, column: name} }

// Comment sets the table's COMMENT.
func (t *TableBuilder) Comment(text string) *TableBuilder {
	t.comment = text
	return t
}

// RenamedFrom records the table's previous full name, so the migration
// differ renames it instead of dropping and creating.
func (t *TableBuilder) RenamedFrom(old string) *TableBuilder {
	t.renamedFrom = old
	return t
}

// Domain overrides the domain, which by default is the declaring file's
// base name ("fleet.go" declares domain "fleet").
func (t *TableBuilder) Domain(name string) *TableBuilder {
	t.domain = name
	return t
}

// Registry lists a schema's tables: the one value a schema package exports
// for the loader, in the order the Model keeps them.
type Registry []*TableBuilder

// KeyBuilder declares a table-level PRIMARY KEY or UNIQUE constraint.
type KeyBuilder struct {
	primary bool
	name    string
	columns []string
	pos     string
}

func (k *KeyBuilder) apply(t *TableBuilder) { t.keys = append(t.keys, k) }

// PrimaryKey declares a composite primary key over cols.
func PrimaryKey(cols ...string) *KeyBuilder {
	return &KeyBuilder{primary: true, columns: cols, pos: callerPos(1)}
}

// Unique declares a UNIQUE constraint over cols.
func Unique(cols ...string) *KeyBuilder {
	return &KeyBuilder{columns: cols, pos: callerPos(1)}
}

// Named overrides the generated constraint name.
func (k *KeyBuilder) Named(name string) *KeyBuilder {
	k.name = name
	return k
}

// CheckBuilder declares a table-level CHECK constraint.
type CheckBuilder struct {
	name string
	expr string
	pos  string
}

func (c *CheckBuilder) apply(t *TableBuilder) { t.checks = append(t.checks, c) }

// Check declares a CHECK constraint with the boolean SQL expression expr,
// named <table>_check (then _check1, _check2, ...) unless Named.
func Check(expr string) *CheckBuilder { return &CheckBuilder{expr: expr, pos: callerPos(1)} }

// Named overrides the generated constraint name.
func (c *CheckBuilder) Named(name string) *CheckBuilder {
	c.name = name
	return c
}

// ForeignKeyBuilder declares a table-level, possibly composite, foreign key.
type ForeignKeyBuilder struct {
	name     string
	columns  []string
	refs     []ColumnRef
	onDelete Action
	onUpdate Action
	pos      string
}

func (f *ForeignKeyBuilder) apply(t *TableBuilder) { t.fks = append(t.fks, f) }

// ForeignKey declares a foreign key from cols; give its target with References.
func ForeignKey(cols ...string) *ForeignKeyBuilder {
	return &ForeignKeyBuilder{columns: cols, pos: callerPos(1)}
}

// References sets the referenced columns, one per column, all of one table.
func (f *ForeignKeyBuilder) References(refs ...ColumnRef) *ForeignKeyBuilder {
	f.refs = refs
	return f
}

// OnDelete sets the ON DELETE action.
func (f *ForeignKeyBuilder) OnDelete(a Action) *ForeignKeyBuilder {
	f.onDelete = a
	return f
}

// OnUpdate sets the ON UPDATE action.
func (f *ForeignKeyBuilder) OnUpdate(a Action) *ForeignKeyBuilder {
	f.onUpdate = a
	return f
}

// Named overrides the generated constraint name.
func (f *ForeignKeyBuilder) Named(name string) *ForeignKeyBuilder {
	f.name = name
	return f
}
