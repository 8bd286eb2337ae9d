package query_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/factory-kit/plinth/query"
	"github.com/google/uuid"
)

// tagsAll runs a select of tags built by where on an unscoped scope.
func tagsAll(where func(query.Select[tag]) query.Select[tag]) func(context.Context, *query.Scope) error {
	return func(ctx context.Context, s *query.Scope) error {
		_, err := where(query.NewSelect(s, &tagsTable)).All(ctx)
		return err
	}
}

func peopleAll(where func(query.Select[person]) query.Select[person]) func(context.Context, *query.Scope) error {
	return func(ctx context.Context, s *query.Scope) error {
		_, err := where(query.NewSelect(s, &peopleTable)).All(ctx)
		return err
	}
}

func q(sql string, args ...any) []call { return []call{{Method: "Query", SQL: sql, Args: args}} }

func TestSelectPredicates(t *testing.T) {
	t.Parallel()
	const sel = "SELECT id, label FROM tags"
	runSQLCases(t, []sqlCase{
		{
			name:  "no where",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q }),
			want:  q(sel),
		},
		{
			name:  "empty Where",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where() }),
			want:  q(sel),
		},
		{
			name:  "Eq",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.Eq(7)) }),
			want:  q(sel+" WHERE id = $1", int64(7)),
		},
		{
			name:  "Ne",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.Ne(7)) }),
			want:  q(sel+" WHERE id <> $1", int64(7)),
		},
		{
			name:  "Lt Le Gt Ge",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.ID.Lt(1), tags.ID.Le(2), tags.ID.Gt(3), tags.ID.Ge(4))
			}),
			want: q(sel+" WHERE id < $1 AND id <= $2 AND id > $3 AND id >= $4", int64(1), int64(2), int64(3), int64(4)),
		},
		{
			name:  "In is one array argument",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.In(1, 2, 3)) }),
			want:  q(sel+" WHERE id = ANY($1)", []int64{1, 2, 3}),
		},
		{
			name:  "In of nothing still binds one argument",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.In()) }),
			want:  q(sel+" WHERE id = ANY($1)", []int64(nil)),
		},
		{
			name:  "NotIn",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.NotIn(4, 5)) }),
			want:  q(sel+" WHERE id <> ALL($1)", []int64{4, 5}),
		},
		{
			name:  "IsNull and IsNotNull bind nothing",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.Label.IsNull(), tags.ID.Eq(1), tags.Label.IsNotNull(), tags.ID.Eq(2))
			}),
			want: q(sel+" WHERE label IS NULL AND id = $1 AND label IS NOT NULL AND id = $2", int64(1), int64(2)),
		},
		{
			name:  "Like and ILike",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.Label.Like("a%"), tags.Label.ILike("%B"))
			}),
			want: q(sel+" WHERE label LIKE $1 AND label ILIKE $2", "a%", "%B"),
		},
		{
			name:  "Between binds two arguments",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.ID.Between(10, 20), tags.ID.Ne(15))
			}),
			want: q(sel+" WHERE id BETWEEN $1 AND $2 AND id <> $3", int64(10), int64(20), int64(15)),
		},
		{
			name:  "And Or Not nest in parentheses",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(query.Or(
					query.And(tags.ID.Gt(1), tags.Label.Like("x%")),
					query.Not(query.Or(tags.Label.IsNull(), tags.ID.In(8, 9))),
				))
			}),
			want: q(sel+" WHERE ((id > $1 AND label LIKE $2) OR NOT ((label IS NULL OR id = ANY($3))))",
				int64(1), "x%", []int64{8, 9}),
		},
		{
			name:  "And and Or of one predicate are that predicate",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(query.And(tags.ID.Eq(1)), query.Or(tags.ID.Eq(2)))
			}),
			want: q(sel+" WHERE id = $1 AND id = $2", int64(1), int64(2)),
		},
		{
			name:  "Where calls accumulate beyond the inline predicates",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.ID.Eq(1), tags.ID.Eq(2), tags.ID.Eq(3)).
					Where(tags.ID.Eq(4), tags.ID.Eq(5)).
					Where(tags.ID.Between(6, 7))
			}),
			want: q(sel+" WHERE id = $1 AND id = $2 AND id = $3 AND id = $4 AND id = $5 AND id BETWEEN $6 AND $7",
				int64(1), int64(2), int64(3), int64(4), int64(5), int64(6), int64(7)),
		},
	})
}

