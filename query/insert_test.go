package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/factory-kit/plinth/query"
	"github.com/google/uuid"
)

// insertPerson builds an insert of n the way generated code does: the
// tenant argument comes from the scope.
func insertPerson(s *query.Scope, name string, id *uuid.UUID, age *int) query.Insert[person] {
	tenant, err := s.InsertTenant(&peopleTable.Shape)
	return query.NewInsert(s, &peopleTable, []any{tenant, id, name, nil, age}, err)
}

func TestInsert(t *testing.T) {
	t.Parallel()
	const tenantOnly = " WHERE people.org_id = EXCLUDED.org_id"
	age := 7
	runSQLCases(t, []sqlCase{
		{
			name: "Exec under a tenant sets the tenant column",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", nil, &age))
			},
			want: exec(peopleInsert, org, (*uuid.UUID)(nil), "Ann", nil, &age),
		},
		{
			name: "Returning",
			rows: [][]any{{pid, org, "Ann", nil, 0, nil, day}},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := insertPerson(s, "Ann", &pid, nil).Returning(ctx)
				if err != nil {
					return err
				}
				return check(got, person{ID: pid, OrgID: org, Name: "Ann", UpdatedAt: day})
			},
			want: []call{{Method: "QueryRow", SQL: peopleInsert + " RETURNING " + peopleCols,
				Args: []any{org, &pid, "Ann", nil, (*int)(nil)}}},
		},
		{
			name:  "unscoped into a tenant table is ErrNoTenant and runs nothing",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := insertPerson(s, "Ann", nil, nil).Exec(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
		{
			name:  "across tenants into a tenant table is ErrNoTenant",
			scope: acrossTenants,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := insertPerson(s, "Ann", nil, nil).Returning(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
		{
			name:  "the nil organization is ErrNoTenant",
			scope: func(db query.DB) *query.Scope { return query.NewScope(db).Tenant(uuid.Nil) },
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := insertPerson(s, "Ann", nil, nil).Exec(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
		{
			name:  "a table that is not tenant-scoped needs no tenant",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				tenant, err := s.InsertTenant(&tagsTable.Shape)
				if err != nil || tenant != nil {
					return check[any](tenant, nil)
				}
				return rowsAffected(ctx, query.NewInsert(s, &tagsTable, []any{int64(1), "one"}, nil))
			},
			want: exec(tagsTable.InsertSQL, int64(1), "one"),
		},
		{
			name: "OnConflict DoNothing: the key of a soft-delete table is partial",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", &pid, nil).OnConflict(people.ID).DoNothing())
			},
			want: exec(peopleInsert+" ON CONFLICT (id) WHERE deleted_at IS NULL DO NOTHING",
				org, &pid, "Ann", nil, (*int)(nil)),
		},
		{
			name: "OnConflict without target",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", nil, nil).OnConflict().DoNothing())
			},
			want: exec(peopleInsert+" ON CONFLICT DO NOTHING", org, (*uuid.UUID)(nil), "Ann", nil, (*int)(nil)),
		},
		{
			name: "OnConflict with nothing to update does nothing",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", nil, nil).OnConflict(people.OrgID, people.Name).DoUpdate())
			},
			want: exec(peopleInsert+" ON CONFLICT (org_id, name) WHERE deleted_at IS NULL DO NOTHING",
				org, (*uuid.UUID)(nil), "Ann", nil, (*int)(nil)),
		},
		{
			name: "DoUpdate numbers after the row, sets updated_at, stays in the tenant",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", &pid, nil).OnConflict(people.ID).
					DoUpdate(people.Name.To("Bo"), people.Email.ToNull(), people.Age.To(9)))
			},
			want: exec(peopleInsert+" ON CONFLICT (id) WHERE deleted_at IS NULL DO UPDATE SET name = $6, email = NULL, age = $7, updated_at = now()"+tenantOnly,
				org, &pid, "Ann", nil, (*int)(nil), "Bo", 9),
		},
		{
			name: "DoUpdate that sets updated_at itself assigns it once",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", &pid, nil).OnConflict(people.ID).
					DoUpdate(people.UpdatedAt.To(stamp)))
			},
			want: exec(peopleInsert+" ON CONFLICT (id) WHERE deleted_at IS NULL DO UPDATE SET updated_at = $6"+tenantOnly,
				org, &pid, "Ann", nil, (*int)(nil), stamp),
		},
		{
			name: "DoUpdateExcluded of updated_at assigns it once",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, insertPerson(s, "Ann", &pid, nil).OnConflict(people.ID).
					DoUpdateExcluded(people.Name, people.UpdatedAt))
			},
			want: exec(peopleInsert+" ON CONFLICT (id) WHERE deleted_at IS NULL DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at"+tenantOnly,
				org, &pid, "Ann", nil, (*int)(nil)),
		},
		{
			name: "DoUpdateExcluded with Returning",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := insertPerson(s, "Ann", &pid, nil).OnConflict(people.ID).
					DoUpdateExcluded(people.Name, people.Email).Returning(ctx)
				return err
			},
			want: []call{{Method: "QueryRow",
				SQL:  peopleInsert + " ON CONFLICT (id) WHERE deleted_at IS NULL DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()" + tenantOnly + " RETURNING " + peopleCols,
				Args: []any{org, &pid, "Ann", nil, (*int)(nil)}}},
			wantErr: query.ErrNotFound, // the fake returns no row
		},
		{
			name:  "DoUpdate on a plain table",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewInsert(s, &tagsTable, []any{int64(1), "one"}, nil).
					OnConflict(tags.ID).DoUpdate(tags.Label.To("uno")))
			},
			want: exec("INSERT INTO tags (id, label) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET label = $3",
				int64(1), "one", "uno"),
		},
	})
}

