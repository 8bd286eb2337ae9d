package query

import "context"

// deleteMode says what a Delete does to the rows it chooses.
type deleteMode uint8

const (
	softDelete deleteMode = iota // set deleted_at
	hardDelete                   // DELETE the rows
	restore                      // clear deleted_at
)

// Delete is a DELETE being built. Like Update it has no Exec until Where
// or the explicit All chooses its rows. On a soft-delete table it sets the
// deletion time of live rows; HardDelete removes rows for real and Restore
// brings soft-deleted rows back.
type Delete[R any] struct {
	s     *Scope
	t     *Table[R]
	where predList
	mode  deleteMode
}

// DeleteWhere is a Delete whose rows are chosen; it runs with Exec.
type DeleteWhere[R any] struct {
	d Delete[R]
}

// NewDelete starts a delete through s: a soft delete on a soft-delete
// table, a real one otherwise.
func NewDelete[R any](s *Scope, t *Table[R]) Delete[R] {
	if t.SoftDelete == "" {
		return Delete[R]{s: s, t: t, mode: hardDelete}
	}
	return Delete[R]{s: s, t: t, mode: softDelete}
}

// NewHardDelete starts a real DELETE, soft-deleted rows included.
func NewHardDelete[R any](s *Scope, t *Table[R]) Delete[R] {
	return Delete[R]{s: s, t: t, mode: hardDelete}
}

// NewRestore starts the restoration of soft-deleted rows.
func NewRestore[R any](s *Scope, t *Table[R]) Delete[R] {
	return Delete[R]{s: s, t: t, mode: restore}
}

// Where chooses the rows for which every p holds.
//
// Where takes at least one predicate: a mutation of every row is spelled
// All(), never an empty Where.
func (d Delete[R]) Where(p Pred, more ...Pred) DeleteWhere[R] {
	d.where.addOne(p)
	d.where.add(more)
	return DeleteWhere[R]{d: d}
}

// All chooses every row of the scope.
func (d Delete[R]) All() DeleteWhere[R] {
	d.where.set = true
	return DeleteWhere[R]{d: d}
}

// Where adds predicates, with AND.
func (w DeleteWhere[R]) Where(p ...Pred) DeleteWhere[R] {
	w.d.where.add(p)
	return w
}

// Exec runs the delete and returns the number of rows deleted (or restored).
func (w DeleteWhere[R]) Exec(ctx context.Context) (int64, error) {
	return execWrite(ctx, w.d.s, &w.d.t.Shape, w.d.build)
}

// Returning runs the delete and returns the rows as they are afterwards.
func (w DeleteWhere[R]) Returning(ctx context.Context) ([]R, error) {
	return queryWrite(ctx, w.d.s, w.d.t, w.d.build)
}

func (d *Delete[R]) build(returning bool) (builder, error) {
	t := &d.t.Shape
	b := newBuilder(d.s.tenantArgs(t) + d.where.nargs())
	visible := allRows
	switch d.mode {
	case hardDelete:
		b.str("DELETE FROM ")
		b.str(t.Name)
	case softDelete, restore:
		b.str("UPDATE ")
		b.str(t.Name)
		b.str(" SET ")
		b.str(t.SoftDelete)
		if d.mode == softDelete {
			b.str(" = now()")
			visible = liveRows
		} else {
			b.str(" = NULL")
			visible = deletedRows
		}
		if t.UpdatedAt != "" {
			b.str(", ")
			b.str(t.UpdatedAt)
			b.str(" = now()")
		}
	}
	d.s.where(&b, t, &d.where, visible)
	if returning {
		t.returning(&b)
	}
	return b, nil
}