func TestSelectClauses(t *testing.T) {
	t.Parallel()
	const sel = "SELECT id, label FROM tags"
	const live = "SELECT " + peopleCols + " FROM people WHERE org_id = $1 AND deleted_at IS NULL"
	runSQLCases(t, []sqlCase{
		{
			name:  "OrderBy Asc and Desc",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.OrderBy(tags.Label.Asc(), tags.ID.Desc())
			}),
			want: q(sel + " ORDER BY label, id DESC"),
		},
		{
			name:  "OrderBy accumulates beyond the inline orderings",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.OrderBy(tags.Label.Desc()).OrderBy(tags.ID.Asc(), tags.Label.Asc()).OrderBy(tags.ID.Desc())
			}),
			want: q(sel + " ORDER BY label DESC, id, label, id DESC"),
		},
		{
			name:  "Limit and Offset are arguments",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.Where(tags.ID.Gt(3)).Limit(10).Offset(20)
			}),
			want: q(sel+" WHERE id > $1 LIMIT $2 OFFSET $3", int64(3), int64(10), int64(20)),
		},
		{
			name:  "Limit 0 is kept, Offset 0 left out",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Limit(0).Offset(0) }),
			want:  q(sel+" LIMIT $1", int64(0)),
		},
		{
			name:  "negative Limit means none",
			scope: unscoped,
			run:   tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Limit(5).Limit(-1).Offset(2) }),
			want:  q(sel+" OFFSET $1", int64(2)),
		},
		{
			name:  "ForUpdate comes last",
			scope: unscoped,
			run: tagsAll(func(q query.Select[tag]) query.Select[tag] {
				return q.ForUpdate().Where(tags.ID.Eq(1)).OrderBy(tags.ID.Asc()).Limit(1)
			}),
			want: q(sel+" WHERE id = $1 ORDER BY id LIMIT $2 FOR UPDATE", int64(1), int64(1)),
		},
		{
			name: "tenant scope filters by org and live rows, before the predicates",
			run:  peopleAll(func(q query.Select[person]) query.Select[person] { return q }),
			want: q(live, org),
		},
		{
			name: "every clause on a tenant table",
			run: peopleAll(func(q query.Select[person]) query.Select[person] {
				return q.Where(people.Age.Ge(18), people.Name.ILike("a%")).
					OrderBy(people.Name.Asc(), people.Age.Desc()).Limit(5).Offset(10).ForUpdate()
			}),
			want: q(live+" AND age >= $2 AND name ILIKE $3 ORDER BY name, age DESC LIMIT $4 OFFSET $5 FOR UPDATE",
				org, 18, "a%", int64(5), int64(10)),
		},
		{
			name: "WithDeleted drops the soft-delete filter",
			run: peopleAll(func(q query.Select[person]) query.Select[person] {
				return q.WithDeleted().Where(people.Name.Eq("a"))
			}),
			want: q("SELECT "+peopleCols+" FROM people WHERE org_id = $1 AND name = $2", org, "a"),
		},
		{
			name: "OnlyDeleted keeps soft-deleted rows only",
			run: peopleAll(func(q query.Select[person]) query.Select[person] {
				return q.OnlyDeleted().Where(people.Name.Eq("a"))
			}),
			want: q("SELECT "+peopleCols+" FROM people WHERE org_id = $1 AND deleted_at IS NOT NULL AND name = $2", org, "a"),
		},
		{
			name:  "across tenants has no tenant filter",
			scope: acrossTenants,
			run: peopleAll(func(q query.Select[person]) query.Select[person] {
				return q.Where(people.OrgID.In(org))
			}),
			want: q("SELECT "+peopleCols+" FROM people WHERE deleted_at IS NULL AND org_id = ANY($1)", []uuid.UUID{org}),
		},
		{
			name:  "across tenants, WithDeleted, no predicate: no WHERE",
			scope: acrossTenants,
			run:   peopleAll(func(q query.Select[person]) query.Select[person] { return q.WithDeleted() }),
			want:  q("SELECT " + peopleCols + " FROM people"),
		},
		{
			name: "tenant scope on a table that is not tenant-scoped adds nothing",
			run:  tagsAll(func(q query.Select[tag]) query.Select[tag] { return q.Where(tags.ID.Eq(1)) }),
			want: q(sel+" WHERE id = $1", int64(1)),
		},
	})
}

