package query

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Named is anything with a quoted SQL column name: every column handle.
type Named interface {
	Name() string
}

// conflict is an insert's ON CONFLICT clause.
type conflict struct {
	target  []Named
	set     bool // clause present
	nothing bool
	sets    []Assignment
	exclude []Named
}

// assigns reports whether the DO UPDATE clause sets column col itself.
func (c *conflict) assigns(col string) bool {
	for _, a := range c.sets {
		if a.col == col {
			return true
		}
	}
	for _, n := range c.exclude {
		if n.Name() == col {
			return true
		}
	}
	return false
}

// Insert is an INSERT of one row, built by the generated table's Insert
// method with the tenant id and timestamps filled by plinth.
type Insert[R any] struct {
	s        *Scope
	t        *Table[R]
	args     []any
	conflict conflict
	err      error
}

// NewInsert starts an insert into t of the row whose arguments are args,
// in Shape.Insert order; err is a failure to report at run time.
func NewInsert[R any](s *Scope, t *Table[R], args []any, err error) Insert[R] {
	return Insert[R]{s: s, t: t, args: args, err: err}
}

// OnConflict starts an ON CONFLICT clause on the unique key of target;
// no target means any unique violation (DoNothing only).
func (i Insert[R]) OnConflict(target ...Named) Conflict[R] {
	i.conflict = conflict{target: target, set: true}
	return Conflict[R]{i: i}
}

// Conflict is an insert waiting for what to do on a conflict.
type Conflict[R any] struct {
	i Insert[R]
}

// DoNothing skips the row on a conflict.
func (c Conflict[R]) DoNothing() Insert[R] {
	c.i.conflict.nothing = true
	return c.i
}

// DoUpdate updates the existing row with a on a conflict. Under a tenant
// scope only a row of the same tenant is updated.
func (c Conflict[R]) DoUpdate(a ...Assignment) Insert[R] {
	c.i.conflict.sets = a
	return c.i
}

// DoUpdateExcluded sets each of cols to the value the insert proposed.
func (c Conflict[R]) DoUpdateExcluded(cols ...Named) Insert[R] {
	c.i.conflict.exclude = cols
	return c.i
}

// Exec runs the insert and returns the number of rows inserted (0 when a
// conflict skipped it).
func (i Insert[R]) Exec(ctx context.Context) (int64, error) {
	if i.err != nil {
		return 0, i.err
	}
	sql, args := i.statement(false)
	db, tx, err := i.s.conn(ctx, &i.t.Shape)
	if err != nil {
		return 0, err
	}
	tag, err := db.Exec(ctx, sql, args...)
	return tag.RowsAffected(), end(ctx, tx, err)
}

// Returning runs the insert and returns the row as stored, defaults
// applied. A row skipped by DoNothing yields ErrNotFound.
func (i Insert[R]) Returning(ctx context.Context) (R, error) {
	var r R
	if i.err != nil {
		return r, i.err
	}
	sql, args := i.statement(true)
	db, tx, err := i.s.conn(ctx, &i.t.Shape)
	if err != nil {
		return r, err
	}
	err = i.t.Scan(db.QueryRow(ctx, sql, args...), &r)
	return r, end(ctx, tx, err)
}

// statement returns the static statement, or renders one with the
// conflict clause.
func (i *Insert[R]) statement(returning bool) (string, []any) {
	t := &i.t.Shape
	if !i.conflict.set {
		if returning {
			return t.InsertReturningSQL, i.args
		}
		return t.InsertSQL, i.args
	}
	b := newBuilder(len(i.args) + len(i.conflict.sets) + 1)
	b.str(t.InsertSQL)
	b.args = append(b.args, i.args...)
	i.conflictClause(&b)
	if returning {
		t.returning(&b)
	}
	return b.finish(), b.args
}

func (i *Insert[R]) conflictClause(b *builder) {
	c, t := &i.conflict, &i.t.Shape
	b.str(" ON CONFLICT")
	if len(c.target) > 0 {
		b.str(" (")
		for k, n := range c.target {
			if k > 0 {
				b.str(", ")
			}
			b.str(n.Name())
		}
		b.str(")")
		if t.SoftDelete != "" {
			// unique keys of soft-delete tables are partial indexes over live rows
			b.str(" WHERE ")
			b.str(t.SoftDelete)
			b.str(" IS NULL")
		}
	}
	if c.nothing || len(c.sets)+len(c.exclude) == 0 {
		b.str(" DO NOTHING")
		return
	}
	b.str(" DO UPDATE SET ")
	for k := range c.sets {
		if k > 0 {
			b.str(", ")
		}
		b.str(c.sets[k].col)
		b.str(" = ")
		if c.sets[k].null {
			b.str("NULL")
			continue
		}
		b.arg(c.sets[k].arg)
	}
	for k, n := range c.exclude {
		if k > 0 || len(c.sets) > 0 {
			b.str(", ")
		}
		b.str(n.Name())
		b.str(" = EXCLUDED.")
		b.str(n.Name())
	}
	if t.UpdatedAt != "" && !c.assigns(t.UpdatedAt) {
		b.str(", ")
		b.str(t.UpdatedAt)
		b.str(" = now()")
	}
	if i.s.filters(t) {
		b.str(" WHERE ")
		b.str(t.Name)
		b.str(".")
		b.str(t.Tenant)
		b.str(" = EXCLUDED.")
		b.str(t.Tenant)
	}
}

