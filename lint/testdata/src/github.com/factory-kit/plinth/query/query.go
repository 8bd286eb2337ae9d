// Package query is a stub of plinth's query runtime: just enough of a
// builder and a JSONB column handle for jsonbquery's tests.
package query

type Expr struct{}

type Column[T any] struct{ Name string }

func (c Column[T]) Eq(v T) Expr { return Expr{} }
func (c Column[T]) Asc() Expr   { return Expr{} }

type JSONB[T any] struct{ Name string }

func (j JSONB[T]) Path(keys ...string) Column[string] { return Column[string]{} }
func (j JSONB[T]) Contains(v T) Expr                  { return Expr{} }
func (j JSONB[T]) IsNull() Expr                       { return Expr{} }

type Select struct{}

func (s *Select) Where(e ...Expr) *Select   { return s }
func (s *Select) OrderBy(e ...Expr) *Select { return s }
