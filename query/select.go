package query

import (
	"context"
	"slices"
)

// Select is a SELECT on one table, returning rows of type R. Build it with
// the generated table's Select method and run it with All, One, First,
// Count or Exists. A Select is a value: each method returns a new one.
type Select[R any] struct {
	s       *Scope
	t       *Table[R]
	where   predList
	order   [2]Order
	norder  int
	more    []Order
	limit   int64
	offset  int64
	lock    string
	deleted deleted
}

// NewSelect starts a select of t's live rows through s.
func NewSelect[R any](s *Scope, t *Table[R]) Select[R] {
	return Select[R]{s: s, t: t, limit: -1}
}

// Where keeps the rows for which every p holds; calls accumulate with AND.
func (q Select[R]) Where(p ...Pred) Select[R] {
	q.where.add(p)
	return q
}

// OrderBy appends orderings, built by the column handles' Asc and Desc.
func (q Select[R]) OrderBy(o ...Order) Select[R] {
	for _, x := range o {
		if q.norder < len(q.order) {
			q.order[q.norder] = x
			q.norder++
			continue
		}
		q.more = append(slices.Clip(q.more), x) // never into a copy's spare capacity
	}
	return q
}

// Limit returns at most n rows.
func (q Select[R]) Limit(n int) Select[R] {
	q.limit = int64(n)
	return q
}

// Offset skips the first n rows.
func (q Select[R]) Offset(n int) Select[R] {
	q.offset = int64(n)
	return q
}

// ForUpdate locks the selected rows until the end of the transaction.
func (q Select[R]) ForUpdate() Select[R] {
	q.lock = " FOR UPDATE"
	return q
}

// WithDeleted includes soft-deleted rows.
func (q Select[R]) WithDeleted() Select[R] {
	q.deleted = allRows
	return q
}

// OnlyDeleted returns soft-deleted rows only.
func (q Select[R]) OnlyDeleted() Select[R] {
	q.deleted = deletedRows
	return q
}

func (q *Select[R]) nargs() int {
	n := q.s.tenantArgs(&q.t.Shape) + q.where.nargs()
	if q.limit >= 0 {
		n++
	}
	if q.offset > 0 {
		n++
	}
	return n
}

// build renders the statement; what is the select list. A statement
// wrapped in SELECT EXISTS ( … ) when exists.
func (q *Select[R]) build(what string, exists bool) builder {
	b := newBuilder(q.nargs())
	if exists {
		b.str("SELECT EXISTS (")
	}
	b.str("SELECT ")
	b.str(what)
	b.str(" FROM ")
	b.str(q.t.Name)
	q.s.where(&b, &q.t.Shape, &q.where, q.deleted)
	for i := range q.norder + len(q.more) {
		o := q.orderAt(i)
		if i == 0 {
			b.str(" ORDER BY ")
		} else {
			b.str(", ")
		}
		b.str(o.col)
		if o.desc {
			b.str(" DESC")
		}
	}
	if q.limit >= 0 {
		b.str(" LIMIT ")
		b.arg(q.limit)
	}
	if q.offset > 0 {
		b.str(" OFFSET ")
		b.arg(q.offset)
	}
	b.str(q.lock)
	if exists {
		b.str(")")
	}
	return b
}

func (q *Select[R]) orderAt(i int) Order {
	if i < q.norder {
		return q.order[i]
	}
	return q.more[i-q.norder]
}

// All returns every matching row.
func (q Select[R]) All(ctx context.Context) ([]R, error) {
	if err := q.s.check(&q.t.Shape); err != nil {
		return nil, err
	}
	b := q.build(q.t.Columns, false)
	sql := b.finish()
	db, tx, err := q.s.conn(ctx, &q.t.Shape)
	if err != nil {
		return nil, err
	}
	capacity := 0
	if q.limit > 0 {
		capacity = int(min(q.limit, 1024))
	}
	out, err := collect(ctx, db, q.t, capacity, sql, b.args)
	return out, end(ctx, tx, err)
}

// collect runs sql and scans every row into a slice of capacity cap.
func collect[R any](ctx context.Context, db DB, t *Table[R], capacity int, sql string, args []any) ([]R, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]R, 0, capacity)
	for rows.Next() {
		if cap(out) == 0 {
			// Without a limit to size it, start at a few rows rather than
			// one: a child list of ten grows twice instead of five times,
			// and an empty result allocates nothing.
			out = make([]R, 0, 8)
		}
		var zero R
		out = append(out, zero)
		if err := t.Scan(rows, &out[len(out)-1]); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// First returns the first matching row, or ErrNotFound.
func (q Select[R]) First(ctx context.Context) (R, error) {
	return q.Limit(1).single(ctx)
}

// One returns the only matching row: ErrNotFound when there is none,
// ErrNotSingular when there are more.
func (q Select[R]) One(ctx context.Context) (R, error) {
	return q.Limit(2).single(ctx)
}

func (q Select[R]) single(ctx context.Context) (R, error) {
	var zero R
	rows, err := q.All(ctx)
	switch {
	case err != nil:
		return zero, err
	case len(rows) == 0:
		return zero, ErrNotFound
	case len(rows) > 1:
		return zero, ErrNotSingular
	}
	return rows[0], nil
}

// Count returns the number of matching rows, ignoring Limit and Offset.
func (q Select[R]) Count(ctx context.Context) (int64, error) {
	q.limit, q.offset, q.norder, q.more, q.lock = -1, 0, 0, nil, ""
	var n int64
	err := q.scalar(ctx, "count(*)", false, &n)
	return n, err
}

// Exists reports whether any row matches.
func (q Select[R]) Exists(ctx context.Context) (bool, error) {
	q.limit, q.offset, q.norder, q.more, q.lock = -1, 0, 0, nil, ""
	var ok bool
	err := q.scalar(ctx, "1", true, &ok)
	return ok, err
}

// scalar runs the select with the select list what and scans the single
// value into dst.
func (q *Select[R]) scalar(ctx context.Context, what string, exists bool, dst any) error {
	if err := q.s.check(&q.t.Shape); err != nil {
		return err
	}
	b := q.build(what, exists)
	sql := b.finish()
	db, tx, err := q.s.conn(ctx, &q.t.Shape)
	if err != nil {
		return err
	}
	err = db.QueryRow(ctx, sql, b.args...).Scan(dst)
	return end(ctx, tx, err)
}

// Get returns t's live row whose primary key is given, or ErrNotFound.
// args holds the key values in key column order and, for a tenant-scoped
// table, one more slot that Get fills with the tenant id: generated code
// passes it sized exactly, so a lookup allocates one argument slice, as
// hand-written pgx code does.
func Get[R any](ctx context.Context, s *Scope, t *Table[R], args []any) (R, error) {
	var r R
	if err := s.check(&t.Shape); err != nil {
		return r, err
	}
	sql := t.GetAcrossSQL
	switch {
	case s.filters(&t.Shape):
		sql = t.GetSQL
		args[len(args)-1] = s.orgArg
	case t.Tenant != "":
		args = args[:len(args)-1]
	}
	db, tx, err := s.conn(ctx, &t.Shape)
	if err != nil {
		return r, err
	}
	err = t.Scan(db.QueryRow(ctx, sql, args...), &r)
	return r, end(ctx, tx, err)
}
