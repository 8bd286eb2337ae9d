package query_test

import (
	"context"
	"testing"

	"github.com/factory-kit/plinth/query"
)

func exec(sql string, args ...any) []call { return []call{{Method: "Exec", SQL: sql, Args: args}} }

// rowsAffected runs w and checks it reports the fake's 3 rows.
func rowsAffected(ctx context.Context, w interface {
	Exec(context.Context) (int64, error)
}) error {
	n, err := w.Exec(ctx)
	if err != nil {
		return err
	}
	return check(n, int64(3))
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	upd := func(s *query.Scope) query.Update[person] { return query.NewUpdate(s, &peopleTable) }
	runSQLCases(t, []sqlCase{
		{
			name: "Set and Where under a tenant: updated_at, tenant and live filters",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Name.To("Bo")).Where(people.ID.Eq(pid)))
			},
			want: exec("UPDATE people SET name = $1, updated_at = now() WHERE org_id = $2 AND deleted_at IS NULL AND id = $3",
				"Bo", org, pid),
		},
		{
			name: "several sets, ToNull binds nothing",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Email.ToNull(), people.Age.To(4)).Set(people.Name.To("C")).
					Where(people.Age.Lt(3), people.Name.Ne("x")))
			},
			want: exec("UPDATE people SET email = NULL, age = $1, name = $2, updated_at = now() WHERE org_id = $3 AND deleted_at IS NULL AND age < $4 AND name <> $5",
				4, "C", org, 3, "x"),
		},
		{
			name: "an explicit updated_at replaces now()",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Name.To("D"), people.UpdatedAt.To(day)).Where(people.ID.Eq(pid)))
			},
			want: exec("UPDATE people SET name = $1, updated_at = $2 WHERE org_id = $3 AND deleted_at IS NULL AND id = $4",
				"D", day, org, pid),
		},
		{
			name: "UpdateWhere.Where adds predicates",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Age.To(1)).Where(people.ID.Eq(pid)).Where(people.Age.IsNull()))
			},
			want: exec("UPDATE people SET age = $1, updated_at = now() WHERE org_id = $2 AND deleted_at IS NULL AND id = $3 AND age IS NULL",
				1, org, pid),
		},
		{
			name: "All under a tenant is every live row of the tenant",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Age.To(0)).All())
			},
			want: exec("UPDATE people SET age = $1, updated_at = now() WHERE org_id = $2 AND deleted_at IS NULL", 0, org),
		},
		{
			name:  "All on a plain table has no WHERE",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewUpdate(s, &tagsTable).Set(tags.Label.To("z")).All())
			},
			want: exec("UPDATE tags SET label = $1", "z"),
		},
		{
			name:  "Where on a plain table",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewUpdate(s, &tagsTable).Set(tags.Label.To("z")).Where(tags.ID.In(1, 2)))
			},
			want: exec("UPDATE tags SET label = $1 WHERE id = ANY($2)", "z", []int64{1, 2}),
		},
		{
			name: "WithDeleted reaches soft-deleted rows",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).WithDeleted().Set(people.Name.To("E")).Where(people.ID.Eq(pid)))
			},
			want: exec("UPDATE people SET name = $1, updated_at = now() WHERE org_id = $2 AND id = $3", "E", org, pid),
		},
		{
			name:  "across tenants has no tenant filter",
			scope: acrossTenants,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, upd(s).Set(people.Name.To("F")).Where(people.ID.Eq(pid)))
			},
			want: exec("UPDATE people SET name = $1, updated_at = now() WHERE deleted_at IS NULL AND id = $2", "F", pid),
		},
		{
			name: "Returning queries the changed rows",
			rows: [][]any{{pid, org, "G", nil, 0, nil, day}},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := upd(s).Set(people.Name.To("G")).Where(people.ID.Eq(pid)).Returning(ctx)
				if err != nil {
					return err
				}
				return check(got, []person{{ID: pid, OrgID: org, Name: "G", UpdatedAt: day}})
			},
			want: q("UPDATE people SET name = $1, updated_at = now() WHERE org_id = $2 AND deleted_at IS NULL AND id = $3 RETURNING "+peopleCols,
				"G", org, pid),
		},
		{
			name: "no Set is ErrNoAssignment and runs nothing",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := upd(s).Where(people.ID.Eq(pid)).Exec(ctx)
				return err
			},
			wantErr: query.ErrNoAssignment,
		},
		{
			name:  "unscoped on a tenant table is ErrNoTenant and runs nothing",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := upd(s).Set(people.Name.To("H")).All().Exec(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
	})
}

