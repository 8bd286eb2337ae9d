package query_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/factory-kit/plinth/query"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// call is one statement, or transaction step, a fake connection saw.
type call struct {
	Method string // Exec, Query, QueryRow, Copy, Begin, Commit, Rollback
	SQL    string // the statement; the table name for Copy
	Args   []any  // the arguments; for Copy, the column names then every row
}

// fakeDB is a query.DB that runs nothing: it records every call into a
// shared log and answers Query and QueryRow with rows.
type fakeDB struct {
	mu    sync.Mutex
	calls []call
	rows  [][]any // what Query returns; QueryRow returns the first
	tag   string  // the command tag Exec returns
}

func newFake(rows ...[]any) *fakeDB { return &fakeDB{rows: rows, tag: "UPDATE 3"} }

func (f *fakeDB) record(method, sql string, args []any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var a []any
	if len(args) > 0 {
		a = slices.Clone(args)
	}
	f.calls = append(f.calls, call{Method: method, SQL: sql, Args: a})
}

func (f *fakeDB) log() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeDB) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	f.record("Exec", sql, args)
	return pgconn.NewCommandTag(f.tag), nil
}

func (f *fakeDB) Query(_ context.Context, sql string, args ...any) (pgx.Rows, error) {
	f.record("Query", sql, args)
	return &fakeRows{rows: f.rows, i: -1}, nil
}

func (f *fakeDB) QueryRow(_ context.Context, sql string, args ...any) pgx.Row {
	f.record("QueryRow", sql, args)
	if len(f.rows) == 0 {
		return fakeRow{err: pgx.ErrNoRows}
	}
	return fakeRow{vals: f.rows[0]}
}

func (f *fakeDB) SendBatch(context.Context, *pgx.Batch) pgx.BatchResults {
	panic("fakeDB: SendBatch is not used by package query")
}

func (f *fakeDB) CopyFrom(_ context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	args := []any{slices.Clone(cols)}
	var n int64
	for src.Next() {
		v, err := src.Values()
		if err != nil {
			return n, err
		}
		args = append(args, slices.Clone(v)) // Values may reuse its slice
		n++
	}
	f.record("Copy", table.Sanitize(), args)
	return n, src.Err()
}

func (f *fakeDB) Begin(context.Context) (pgx.Tx, error) {
	f.record("Begin", "", nil)
	return &fakeTx{db: f}, nil
}

// fakeTx is a pgx.Tx over a fakeDB's log. Methods package query does not
// call are left to the nil embedded interface and panic.
type fakeTx struct {
	pgx.Tx
	db *fakeDB
}

func (t *fakeTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.db.Exec(ctx, sql, args...)
}

func (t *fakeTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.db.Query(ctx, sql, args...)
}

func (t *fakeTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.db.QueryRow(ctx, sql, args...)
}

func (t *fakeTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	return t.db.CopyFrom(ctx, table, cols, src)
}

func (t *fakeTx) Begin(ctx context.Context) (pgx.Tx, error) { return t.db.Begin(ctx) }

func (t *fakeTx) Commit(context.Context) error {
	t.db.record("Commit", "", nil)
	return nil
}

func (t *fakeTx) Rollback(context.Context) error {
	t.db.record("Rollback", "", nil)
	return nil
}

// fakeRows yields rows, scanning each value into the matching destination.
type fakeRows struct {
	pgx.Rows
	rows [][]any
	i    int
}

func (r *fakeRows) Next() bool             { r.i++; return r.i < len(r.rows) }
func (r *fakeRows) Scan(dest ...any) error { return scanInto(r.rows[r.i], dest) }
func (r *fakeRows) Err() error             { return nil }
func (r *fakeRows) Close()                 {}

type fakeRow struct {
	vals []any
	err  error
}

func (r fakeRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return scanInto(r.vals, dest)
}

func scanInto(vals, dest []any) error {
	if len(vals) != len(dest) {
		return fmt.Errorf("fake scan: %d values into %d destinations", len(vals), len(dest))
	}
	for i, d := range dest {
		dv := reflect.ValueOf(d).Elem()
		if vals[i] == nil {
			dv.SetZero()
			continue
		}
		dv.Set(reflect.ValueOf(vals[i]))
	}
	return nil
}

// person is the row of people: tenant-scoped, soft-deleted, with updated_at.
type person struct {
	ID        uuid.UUID
	OrgID     uuid.UUID
	Name      string
	Email     *string
	Age       int
	DeletedAt *time.Time
	UpdatedAt time.Time
}

const peopleCols = "id, org_id, name, email, age, deleted_at, updated_at"

var peopleTable = query.Table[person]{
	Shape: query.Shape{
		Name:       "people",
		CopyName:   "people",
		Columns:    peopleCols,
		Key:        []string{"id"},
		Tenant:     "org_id",
		SoftDelete: "deleted_at",
		UpdatedAt:  "updated_at",
		Insert: []query.InsertColumn{
			{Name: "org_id", CopyName: "org_id"},
			{Name: "id", CopyName: "id", Default: "gen_random_uuid()", Cast: "uuid"},
			{Name: "name", CopyName: "name"},
			{Name: "email", CopyName: "email"},
			{Name: "age", CopyName: "age", Default: "0", Cast: "integer"},
		},
		GetSQL:             "SELECT " + peopleCols + " FROM people WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL",
		GetAcrossSQL:       "SELECT " + peopleCols + " FROM people WHERE id = $1 AND deleted_at IS NULL",
		InsertSQL:          peopleInsert,
		InsertReturningSQL: peopleInsert + " RETURNING " + peopleCols,
	},
	Scan: func(s query.Scanner, r *person) error {
		return s.Scan(&r.ID, &r.OrgID, &r.Name, &r.Email, &r.Age, &r.DeletedAt, &r.UpdatedAt)
	},
}

