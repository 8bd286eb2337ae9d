package migrate

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

// GenerateOpts configures Generate.
type GenerateOpts struct {
	// Prefix limits the replayed state to the tables the schema owns.
	Prefix string
	// AllowDestructive lets the migration drop and narrow; see DiffOpts.
	AllowDestructive bool
	// Now stamps a timestamp-named file; time.Now() when zero.
	Now time.Time
}

// Generate writes the next migration of dir, called name: the diff from
// dir replayed on a throwaway database to desired normalized on another,
// as Plan.Files writes it, and rewrites plinth.sum. That is one file, or
// two when the change builds indexes on (or validates constraints of)
// tables that exist already: NAME.sql, then NAME_indexes.sql (or
// NAME_validate.sql) to run outside a transaction. It returns the files
// written; when there is no change it writes nothing and returns no file
// and an empty plan.
func Generate(ctx context.Context, sb *Sandbox, dir *Dir, desired *schema.Model, name string, opts GenerateOpts) ([]File, *Plan, error) {
	if _, err := dir.NextName(name, time.Now()); err != nil {
		return nil, nil, err
	}
	if err := dir.Verify(); err != nil {
		return nil, nil, err
	}
	plan, err := diffReplayed(ctx, sb, dir, desired, DiffOpts{Prefix: opts.Prefix, AllowDestructive: opts.AllowDestructive})
	if err != nil || plan.Empty() {
		return nil, plan, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	var files []File
	for _, mf := range plan.Files() {
		n := name
		if mf.Suffix != "" {
			n += "_" + mf.Suffix
		}
		f, err := dir.Add(n, mf.SQL, now)
		if err != nil {
			return files, plan, err
		}
		files = append(files, f)
	}
	return files, plan, nil
}

// diffReplayed normalizes desired, replays dir, and diffs the two.
func diffReplayed(ctx context.Context, sb *Sandbox, dir *Dir, desired *schema.Model, opts DiffOpts) (*Plan, error) {
	want, err := sb.Normalize(ctx, desired)
	if err != nil {
		return nil, err
	}
	var plan *Plan
	err = sb.Replay(ctx, dir, func(ctx context.Context, conn *pgx.Conn) error {
		var err error
		plan, err = Diff(ctx, conn, want, opts)
		return err
	})
	return plan, err
}

// DriftError reports a schema that the migrations do not produce: the
// steps a new migration would need, each naming its table and column.
type DriftError struct {
	// Steps is the missing migration.
	Steps []Step
}

func (e *DriftError) Error() string {
	var b strings.Builder
	b.WriteString("the migrations do not produce the schema; a migration is missing for:")
	for _, s := range e.Steps {
		b.WriteString("\n\t" + s.String())
	}
	b.WriteString("\nrun plinth migration NAME to write it")
	return b.String()
}

// CheckOpts configures Check.
type CheckOpts struct {
	// Prefix limits the replayed state to the tables the schema owns.
	Prefix string
}

// Check verifies dir against desired for CI: the sum file matches, one
// naming convention is used, every migration replays from zero on a
// throwaway database, and the replayed state equals desired. It returns
// nil when all hold, else the problems joined: *SumError,
// *MixedNamingError, *NamingError, *MigrationError, *DriftError.
func Check(ctx context.Context, sb *Sandbox, dir *Dir, desired *schema.Model, opts CheckOpts) error {
	if err := dir.Verify(); err != nil {
		return err
	}
	plan, err := diffReplayed(ctx, sb, dir, desired, DiffOpts{Prefix: opts.Prefix, AllowDestructive: true})
	if err != nil {
		return err
	}
	if !plan.Empty() {
		return &DriftError{Steps: plan.Steps}
	}
	return nil
}

// PushOpts configures Push.
type PushOpts struct {
	// Prefix limits the live state to the tables the schema owns.
	Prefix string
	// AllowDestructive lets the push drop and narrow; see DiffOpts.
	AllowDestructive bool
	// DryRun plans without applying.
	DryRun bool
}

// Push applies the diff from the database behind conn to desired directly,
// in one transaction (statement by statement when the plan needs it),
// without a migration file: for prototyping on a dev database. It runs the
// plan's plain form (Plan.SQL): indexes built without CONCURRENTLY,
// constraints validated as they are added, no lock_timeout, which on a dev
// database is faster and all-or-nothing. It returns the plan, applied
// unless opts.DryRun.
func Push(ctx context.Context, conn *pgx.Conn, sb *Sandbox, desired *schema.Model, opts PushOpts) (*Plan, error) {
	want, err := sb.Normalize(ctx, desired)
	if err != nil {
		return nil, err
	}
	plan, err := Diff(ctx, conn, want, DiffOpts{Prefix: opts.Prefix, AllowDestructive: opts.AllowDestructive})
	if err != nil || opts.DryRun || plan.Empty() {
		return plan, err
	}
	return plan, Apply(ctx, conn, plan)
}

// Apply runs plan's plain form (Plan.SQL) on the database behind conn: in
// one transaction, or statement by statement when plan.NoTransaction. A failing statement is
// reported as a *MigrationError with the file name "plan".
func Apply(ctx context.Context, conn *pgx.Conn, plan *Plan) error {
	f := File{Name: "plan", SQL: plan.SQL(), NoTransaction: plan.NoTransaction}
	return runFile(ctx, conn, f, func(execer) error { return nil })
}

// IsRefusal reports whether err is one of the refusals Up, Generate and
// Check make before changing anything, as opposed to a failure on the way.
func IsRefusal(err error) bool {
	for _, target := range []any{new(*SumError), new(*MixedNamingError), new(*NamingError), new(*ChecksumError),
		new(*MissingFileError), new(*OutOfOrderError), new(*DestructiveError)} {
		if errors.As(err, target) {
			return true
		}
	}
	return false
}