func TestDelete(t *testing.T) {
	t.Parallel()
	runSQLCases(t, []sqlCase{
		{
			name: "Delete on a soft-delete table sets deleted_at of live rows",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewDelete(s, &peopleTable).Where(people.ID.Eq(pid)))
			},
			want: exec("UPDATE people SET deleted_at = now(), updated_at = now() WHERE org_id = $1 AND deleted_at IS NULL AND id = $2",
				org, pid),
		},
		{
			name: "soft Delete All",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewDelete(s, &peopleTable).All())
			},
			want: exec("UPDATE people SET deleted_at = now(), updated_at = now() WHERE org_id = $1 AND deleted_at IS NULL", org),
		},
		{
			name: "HardDelete removes rows, soft-deleted ones included",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewHardDelete(s, &peopleTable).Where(people.ID.Eq(pid), people.Age.Gt(2)))
			},
			want: exec("DELETE FROM people WHERE org_id = $1 AND id = $2 AND age > $3", org, pid, 2),
		},
		{
			name: "HardDelete All under a tenant",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewHardDelete(s, &peopleTable).All())
			},
			want: exec("DELETE FROM people WHERE org_id = $1", org),
		},
		{
			name: "Restore clears deleted_at of soft-deleted rows",
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewRestore(s, &peopleTable).Where(people.ID.Eq(pid)).Where(people.Name.Like("A%")))
			},
			want: exec("UPDATE people SET deleted_at = NULL, updated_at = now() WHERE org_id = $1 AND deleted_at IS NOT NULL AND id = $2 AND name LIKE $3",
				org, pid, "A%"),
		},
		{
			name:  "Delete on a plain table is a DELETE",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewDelete(s, &tagsTable).Where(tags.ID.Eq(9)))
			},
			want: exec("DELETE FROM tags WHERE id = $1", int64(9)),
		},
		{
			name:  "Delete All on a plain table has no WHERE",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewDelete(s, &tagsTable).All())
			},
			want: exec("DELETE FROM tags"),
		},
		{
			name:  "soft Delete across tenants",
			scope: acrossTenants,
			run: func(ctx context.Context, s *query.Scope) error {
				return rowsAffected(ctx, query.NewDelete(s, &peopleTable).Where(people.OrgID.Eq(org)))
			},
			want: exec("UPDATE people SET deleted_at = now(), updated_at = now() WHERE deleted_at IS NULL AND org_id = $1", org),
		},
		{
			name: "Returning returns the rows as they are afterwards",
			rows: [][]any{{pid, org, "Ann", nil, 0, &day, day}},
			run: func(ctx context.Context, s *query.Scope) error {
				got, err := query.NewDelete(s, &peopleTable).Where(people.ID.Eq(pid)).Returning(ctx)
				if err != nil {
					return err
				}
				return check(got, []person{{ID: pid, OrgID: org, Name: "Ann", DeletedAt: &day, UpdatedAt: day}})
			},
			want: q("UPDATE people SET deleted_at = now(), updated_at = now() WHERE org_id = $1 AND deleted_at IS NULL AND id = $2 RETURNING "+peopleCols,
				org, pid),
		},
		{
			name:  "unscoped on a tenant table is ErrNoTenant and runs nothing",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewDelete(s, &peopleTable).All().Exec(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
	})
}