const peopleInsert = "INSERT INTO people (org_id, id, name, email, age) VALUES ($1, COALESCE($2::uuid, gen_random_uuid()), $3, $4, COALESCE($5::integer, 0))"

var people = struct {
	ID        query.Column[uuid.UUID]
	OrgID     query.Column[uuid.UUID]
	Name      query.StringColumn
	Email     query.StringColumn
	Age       query.Column[int]
	DeletedAt query.Column[time.Time]
	UpdatedAt query.Column[time.Time]
}{
	ID:        query.NewColumn[uuid.UUID]("id"),
	OrgID:     query.NewColumn[uuid.UUID]("org_id"),
	Name:      query.NewStringColumn("name"),
	Email:     query.NewStringColumn("email"),
	Age:       query.NewColumn[int]("age"),
	DeletedAt: query.NewColumn[time.Time]("deleted_at"),
	UpdatedAt: query.NewColumn[time.Time]("updated_at"),
}

// tag is the row of tags: no tenant, no soft delete, no updated_at.
type tag struct {
	ID    int64
	Label string
}

var tagsTable = query.Table[tag]{
	Shape: query.Shape{
		Name:     "tags",
		CopyName: "tags",
		Columns:  "id, label",
		Key:      []string{"id"},
		Insert: []query.InsertColumn{
			{Name: "id", CopyName: "id"},
			{Name: "label", CopyName: "label"},
		},
		GetSQL:             "SELECT id, label FROM tags WHERE id = $1",
		GetAcrossSQL:       "SELECT id, label FROM tags WHERE id = $1",
		InsertSQL:          "INSERT INTO tags (id, label) VALUES ($1, $2)",
		InsertReturningSQL: "INSERT INTO tags (id, label) VALUES ($1, $2) RETURNING id, label",
	},
	Scan: func(s query.Scanner, r *tag) error { return s.Scan(&r.ID, &r.Label) },
}

var tags = struct {
	ID    query.Column[int64]
	Label query.StringColumn
}{
	ID:    query.NewColumn[int64]("id"),
	Label: query.NewStringColumn("label"),
}

// secret is the row of secrets: tenant-scoped with row security.
type secret struct {
	ID    int64
	OrgID uuid.UUID
}

var secretsTable = query.Table[secret]{
	Shape: query.Shape{
		Name:         "secrets",
		CopyName:     "secrets",
		Columns:      "id, org_id",
		Key:          []string{"id"},
		Tenant:       "org_id",
		RowSecurity:  true,
		Insert:       []query.InsertColumn{{Name: "org_id", CopyName: "org_id"}, {Name: "id", CopyName: "id"}},
		GetSQL:       "SELECT id, org_id FROM secrets WHERE id = $1 AND org_id = $2",
		GetAcrossSQL: "SELECT id, org_id FROM secrets WHERE id = $1",
		InsertSQL:    "INSERT INTO secrets (org_id, id) VALUES ($1, $2)",
	},
	Scan: func(s query.Scanner, r *secret) error { return s.Scan(&r.ID, &r.OrgID) },
}

var (
	org   = uuid.MustParse("0190b6c4-0000-7000-8000-000000000001")
	pid   = uuid.MustParse("0190b6c4-0000-7000-8000-0000000000aa")
	email = "ann@example.com"
	day   = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
)

// scopes a case can run under.
func tenantScope(db query.DB) *query.Scope   { return query.NewScope(db).Tenant(org) }
func unscoped(db query.DB) *query.Scope      { return query.NewScope(db) }
func acrossTenants(db query.DB) *query.Scope { return query.NewScope(db).AcrossTenants() }

// sqlCase runs a builder through a fake connection and compares every
// call it made with want.
type sqlCase struct {
	name    string
	scope   func(query.DB) *query.Scope // tenantScope when nil
	rows    [][]any                     // rows the fake returns
	run     func(ctx context.Context, s *query.Scope) error
	want    []call
	wantErr error
}

func runSQLCases(t *testing.T, cases []sqlCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := newFake(tc.rows...)
			scope := tc.scope
			if scope == nil {
				scope = tenantScope
			}
			err := tc.run(t.Context(), scope(db))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if got := db.log(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("calls differ\n got: %s\nwant: %s", fmtCalls(got), fmtCalls(tc.want))
			}
		})
	}
}

func fmtCalls(cs []call) string {
	s := ""
	for _, c := range cs {
		s += fmt.Sprintf("\n  %s %q %#v", c.Method, c.SQL, c.Args)
	}
	if s == "" {
		return "(none)"
	}
	return s
}

// check returns an error when a builder's result got is not want.
func check[T any](got, want T) error {
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("result = %#v, want %#v", got, want)
	}
	return nil
}