func TestInsertMany(t *testing.T) {
	t.Parallel()
	type newPerson struct {
		id   *uuid.UUID
		name string
		age  *int
	}
	age := 5
	many := func(s *query.Scope, rows []newPerson) query.InsertMany[person] {
		tenant, err := s.InsertTenant(&peopleTable.Shape)
		values := func(i int, dst []any) []any {
			r := &rows[i]
			return append(dst, tenant, r.id, r.name, nil, r.age)
		}
		defaults := func(i int) uint64 {
			d := uint64(0)
			if rows[i].id == nil {
				d |= 1 << 1
			}
			if rows[i].age == nil {
				d |= 1 << 4
			}
			return d
		}
		return query.NewInsertMany(s, &peopleTable, len(rows), values, defaults, err)
	}
	const two = "INSERT INTO people (org_id, id, name, email, age) VALUES " +
		"($1, COALESCE($2::uuid, gen_random_uuid()), $3, $4, COALESCE($5::integer, 0)), " +
		"($6, COALESCE($7::uuid, gen_random_uuid()), $8, $9, COALESCE($10::integer, 0))"
	runSQLCases(t, []sqlCase{
		{
			name: "Exec copies, leaving out columns every row defaults",
			run: func(ctx context.Context, s *query.Scope) error {
				n, err := many(s, []newPerson{{name: "A", age: &age}, {name: "B", age: &age}}).Exec(ctx)
				if err != nil {
					return err
				}
				return check(n, int64(2))
			},
			want: []call{{Method: "Copy", SQL: `"people"`, Args: []any{
				[]string{"org_id", "name", "email", "age"},
				[]any{org, "A", nil, &age},
				[]any{org, "B", nil, &age},
			}}},
		},
		{
			name: "Exec copies every column when no row defaults",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := many(s, []newPerson{{id: &pid, name: "A", age: &age}}).Exec(ctx)
				return err
			},
			want: []call{{Method: "Copy", SQL: `"people"`, Args: []any{
				[]string{"org_id", "id", "name", "email", "age"},
				[]any{org, &pid, "A", nil, &age},
			}}},
		},
		{
			name: "Exec inserts in a transaction when rows disagree on defaults",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, many(s, []newPerson{{name: "A"}, {id: &pid, name: "B", age: &age}}))
			},
			want: []call{
				{Method: "Begin"},
				{Method: "Exec", SQL: two, Args: []any{org, (*uuid.UUID)(nil), "A", nil, (*int)(nil), org, &pid, "B", nil, &age}},
				{Method: "Commit"},
			},
		},
		{
			name: "Returning inserts with RETURNING in a transaction",
			rows: [][]any{{pid, org, "A", nil, 0, nil, day}},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := many(s, []newPerson{{name: "A"}, {name: "B"}}).Returning(ctx)
				if err != nil {
					return err
				}
				return check(got, []person{{ID: pid, OrgID: org, Name: "A", UpdatedAt: day}})
			},
			want: []call{
				{Method: "Begin"},
				{Method: "Query", SQL: two + " RETURNING " + peopleCols,
					Args: []any{org, (*uuid.UUID)(nil), "A", nil, (*int)(nil), org, (*uuid.UUID)(nil), "B", nil, (*int)(nil)}},
				{Method: "Commit"},
			},
		},
		{
			name: "no rows runs nothing",
			run: func(ctx context.Context, s *query.Scope) error {
				n, err := many(s, nil).Exec(ctx)
				if err != nil {
					return err
				}
				return check(n, int64(0))
			},
		},
		{
			name:  "unscoped into a tenant table is ErrNoTenant and runs nothing",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := many(s, []newPerson{{name: "A"}}).Returning(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
	})
}

func TestRender(t *testing.T) {
	t.Parallel()
	composite := query.Shape{
		Name:       "members",
		Columns:    "org_id, team_id, user_id, deleted_at",
		Key:        []string{"team_id", "user_id"},
		Tenant:     "org_id",
		SoftDelete: "deleted_at",
		Insert: []query.InsertColumn{
			{Name: "org_id"}, {Name: "team_id"}, {Name: "user_id"},
			{Name: "role", Default: "'member'::text", Cast: "text"},
		},
	}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"get by key with tenant", peopleTable.RenderGet(false), peopleTable.GetSQL},
		{"get by key across tenants", peopleTable.RenderGet(true), peopleTable.GetAcrossSQL},
		{"get on a plain table", tagsTable.RenderGet(false), tagsTable.GetSQL},
		{"get by composite key", composite.RenderGet(false),
			"SELECT org_id, team_id, user_id, deleted_at FROM members WHERE team_id = $1 AND user_id = $2 AND org_id = $3 AND deleted_at IS NULL"},
		{"insert one row", peopleTable.RenderInsert(1, false), peopleTable.InsertSQL},
		{"insert one row returning", peopleTable.RenderInsert(1, true), peopleTable.InsertReturningSQL},
		{"insert three rows", tagsTable.RenderInsert(3, true),
			"INSERT INTO tags (id, label) VALUES ($1, $2), ($3, $4), ($5, $6) RETURNING id, label"},
		{"insert with a default", composite.RenderInsert(2, false),
			"INSERT INTO members (org_id, team_id, user_id, role) VALUES ($1, $2, $3, COALESCE($4::text, 'member'::text)), ($5, $6, $7, COALESCE($8::text, 'member'::text))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got  %q\nwant %q", tt.got, tt.want)
			}
		})
	}
}

// stamp is a fixed timestamp for assignments.
var stamp = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