// InsertMany is an insert of many rows: Exec loads them with COPY,
// Returning with multi-row INSERT … RETURNING statements.
type InsertMany[R any] struct {
	s        *Scope
	t        *Table[R]
	n        int
	values   func(i int, dst []any) []any
	defaults func(i int) uint64
	err      error
}

// NewInsertMany starts an insert of n rows into t. values appends row i's
// arguments, in Shape.Insert order, to dst; defaults returns the bit set
// of row i's Shape.Insert columns left to their default (bit k for column
// k, which must be below 64); err is a failure to report at run time.
func NewInsertMany[R any](s *Scope, t *Table[R], n int, values func(i int, dst []any) []any, defaults func(i int) uint64, err error) InsertMany[R] {
	return InsertMany[R]{s: s, t: t, n: n, values: values, defaults: defaults, err: err}
}

// Exec loads the rows with COPY and returns how many were loaded. Columns
// every row leaves to their default are left out of the COPY; when rows
// disagree on such a column it falls back to INSERT statements, because
// COPY cannot apply a default to some rows only; so it does on a table
// with row security, which PostgreSQL refuses COPY into.
func (m InsertMany[R]) Exec(ctx context.Context) (int64, error) {
	if m.err != nil || m.n == 0 {
		return 0, m.err
	}
	every, some := ^uint64(0), uint64(0)
	for i := range m.n {
		d := m.defaults(i)
		every &= d
		some |= d
	}
	if every != some || m.t.RowSecurity {
		return m.insert(ctx, nil)
	}
	db, tx, err := m.s.conn(ctx, &m.t.Shape)
	if err != nil {
		return 0, err
	}
	src := &copySource[R]{m: &m, omit: every, i: -1}
	n, err := db.CopyFrom(ctx, pgx.Identifier{m.t.CopyName}, m.t.copyColumns(every), src)
	return n, end(ctx, tx, err)
}

// Returning inserts the rows with multi-row INSERT statements and returns
// them as stored, in order.
func (m InsertMany[R]) Returning(ctx context.Context) ([]R, error) {
	if m.err != nil || m.n == 0 {
		return nil, m.err
	}
	out := make([]R, 0, m.n)
	_, err := m.insert(ctx, &out)
	return out, err
}

// maxParams is PostgreSQL's limit on a statement's parameters.
const maxParams = 65535

// insert runs multi-row INSERT statements, as few as the parameter limit
// allows, in one transaction. With out it returns the rows into *out.
func (m *InsertMany[R]) insert(ctx context.Context, out *[]R) (int64, error) {
	t := &m.t.Shape
	per := max(1, maxParams/max(1, len(t.Insert)))
	var total int64
	err := m.s.Tx(ctx, func(s *Scope) error {
		db, tx, err := s.conn(ctx, t)
		if err != nil {
			return err
		}
		for start := 0; start < m.n && err == nil; start += per {
			rows := min(per, m.n-start)
			b := newBuilder(rows * len(t.Insert))
			t.insertInto(&b, rows)
			if out != nil {
				t.returning(&b)
			}
			for i := start; i < start+rows; i++ {
				b.args = m.values(i, b.args)
			}
			sql := b.finish()
			if out == nil {
				tag, xerr := db.Exec(ctx, sql, b.args...)
				total, err = total+tag.RowsAffected(), xerr
				continue
			}
			var chunk []R
			chunk, err = collect(ctx, db, m.t, rows, sql, b.args)
			*out = append(*out, chunk...)
			total += int64(len(chunk))
		}
		return end(ctx, tx, err)
	})
	return total, wrapErr(err)
}

// copySource feeds rows to COPY, reusing one argument slice: pgx encodes
// each row before it asks for the next.
type copySource[R any] struct {
	m    *InsertMany[R]
	omit uint64 // Shape.Insert columns left out of the COPY
	i    int
	full []any
	row  []any
}

// Next advances to the next row.
func (c *copySource[R]) Next() bool {
	c.i++
	return c.i < c.m.n
}

// Values returns the current row's values for the copied columns.
func (c *copySource[R]) Values() ([]any, error) {
	c.full = c.m.values(c.i, c.full[:0])
	if c.omit == 0 {
		return c.full, nil
	}
	c.row = c.row[:0]
	for k, v := range c.full {
		if c.omit&(1<<k) == 0 {
			c.row = append(c.row, v)
		}
	}
	return c.row, nil
}

// Err reports no error: values cannot fail.
func (c *copySource[R]) Err() error { return nil }

// copyColumns returns the unquoted names of the Shape.Insert columns not
// in omit, cached for the common case of omitting none.
func (s *Shape) copyColumns(omit uint64) []string {
	if omit == 0 {
		s.copyOnce.Do(func() { s.copyAll = s.copyNames(0) })
		return s.copyAll
	}
	return s.copyNames(omit)
}

func (s *Shape) copyNames(omit uint64) []string {
	names := make([]string, 0, len(s.Insert))
	for k, c := range s.Insert {
		if omit&(1<<k) == 0 {
			names = append(names, c.CopyName)
		}
	}
	return names
}
