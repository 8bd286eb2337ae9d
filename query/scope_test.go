package query_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/factory-kit/plinth/query"
	"github.com/factory-kit/plinth/tenant"
	"github.com/google/uuid"
)

const setTenant = "SELECT set_config('plinth.org_id', $1, true)"

func TestScopeTenancy(t *testing.T) {
	t.Parallel()
	setOrg := call{Method: "Exec", SQL: setTenant, Args: []any{org.String()}}
	runSQLCases(t, []sqlCase{
		{
			name:    "unscoped select of a tenant table is ErrNoTenant and runs nothing",
			scope:   unscoped,
			run:     peopleAll(func(q query.Select[person]) query.Select[person] { return q }),
			wantErr: query.ErrNoTenant,
		},
		{
			name:  "the nil organization is ErrNoTenant, even on a plain table",
			scope: func(db query.DB) *query.Scope { return query.NewScope(db).Tenant(uuid.Nil) },
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewSelect(s, &tagsTable).Count(ctx)
				return err
			},
			wantErr: query.ErrNoTenant,
		},
		{
			name:  "Tenant after AcrossTenants filters again",
			scope: func(db query.DB) *query.Scope { return query.NewScope(db).AcrossTenants().Tenant(org) },
			run:   peopleAll(func(q query.Select[person]) query.Select[person] { return q.WithDeleted() }),
			want:  q("SELECT "+peopleCols+" FROM people WHERE org_id = $1", org),
		},
		{
			name: "row security: the tenant is set in a transaction around the statement",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewSelect(s, &secretsTable).Where(query.NewColumn[int64]("id").Eq(1)).All(ctx)
				return err
			},
			want: []call{
				{Method: "Begin"},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1 AND id = $2", Args: []any{org, int64(1)}},
				{Method: "Commit"},
			},
		},
		{
			name: "row security on update",
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewUpdate(s, &secretsTable).Set(query.NewColumn[int64]("id").To(2)).All().Exec(ctx)
				return err
			},
			want: []call{
				{Method: "Begin"},
				setOrg,
				{Method: "Exec", SQL: "UPDATE secrets SET id = $1 WHERE org_id = $2", Args: []any{int64(2), org}},
				{Method: "Commit"},
			},
		},
		{
			name: "row security on a plain insert",
			run: func(ctx context.Context, s *query.Scope) error {
				tenant, err := s.InsertTenant(&secretsTable.Shape)
				_, err = query.NewInsert(s, &secretsTable, []any{tenant, int64(3)}, err).Exec(ctx)
				return err
			},
			want: []call{
				{Method: "Begin"},
				setOrg,
				{Method: "Exec", SQL: secretsTable.InsertSQL, Args: []any{org, int64(3)}},
				{Method: "Commit"},
			},
		},
		{
			name:  "row security inside the caller's transaction sets the tenant there",
			scope: func(db query.DB) *query.Scope { return query.NewScope(&fakeTx{db: db.(*fakeDB)}).Tenant(org) },
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewDelete(s, &secretsTable).All().Exec(ctx)
				return err
			},
			want: []call{
				setOrg,
				{Method: "Exec", SQL: "DELETE FROM secrets WHERE org_id = $1", Args: []any{org}},
			},
		},
		{
			name: "row security in a Tx sets the tenant once for all its statements",
			run: func(ctx context.Context, s *query.Scope) error {
				return s.Tx(ctx, func(tx *query.Scope) error {
					if _, err := query.NewSelect(tx, &secretsTable).All(ctx); err != nil {
						return err
					}
					_, err := query.NewDelete(tx, &secretsTable).All().Exec(ctx)
					return err
				})
			},
			want: []call{
				{Method: "Begin"},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Exec", SQL: "DELETE FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Commit"},
			},
		},
		{
			name: "row security sets the tenant again after a savepoint is rolled back",
			run: func(ctx context.Context, s *query.Scope) error {
				return s.Tx(ctx, func(tx *query.Scope) error {
					_ = tx.Tx(ctx, func(sp *query.Scope) error {
						if _, err := query.NewSelect(sp, &secretsTable).All(ctx); err != nil {
							return err
						}
						return errBoom
					})
					_, err := query.NewSelect(tx, &secretsTable).All(ctx)
					return err
				})
			},
			want: []call{
				{Method: "Begin"},
				{Method: "Begin"},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Rollback"},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Commit"},
			},
		},
		{
			name: "row security in a Tx sets the tenant again after switching tenants",
			run: func(ctx context.Context, s *query.Scope) error {
				return s.Tx(ctx, func(tx *query.Scope) error {
					if _, err := query.NewSelect(tx, &secretsTable).All(ctx); err != nil {
						return err
					}
					if _, err := query.NewSelect(tx.Tenant(other), &secretsTable).All(ctx); err != nil {
						return err
					}
					_, err := query.NewSelect(tx, &secretsTable).All(ctx)
					return err
				})
			},
			want: []call{
				{Method: "Begin"},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Exec", SQL: setTenant, Args: []any{other.String()}},
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{other}},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Commit"},
			},
		},
		{
			name:  "row security across tenants sets nothing",
			scope: acrossTenants,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := query.NewSelect(s, &secretsTable).All(ctx)
				return err
			},
			want: q("SELECT id, org_id FROM secrets"),
		},
		{
			name: "Tx runs statements in one transaction with the same tenancy",
			run: func(ctx context.Context, s *query.Scope) error {
				return s.Tx(ctx, func(tx *query.Scope) error {
					if _, err := query.NewDelete(tx, &peopleTable).Where(people.ID.Eq(pid)).Exec(ctx); err != nil {
						return err
					}
					_, err := query.NewSelect(tx, &secretsTable).All(ctx)
					return err
				})
			},
			want: []call{
				{Method: "Begin"},
				{Method: "Exec", SQL: "UPDATE people SET deleted_at = now(), updated_at = now() WHERE org_id = $1 AND deleted_at IS NULL AND id = $2", Args: []any{org, pid}},
				setOrg,
				{Method: "Query", SQL: "SELECT id, org_id FROM secrets WHERE org_id = $1", Args: []any{org}},
				{Method: "Commit"},
			},
		},
		{
			name: "Tx rolls back when fn fails",
			run: func(ctx context.Context, s *query.Scope) error {
				return s.Tx(ctx, func(tx *query.Scope) error {
					_, err := query.NewHardDelete(tx, &tagsTable).All().Exec(ctx)
					return errors.Join(err, errBoom)
				})
			},
			want: []call{
				{Method: "Begin"},
				{Method: "Exec", SQL: "DELETE FROM tags"},
				{Method: "Rollback"},
			},
			wantErr: errBoom,
		},
		{
			name:  "Raw runs the statement as is",
			scope: unscoped,
			run: func(ctx context.Context, s *query.Scope) error {
				_, err := s.Raw().Exec(ctx, "DELETE FROM people WHERE id = $1", pid)
				return err
			},
			want: exec("DELETE FROM people WHERE id = $1", pid),
		},
	})
}

