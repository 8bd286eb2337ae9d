package audit_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/factory-kit/plinth/audit"
	"github.com/factory-kit/plinth/devdb"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// schemaDDL is the admin_actions shape under the fleet prefix, and
// a table the application mutates.
const schemaDDL = `
CREATE TABLE fleet_admin_actions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	actor_id uuid NOT NULL,
	action text NOT NULL,
	subject_type text,
	subject_id uuid,
	metadata jsonb,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;`

const table = "fleet_admin_actions"

// setup returns a pool on a new database of the audit schema.
func setup(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	ctx := context.Background()
	tpl, err := devdb.ForTest(tb).Template(ctx, "audit-test-v1", func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, schemaDDL)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	pool, err := pgxpool.New(ctx, tpl.Branch(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(pool.Close)
	return pool
}

// errs collects what the Logger reports.
type errs struct {
	mu   sync.Mutex
	list []error
	got  chan struct{} // receives a value on each report, when there is room
}

func newErrs() *errs { return &errs{got: make(chan struct{}, 1000)} }

func (e *errs) hook(err error) {
	e.mu.Lock()
	e.list = append(e.list, err)
	e.mu.Unlock()
	select {
	case e.got <- struct{}{}:
	default:
	}
}

func (e *errs) all() []error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]error(nil), e.list...)
}

// wait waits for a report matching match.
func (e *errs) wait(t *testing.T, what string, match func(error) bool) error {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		for _, err := range e.all() {
			if match(err) {
				return err
			}
		}
		select {
		case <-e.got:
		case <-deadline:
			t.Fatalf("no %s reported; reports: %v", what, e.all())
		}
	}
}

func count(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// lockTable holds an ACCESS EXCLUSIVE lock on the audit table until the
// returned function is called.
func lockTable(t testing.TB, pool *pgxpool.Pool) (unlock func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE `+table+` IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	unlock = func() { once.Do(func() { tx.Rollback(ctx) }) }
	t.Cleanup(unlock)
	return unlock
}

// mutate updates a customer, as the application would next to Log, and
// fails the test if that takes long.
func mutate(t *testing.T, pool *pgxpool.Pool, i int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	tag, err := pool.Exec(ctx, `UPDATE customers SET name = $2 WHERE id = $1`, i%100+1, "renamed")
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("mutation next to the audit log: %v (%v)", err, tag)
	}
}

// logPromptly logs n events and fails the test if Log ever blocked.
func logPromptly(t *testing.T, l *audit.Logger, n int) {
	t.Helper()
	start := time.Now()
	for i := range n {
		l.Log(audit.Event{ActorID: uuid.New(), Action: "customer.update", SubjectType: "customer", SubjectID: uuid.New(), Metadata: []byte(`{"i":` + itoa(i) + `}`)})
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("%d Log calls took %v: Log must not wait for the database", n, d)
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

func TestCloseWritesEveryQueuedEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := setup(t)
	l := audit.New(pool, audit.Config{Table: table, BatchSize: 100})
	actor, subject := uuid.New(), uuid.New()
	at := time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)
	l.Log(audit.Event{ActorID: actor, Action: "customer.delete", SubjectType: "customer", SubjectID: subject, Metadata: []byte(`{"reason":"churn"}`), At: at})
	l.Log(audit.Event{ActorID: actor, Action: "login"}) // no subject, no metadata
	logPromptly(t, l, 998)
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool); n != 1000 {
		t.Errorf("%d rows after Close, want 1000", n)
	}
	if s := l.Stats(); s != (audit.Stats{Written: 1000}) {
		t.Errorf("Stats = %+v, want 1000 written and nothing else", s)
	}
	var (
		gotSubject uuid.UUID
		gotType    string
		gotMeta    map[string]string
		gotAt      time.Time
	)
	err := pool.QueryRow(ctx, `SELECT subject_id, subject_type, metadata, created_at FROM `+table+` WHERE action = 'customer.delete'`).
		Scan(&gotSubject, &gotType, &gotMeta, &gotAt)
	if err != nil || gotSubject != subject || gotType != "customer" || gotMeta["reason"] != "churn" || !gotAt.Equal(at) {
		t.Errorf("row = %v %q %v %v (%v)", gotSubject, gotType, gotMeta, gotAt, err)
	}
	var nulls bool
	if err := pool.QueryRow(ctx, `SELECT subject_id IS NULL AND subject_type IS NULL AND metadata IS NULL FROM `+table+` WHERE action = 'login'`).Scan(&nulls); err != nil || !nulls {
		t.Errorf("empty optional fields must be NULL: %v %v", nulls, err)
	}
	l.Log(audit.Event{Action: "after close"})
	if s := l.Stats(); s.Dropped != 1 {
		t.Errorf("Log after Close: Stats = %+v, want it dropped and counted", s)
	}
}

