package query

// Column is the typed handle of a column whose Go type is T: generated
// code declares one per column (Customers.ID), and its methods build
// predicates, assignments and orderings that only accept a T.
type Column[T any] struct {
	name string
}

// NewColumn returns the handle of the column whose quoted SQL name is name.
func NewColumn[T any](name string) Column[T] { return Column[T]{name: name} }

// Name returns the column's quoted SQL name.
func (c Column[T]) Name() string { return c.name }

// Eq is column = v.
func (c Column[T]) Eq(v T) Pred { return Pred{op: opEq, col: c.name, arg: v} }

// Ne is column <> v.
func (c Column[T]) Ne(v T) Pred { return Pred{op: opNe, col: c.name, arg: v} }

// Lt is column < v.
func (c Column[T]) Lt(v T) Pred { return Pred{op: opLt, col: c.name, arg: v} }

// Le is column <= v.
func (c Column[T]) Le(v T) Pred { return Pred{op: opLe, col: c.name, arg: v} }

// Gt is column > v.
func (c Column[T]) Gt(v T) Pred { return Pred{op: opGt, col: c.name, arg: v} }

// Ge is column >= v.
func (c Column[T]) Ge(v T) Pred { return Pred{op: opGe, col: c.name, arg: v} }

// In is column = ANY(vs): one array argument, so every list length shares
// one statement. In() is false.
func (c Column[T]) In(vs ...T) Pred { return Pred{op: opIn, col: c.name, arg: vs} }

// NotIn is column <> ALL(vs). NotIn() is true.
func (c Column[T]) NotIn(vs ...T) Pred { return Pred{op: opNotIn, col: c.name, arg: vs} }

// Between is column BETWEEN lo AND hi.
func (c Column[T]) Between(lo, hi T) Pred {
	return Pred{op: opBetween, col: c.name, arg: lo, arg2: hi}
}

// IsNull is column IS NULL.
func (c Column[T]) IsNull() Pred { return Pred{op: opIsNull, col: c.name} }

// IsNotNull is column IS NOT NULL.
func (c Column[T]) IsNotNull() Pred { return Pred{op: opIsNotNull, col: c.name} }

// To sets the column to v in an update.
func (c Column[T]) To(v T) Assignment { return Assignment{col: c.name, arg: v} }

// ToNull sets the column to NULL in an update; the database refuses it for
// a NOT NULL column.
func (c Column[T]) ToNull() Assignment { return Assignment{col: c.name, null: true} }

// Asc orders by the column, ascending.
func (c Column[T]) Asc() Order { return Order{col: c.name} }

// Desc orders by the column, descending.
func (c Column[T]) Desc() Order { return Order{col: c.name, desc: true} }

// StringColumn is the handle of a text column: a Column[string] that also
// matches patterns.
type StringColumn struct {
	Column[string]
}

// NewStringColumn returns the handle of the text column named name.
func NewStringColumn(name string) StringColumn { return StringColumn{Column[string]{name: name}} }

// Like is column LIKE pattern.
func (c StringColumn) Like(pattern string) Pred {
	return Pred{op: opLike, col: c.name, arg: pattern}
}

// ILike is column ILIKE pattern, case-insensitive.
func (c StringColumn) ILike(pattern string) Pred {
	return Pred{op: opILike, col: c.name, arg: pattern}
}

// JSONBColumn is the handle of a JSONB column holding a T. It offers no
// comparison: a field that drives a query belongs in a column of its own.
type JSONBColumn[T any] struct {
	name string
}

// NewJSONBColumn returns the handle of the JSONB column named name.
func NewJSONBColumn[T any](name string) JSONBColumn[T] { return JSONBColumn[T]{name: name} }

// Name returns the column's quoted SQL name.
func (c JSONBColumn[T]) Name() string { return c.name }

// To sets the column to v, encoded as JSON, in an update.
func (c JSONBColumn[T]) To(v T) Assignment { return Assignment{col: c.name, arg: v} }

// ToNull sets the column to SQL NULL in an update.
func (c JSONBColumn[T]) ToNull() Assignment { return Assignment{col: c.name, null: true} }

// IsNull is column IS NULL.
func (c JSONBColumn[T]) IsNull() Pred { return Pred{op: opIsNull, col: c.name} }

// IsNotNull is column IS NOT NULL.
func (c JSONBColumn[T]) IsNotNull() Pred { return Pred{op: opIsNotNull, col: c.name} }
