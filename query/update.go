package query

import "context"

// Update is an UPDATE being built. It has no Exec: Where, or the explicit
// All, turns it into an UpdateWhere that runs, so an update of every row
// is always written as such.
type Update[R any] struct {
	s       *Scope
	t       *Table[R]
	sets    setList
	where   predList
	deleted deleted
}

// UpdateWhere is an Update whose rows are chosen; it runs with Exec or Returning.
type UpdateWhere[R any] struct {
	u Update[R]
}

// NewUpdate starts an update of t's live rows through s.
func NewUpdate[R any](s *Scope, t *Table[R]) Update[R] { return Update[R]{s: s, t: t} }

// Set adds assignments, built by the column handles' To and ToNull.
func (u Update[R]) Set(a ...Assignment) Update[R] {
	u.sets.add(a)
	return u
}

// WithDeleted lets the update reach soft-deleted rows too.
func (u Update[R]) WithDeleted() Update[R] {
	u.deleted = allRows
	return u
}

// Where chooses the rows for which every p holds.
//
// Where takes at least one predicate: a mutation of every row is spelled
// All(), never an empty Where.
func (u Update[R]) Where(p Pred, more ...Pred) UpdateWhere[R] {
	u.where.addOne(p)
	u.where.add(more)
	return UpdateWhere[R]{u: u}
}

// All chooses every row of the scope: every row of the tenant under a
// tenant scope, every live row of a soft-delete table.
func (u Update[R]) All() UpdateWhere[R] {
	u.where.set = true
	return UpdateWhere[R]{u: u}
}

// Where adds predicates, with AND.
func (w UpdateWhere[R]) Where(p ...Pred) UpdateWhere[R] {
	w.u.where.add(p)
	return w
}

// Exec runs the update and returns the number of rows changed.
func (w UpdateWhere[R]) Exec(ctx context.Context) (int64, error) {
	return execWrite(ctx, w.u.s, &w.u.t.Shape, w.u.build)
}

// Returning runs the update and returns the changed rows.
func (w UpdateWhere[R]) Returning(ctx context.Context) ([]R, error) {
	return queryWrite(ctx, w.u.s, w.u.t, w.u.build)
}

func (u *Update[R]) build(returning bool) (builder, error) {
	if u.sets.len() == 0 {
		return builder{}, ErrNoAssignment
	}
	t := &u.t.Shape
	b := newBuilder(u.sets.nargs() + u.s.tenantArgs(t) + u.where.nargs())
	b.str("UPDATE ")
	b.str(t.Name)
	b.str(" SET ")
	for i := range u.sets.len() {
		a := u.sets.at(i)
		if i > 0 {
			b.str(", ")
		}
		b.str(a.col)
		b.str(" = ")
		if a.null {
			b.str("NULL")
			continue
		}
		b.arg(a.arg)
	}
	if t.UpdatedAt != "" && !u.sets.has(t.UpdatedAt) {
		b.str(", ")
		b.str(t.UpdatedAt)
		b.str(" = now()")
	}
	u.s.where(&b, t, &u.where, u.deleted)
	if returning {
		t.returning(&b)
	}
	return b, nil
}

// execWrite runs the statement build renders and returns the rows affected.
func execWrite(ctx context.Context, s *Scope, t *Shape, build func(returning bool) (builder, error)) (int64, error) {
	if err := s.check(t); err != nil {
		return 0, err
	}
	b, err := build(false)
	if err != nil {
		return 0, err
	}
	sql := b.finish()
	db, tx, err := s.conn(ctx, t)
	if err != nil {
		return 0, err
	}
	tag, err := db.Exec(ctx, sql, b.args...)
	return tag.RowsAffected(), end(ctx, tx, err)
}

// queryWrite runs the statement build renders with RETURNING and scans the rows.
func queryWrite[R any](ctx context.Context, s *Scope, t *Table[R], build func(returning bool) (builder, error)) ([]R, error) {
	if err := s.check(&t.Shape); err != nil {
		return nil, err
	}
	b, err := build(true)
	if err != nil {
		return nil, err
	}
	sql := b.finish()
	db, tx, err := s.conn(ctx, &t.Shape)
	if err != nil {
		return nil, err
	}
	out, err := collect(ctx, db, t, 0, sql, b.args)
	return out, end(ctx, tx, err)
}