func TestLockedTable(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	reports := newErrs()
	l := audit.New(pool, audit.Config{Table: table, Timeout: 200 * time.Millisecond, OnError: reports.hook})
	unlock := lockTable(t, pool)

	logPromptly(t, l, 100)
	for i := range 20 {
		mutate(t, pool, i) // the application's writes go on while the log is locked
	}
	err := reports.wait(t, "lock timeout", func(err error) bool {
		var we *audit.WriteError
		var pgErr *pgconn.PgError
		return errors.As(err, &we) && errors.As(err, &pgErr) && pgErr.Code == "55P03" // lock_not_available
	})
	t.Logf("reported: %v", err)

	unlock()
	logPromptly(t, l, 50)
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := l.Stats()
	if s.Written < 50 || s.Failed == 0 || s.Written+s.Failed != 150 || s.Dropped != 0 {
		t.Errorf("Stats = %+v, want the events logged after the unlock written, the failed batch counted, 150 in all", s)
	}
	if n := count(t, pool); uint64(n) != s.Written {
		t.Errorf("%d rows, Stats.Written %d", n, s.Written)
	}
}

func TestDroppedTable(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	if _, err := pool.Exec(context.Background(), `DROP TABLE `+table); err != nil {
		t.Fatal(err)
	}
	reports := newErrs()
	l := audit.New(pool, audit.Config{Table: table, OnError: reports.hook})
	logPromptly(t, l, 10)
	mutate(t, pool, 1)
	reports.wait(t, "undefined table", func(err error) bool {
		var pgErr *pgconn.PgError
		return errors.As(err, &pgErr) && pgErr.Code == "42P01"
	})
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := l.Stats(); s.Failed != 10 || s.Written != 0 {
		t.Errorf("Stats = %+v, want 10 failed", s)
	}
}

func TestQueueOverflow(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	reports := newErrs()
	l := audit.New(pool, audit.Config{Table: table, QueueSize: 10, BatchSize: 5, Timeout: time.Second, OnError: reports.hook})
	unlock := lockTable(t, pool) // the writer stalls on its first batch

	logPromptly(t, l, 1000)
	s := l.Stats()
	if s.Dropped < 1000-10-5 || s.Queued > 10 {
		t.Errorf("after 1000 Log calls on a stalled writer with room for 10: Stats = %+v", s)
	}
	drop := reports.wait(t, "drop", func(err error) bool { return errors.Is(err, audit.ErrQueueFull) })
	var de *audit.DropError
	if !errors.As(drop, &de) || de.Events < 1000-10-5 {
		t.Errorf("drop report %v, want the drops counted", drop)
	}
	unlock()
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	s = l.Stats()
	if s.Written+s.Dropped+s.Failed != 1000 || s.Written == 0 {
		t.Errorf("Stats = %+v: every event must be written, dropped or failed, and the queued ones written", s)
	}
}

func TestCloseGivesUpAtDeadline(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	l := audit.New(pool, audit.Config{Table: table, Timeout: 5 * time.Second, BatchSize: 10})
	lockTable(t, pool)
	logPromptly(t, l, 100)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := l.Close(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close on a locked table: %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v past its deadline", d)
	}
	if s := l.Stats(); s.Failed != 100 || s.Written != 0 {
		t.Errorf("Stats = %+v, want all 100 counted as failed", s)
	}
}

func TestInvalidMetadata(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	reports := newErrs()
	l := audit.New(pool, audit.Config{Table: table, OnError: reports.hook})
	l.Log(audit.Event{Action: "bad", Metadata: []byte(`{not json`)})
	l.Log(audit.Event{Action: "good", Metadata: []byte(`{"ok":true}`)})
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := l.Stats(); s.Written != 1 || s.Failed != 1 || len(reports.all()) != 1 {
		t.Errorf("Stats = %+v, reports %v: want the bad event alone lost and reported", s, reports.all())
	}
}

func TestLogTx(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := setup(t)
	l := audit.New(pool, audit.Config{Table: table})
	defer l.Close(ctx)
	for _, commit := range []bool{false, true} {
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE customers SET name = 'x' WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if err := l.LogTx(ctx, tx, audit.Event{ActorID: uuid.New(), Action: "customer.update", SubjectID: uuid.New()}); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = tx.Commit(ctx)
		} else {
			err = tx.Rollback(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if commit {
			want = 1
		}
		if n := count(t, pool); n != want {
			t.Errorf("commit=%v: %d rows, want %d: the row goes with the transaction", commit, n, want)
		}
	}
	if _, err := pool.Exec(ctx, `DROP TABLE `+table); err != nil {
		t.Fatal(err)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if err := l.LogTx(ctx, tx, audit.Event{Action: "x"}); err == nil {
		t.Error("LogTx on a missing table succeeded, want the error: it is the caller's transaction")
	}
}

func TestWrittenWithinFlushInterval(t *testing.T) {
	t.Parallel()
	pool := setup(t)
	l := audit.New(pool, audit.Config{Table: table, FlushInterval: 50 * time.Millisecond})
	defer l.Close(context.Background())
	l.Log(audit.Event{Action: "login"})
	deadline := time.Now().Add(5 * time.Second)
	for count(t, pool) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("event not written 5s after Log, without Close: Stats = %+v", l.Stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
