package schema

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
)

// Action is a referential action of a foreign key.
type Action string

// The referential actions, spelled as SQL writes them.
const (
	NoAction   Action = "NO ACTION"
	Restrict   Action = "RESTRICT"
	Cascade    Action = "CASCADE"
	SetNull    Action = "SET NULL"
	SetDefault Action = "SET DEFAULT"
)

// modelWord is the action as the model stores it: NO ACTION is "".
func (a Action) modelWord() string {
	if a == NoAction {
		return ""
	}
	return string(a)
}

// ColumnBuilder declares one column; pass it among a table's parts.
// Its methods modify and return the same builder.
type ColumnBuilder struct {
	col      Column
	pk       bool
	unique   bool
	checks   []string
	ref      *ColumnRef
	onDelete Action
	onUpdate Action
	enum     *EnumBuilder
}

func (c *ColumnBuilder) apply(t *TableBuilder) { t.columns = append(t.columns, c) }

func newColumn(name, typ string) *ColumnBuilder {
	return &ColumnBuilder{col: Column{Name: name, Type: typ, Pos: callerPos(2)}}
}

// callerPos returns "file:line" of the function skip frames above the
// caller of callerPos.
func callerPos(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return ""
	}
	return file + ":" + strconv.Itoa(line)
}

// domainOf returns the base name of pos's file without ".go".
func domainOf(pos string) string {
	file := pos
	if i := lastColon(pos); i >= 0 {
		file = pos[:i]
	}
	base := filepath.Base(file)
	return base[:len(base)-len(filepath.Ext(base))]
}

func lastColon(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			return i
		}
	}
	return -1
}

// UUID declares a uuid column.
func UUID(name string) *ColumnBuilder { return newColumn(name, "uuid") }

// Text declares a text column.
func Text(name string) *ColumnBuilder { return newColumn(name, "text") }

// Varchar declares a character varying(n) column.
func Varchar(name string, n int) *ColumnBuilder {
	return newColumn(name, fmt.Sprintf("character varying(%d)", n))
}

// Boolean declares a boolean column.
func Boolean(name string) *ColumnBuilder { return newColumn(name, "boolean") }

// SmallInt declares a smallint (int2) column.
func SmallInt(name string) *ColumnBuilder { return newColumn(name, "smallint") }

// Integer declares an integer (int4) column.
func Integer(name string) *ColumnBuilder { return newColumn(name, "integer") }

// BigInt declares a bigint (int8) column.
func BigInt(name string) *ColumnBuilder { return newColumn(name, "bigint") }

// Numeric declares a numeric(precision,scale) column; precision 0 declares
// an unconstrained numeric.
func Numeric(name string, precision, scale int) *ColumnBuilder {
	if precision == 0 {
		return newColumn(name, "numeric")
	}
	return newColumn(name, fmt.Sprintf("numeric(%d,%d)", precision, scale))
}

// Real declares a real (float4) column.
func Real(name string) *ColumnBuilder { return newColumn(name, "real") }

// DoublePrecision declares a double precision (float8) column.
func DoublePrecision(name string) *ColumnBuilder { return newColumn(name, "double precision") }

// Date declares a date column.
func Date(name string) *ColumnBuilder { return newColumn(name, "date") }

// Timestamp declares a timestamp without time zone column.
func Timestamp(name string) *ColumnBuilder {
	return newColumn(name, "timestamp without time zone")
}

// Timestamptz declares a timestamp with time zone column, the right type
// for instants.
func Timestamptz(name string) *ColumnBuilder {
	return newColumn(name, "timestamp with time zone")
}

// Interval declares an interval column.
func Interval(name string) *ColumnBuilder { return newColumn(name, "interval") }

// Bytea declares a bytea column.
func Bytea(name string) *ColumnBuilder { return newColumn(name, "bytea") }

// JSONB declares a jsonb column whose values generated code reads and
// writes as T. Keep in it only fields that drive no query.
func JSONB[T any](name string) *ColumnBuilder {
	c := newColumn(name, "jsonb")
	c.col.GoType = goTypeOf[T]()
	return c
}