var errBoom = errors.New("boom")

func TestScopeOrg(t *testing.T) {
	t.Parallel()
	db := newFake()
	base := query.NewScope(db)
	if got, ok := base.Org(); ok || got != uuid.Nil {
		t.Errorf("unscoped Org() = %v, %v; want nil, false", got, ok)
	}
	if got, ok := base.Tenant(org).Org(); !ok || got != org {
		t.Errorf("Tenant(org).Org() = %v, %v; want %v, true", got, ok, org)
	}
	if got, ok := base.Tenant(org).AcrossTenants().Org(); ok || got != uuid.Nil {
		t.Errorf("AcrossTenants().Org() = %v, %v; want nil, false", got, ok)
	}
	if base.DB() != query.DB(db) {
		t.Error("DB() is not the scope's connection")
	}
	s, err := base.TenantFromContext(tenant.WithOrg(t.Context(), org))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Org(); !ok || got != org {
		t.Errorf("TenantFromContext Org() = %v, %v; want %v, true", got, ok, org)
	}
	if _, err := base.TenantFromContext(t.Context()); err == nil {
		t.Error("TenantFromContext without an org: no error")
	}
	if !reflect.DeepEqual(db.log(), []call(nil)) {
		t.Errorf("scope construction ran %s", fmtCalls(db.log()))
	}
}

// other is a second organization.
var other = uuid.MustParse("22222222-2222-2222-2222-222222222222")