func TestSelectRunners(t *testing.T) {
	t.Parallel()
	const sel = "SELECT " + peopleCols + " FROM people WHERE org_id = $1 AND deleted_at IS NULL"
	ann := []any{pid, org, "Ann", &email, 30, nil, time.Time{}}
	annRow := person{ID: pid, OrgID: org, Name: "Ann", Email: &email, Age: 30}
	ordered := func(s *query.Scope) query.Select[person] {
		return query.NewSelect(s, &peopleTable).Where(people.Age.Gt(1)).
			OrderBy(people.Name.Asc()).Limit(3).Offset(4).ForUpdate()
	}
	runSQLCases(t, []sqlCase{
		{
			name: "All scans every row",
			rows: [][]any{ann, ann},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.NewSelect(s, &peopleTable).All(ctx)
				if err != nil {
					return err
				}
				return check(got, []person{annRow, annRow})
			},
			want: q(sel, org),
		},
		{
			name: "First limits to 1",
			rows: [][]any{ann},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.NewSelect(s, &peopleTable).Where(people.Name.Eq("Ann")).First(ctx)
				if err != nil {
					return err
				}
				return check(got, annRow)
			},
			want: q(sel+" AND name = $2 LIMIT $3", org, "Ann", int64(1)),
		},
		{
			name: "First of nothing is ErrNotFound",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewSelect(s, &peopleTable).First(ctx)
				return err
			},
			want:    q(sel+" LIMIT $2", org, int64(1)),
			wantErr: query.ErrNotFound,
		},
		{
			name: "One limits to 2",
			rows: [][]any{ann},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.NewSelect(s, &peopleTable).Limit(50).One(ctx)
				if err != nil {
					return err
				}
				return check(got, annRow)
			},
			want: q(sel+" LIMIT $2", org, int64(2)),
		},
		{
			name: "One of two rows is ErrNotSingular",
			rows: [][]any{ann, ann},
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewSelect(s, &peopleTable).One(ctx)
				return err
			},
			want:    q(sel+" LIMIT $2", org, int64(2)),
			wantErr: query.ErrNotSingular,
		},
		{
			name: "Count drops order, limit, offset and lock",
			rows: [][]any{{int64(42)}},
			run: func(ctx context.Context, s *query.Scope) error {
				n, err := ordered(s).Count(ctx)
				if err != nil {
					return err
				}
				return check(n, int64(42))
			},
			want: []call{{Method: "QueryRow", SQL: "SELECT count(*) FROM people WHERE org_id = $1 AND deleted_at IS NULL AND age > $2", Args: []any{org, 1}}},
		},
		{
			name: "Exists wraps the select",
			rows: [][]any{{true}},
			run: func(ctx context.Context, s *query.Scope) error {
				ok, err := ordered(s).OnlyDeleted().Exists(ctx)
				if err != nil {
					return err
				}
				return check(ok, true)
			},
			want: []call{{Method: "QueryRow", SQL: "SELECT EXISTS (SELECT 1 FROM people WHERE org_id = $1 AND deleted_at IS NOT NULL AND age > $2)", Args: []any{org, 1}}},
		},
		{
			name: "Get under a tenant fills the tenant slot",
			rows: [][]any{ann},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.Get(ctx, s, &peopleTable, []any{pid, nil})
				if err != nil {
					return err
				}
				return check(got, annRow)
			},
			want: []call{{Method: "QueryRow", SQL: peopleTable.GetSQL, Args: []any{pid, org}}},
		},
		{
			name:  "Get across tenants drops the tenant slot",
			scope: acrossTenants,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.Get(ctx, s, &peopleTable, []any{pid, nil})
				return err
			},
			want:    []call{{Method: "QueryRow", SQL: peopleTable.GetAcrossSQL, Args: []any{pid}}},
			wantErr: query.ErrNotFound,
		},
		{
			name:  "Get on a table that is not tenant-scoped",
			scope: unscoped,
			rows:  [][]any{{int64(5), "five"}},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.Get(ctx, s, &tagsTable, []any{int64(5)})
				if err != nil {
					return err
				}
				return check(got, tag{ID: 5, Label: "five"})
			},
			want: []call{{Method: "QueryRow", SQL: tagsTable.GetAcrossSQL, Args: []any{int64(5)}}},
		},
	})
}

// TestSelectIsAValue checks that deriving selects from a shared base
// leaves the base as it was.
func TestSelectIsAValue(t *testing.T) {
	t.Parallel()
	db := newFake()
	s := unscoped(db)
	base := query.NewSelect(s, &tagsTable).Where(tags.ID.Gt(0)).OrderBy(tags.ID.Asc())
	if _, err := base.Where(tags.Label.Eq("a")).Limit(1).ForUpdate().WithDeleted().All(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := base.All(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []call{
		{Method: "Query", SQL: "SELECT id, label FROM tags WHERE id > $1 AND label = $2 ORDER BY id LIMIT $3 FOR UPDATE", Args: []any{int64(0), "a", int64(1)}},
		{Method: "Query", SQL: "SELECT id, label FROM tags WHERE id > $1 ORDER BY id", Args: []any{int64(0)}},
	}
	if got := db.log(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls differ\n got: %s\nwant: %s", fmtCalls(got), fmtCalls(want))
	}
}