// JSON declares a json column whose values generated code reads and writes as T.
func JSON[T any](name string) *ColumnBuilder {
	c := newColumn(name, "json")
	c.col.GoType = goTypeOf[T]()
	return c
}

// Typed declares a column of any other type; typ must be spelled as
// PostgreSQL's format_type() spells it ("inet", "citext"), or the migration
// differ will see a change on every run.
func Typed(name, typ string) *ColumnBuilder { return newColumn(name, typ) }

// Array turns c into an array of its type: Array(Text("tags")) is text[].
func Array(c *ColumnBuilder) *ColumnBuilder { return c.Array() }

// Array turns the column into an array of its type.
func (c *ColumnBuilder) Array() *ColumnBuilder {
	c.col.Type += "[]"
	return c
}

// NotNull adds NOT NULL.
func (c *ColumnBuilder) NotNull() *ColumnBuilder {
	c.col.NotNull = true
	return c
}

// Default sets the DEFAULT to the SQL expression expr, e.g. "'active'" or
// "'{}'::jsonb".
func (c *ColumnBuilder) Default(expr string) *ColumnBuilder {
	c.col.Default = expr
	return c
}

// DefaultNow sets DEFAULT now().
func (c *ColumnBuilder) DefaultNow() *ColumnBuilder { return c.Default("now()") }

// DefaultRandom sets DEFAULT gen_random_uuid().
func (c *ColumnBuilder) DefaultRandom() *ColumnBuilder { return c.Default("gen_random_uuid()") }

// Identity makes the column GENERATED ALWAYS AS IDENTITY (and NOT NULL).
func (c *ColumnBuilder) Identity() *ColumnBuilder {
	c.col.Identity = "ALWAYS"
	c.col.NotNull = true
	return c
}

// IdentityByDefault makes the column GENERATED BY DEFAULT AS IDENTITY
// (and NOT NULL): inserts may still give a value.
func (c *ColumnBuilder) IdentityByDefault() *ColumnBuilder {
	c.col.Identity = "BY DEFAULT"
	c.col.NotNull = true
	return c
}

// PrimaryKey makes the column the table's primary key (and NOT NULL). For a
// composite key use the table part PrimaryKey(cols...).
func (c *ColumnBuilder) PrimaryKey() *ColumnBuilder {
	c.pk = true
	c.col.NotNull = true
	return c
}

// Unique adds a UNIQUE constraint on the column.
func (c *ColumnBuilder) Unique() *ColumnBuilder {
	c.unique = true
	return c
}

// References adds a foreign key from the column to ref, e.g.
// References(Users.Col("id")).
func (c *ColumnBuilder) References(ref ColumnRef) *ColumnBuilder {
	c.ref = &ref
	return c
}

// OnDelete sets the ON DELETE action of the column's foreign key.
func (c *ColumnBuilder) OnDelete(a Action) *ColumnBuilder {
	c.onDelete = a
	return c
}

// OnUpdate sets the ON UPDATE action of the column's foreign key.
func (c *ColumnBuilder) OnUpdate(a Action) *ColumnBuilder {
	c.onUpdate = a
	return c
}

// Check adds a CHECK constraint, named <table>_<column>_check, with the
// boolean SQL expression expr.
func (c *ColumnBuilder) Check(expr string) *ColumnBuilder {
	c.checks = append(c.checks, expr)
	return c
}

// Comment sets the column's COMMENT.
func (c *ColumnBuilder) Comment(text string) *ColumnBuilder {
	c.col.Comment = text
	return c
}

// RenamedFrom records the column's previous name, so the migration differ
// renames it instead of dropping and adding.
func (c *ColumnBuilder) RenamedFrom(old string) *ColumnBuilder {
	c.col.RenamedFrom = old
	return c
}

// ColumnRef names a column of a table, the target of References.
type ColumnRef struct {
	table     *TableBuilder
	tableName string
	column    string
}

// Ref names column of the table whose full SQL name is table. Use it where
// a TableBuilder variable cannot be named, as in a reference cycle.
func Ref(table, column string) ColumnRef { return ColumnRef{tableName: table, column: column} }

// resolvedTable is the full name of the referenced table.
func (r ColumnRef) resolvedTable() string {
	if r.table != nil {
		return r.table.name
	}
	return r.tableName
}
