package migrate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// bookkeepingSQL creates the table Up records applied files in. The
// runtime reads SELECT version FROM plinth_migrations ORDER BY version
// DESC LIMIT 1; keep the name and the columns.
const bookkeepingSQL = `CREATE TABLE IF NOT EXISTS plinth_migrations (
    version text PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    execution_ms bigint NOT NULL
)`

// lockID is the advisory lock key every plinth migrate run takes.
const lockID int64 = 0x706c696e74680001 // "plinth" + 1

// UpOpts configures Up.
type UpOpts struct {
	// AllowOutOfOrder applies a pending file that sorts before the last
	// applied one (as after merging a branch) instead of refusing it.
	AllowOutOfOrder bool
	// Applied, when set, is called after each file is applied.
	Applied func(f File, took time.Duration)
}

// ChecksumError reports an applied file whose content changed on disk.
type ChecksumError struct {
	// File is the file name.
	File string
	// Applied and Disk are the checksums recorded and on disk.
	Applied, Disk string
}

func (e *ChecksumError) Error() string {
	return e.File + ": changed after it was applied (checksum " + short(e.Applied) + " recorded, " + short(e.Disk) +
		" on disk): restore it and put the change in a new migration"
}

func short(sum string) string { return sum[:min(12, len(sum))] }

// MissingFileError reports an applied migration whose file is gone.
type MissingFileError struct {
	// File is the recorded file name.
	File string
}

func (e *MissingFileError) Error() string {
	return e.File + ": applied to the database but missing from the directory: restore it"
}

// OutOfOrderError reports a pending file that sorts before the last
// applied one.
type OutOfOrderError struct {
	// File is the pending file; Last the last applied one.
	File, Last string
}

func (e *OutOfOrderError) Error() string {
	return e.File + ": pending, but sorts before " + e.Last + ", which is applied: renumber it after " + e.Last +
		" (then plinth hash), or apply it out of order with --allow-out-of-order"
}

// MigrationError reports a migration file that failed; the database is
// left as it was before the file (unless the file runs outside a
// transaction).
type MigrationError struct {
	// File is the file name.
	File string
	// Line is the 1-based line of the file where the failing statement
	// starts, or where PostgreSQL located the error within it.
	Line int
	// Statement is the failing statement.
	Statement string
	// Err is the database's error, a *pgconn.PgError when it reported one.
	Err error
}

func (e *MigrationError) Error() string {
	return fmt.Sprintf("applying %s: line %d: %v\n\t%s", e.File, e.Line, e.Err, strings.ReplaceAll(e.Statement, "\n", "\n\t"))
}

func (e *MigrationError) Unwrap() error { return e.Err }

// applied is one row of plinth_migrations.
type applied struct {
	version, name, checksum string
	at                      time.Time
}

// Up applies the pending files of dir to the database behind conn and
// returns them. It holds an advisory lock for the whole run, so concurrent
// runs apply each file exactly once. Before applying anything it refuses,
// each problem naming its file, a directory that does not Verify, an
// applied file changed or missing on disk, and (without
// opts.AllowOutOfOrder) a pending file sorting before the last applied one.
// Each file runs in its own transaction with its plinth_migrations row.
func Up(ctx context.Context, conn *pgx.Conn, dir *Dir, opts UpOpts) ([]File, error) {
	if err := dir.Verify(); err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
		return nil, fmt.Errorf("taking the migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockID)
	if _, err := conn.Exec(ctx, bookkeepingSQL); err != nil {
		return nil, fmt.Errorf("creating %s: %w", BookkeepingTable, err)
	}
	done, err := readApplied(ctx, conn)
	if err != nil {
		return nil, err
	}
	pending, err := pendingFiles(dir, done, opts.AllowOutOfOrder)
	if err != nil {
		return nil, err
	}
	for i, f := range pending {
		start := time.Now()
		if err := applyFile(ctx, conn, f); err != nil {
			return pending[:i], err
		}
		if opts.Applied != nil {
			opts.Applied(f, time.Since(start))
		}
	}
	return pending, nil
}

func readApplied(ctx context.Context, conn *pgx.Conn) ([]applied, error) {
	rows, err := conn.Query(ctx, "SELECT version, name, checksum, applied_at FROM plinth_migrations ORDER BY version")
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", BookkeepingTable, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (applied, error) {
		var a applied
		err := r.Scan(&a.version, &a.name, &a.checksum, &a.at)
		return a, err
	})
}

// pendingFiles checks the applied rows against the directory and returns
// the files to apply, in order.
func pendingFiles(dir *Dir, done []applied, outOfOrder bool) ([]File, error) {
	onDisk := map[string]File{}
	for _, f := range dir.Files {
		onDisk[f.Version] = f
	}
	var errs []error
	isApplied := map[string]bool{}
	last := ""
	for _, a := range done {
		isApplied[a.version] = true
		last = max(last, a.name)
		f, ok := onDisk[a.version]
		switch {
		case !ok:
			errs = append(errs, &MissingFileError{File: a.name})
		case f.Checksum != a.checksum:
			errs = append(errs, &ChecksumError{File: f.Name, Applied: a.checksum, Disk: f.Checksum})
		}
	}
	var pending []File
	for _, f := range dir.Files {
		if isApplied[f.Version] {
			continue
		}
		if f.Name < last && !outOfOrder {
			errs = append(errs, &OutOfOrderError{File: f.Name, Last: last})
		}
		pending = append(pending, f)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return pending, nil
}

// execer is a connection or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func applyFile(ctx context.Context, conn *pgx.Conn, f File) error {
	start := time.Now()
	return runFile(ctx, conn, f, func(db execer) error {
		_, err := db.Exec(ctx, "INSERT INTO plinth_migrations (version, name, checksum, execution_ms) VALUES ($1, $2, $3, $4)",
			f.Version, f.Name, f.Checksum, time.Since(start).Milliseconds())
		if err != nil {
			return fmt.Errorf("recording %s: %w", f.Name, err)
		}
		return nil
	})
}

// runFile runs the statements of f one by one, then after, all in one
// transaction unless f.NoTransaction.
func runFile(ctx context.Context, conn *pgx.Conn, f File, after func(db execer) error) error {
	stmts := splitStatements(f.SQL)
	if f.NoTransaction {
		// A no-transaction file sets lock_timeout for the session (SET
		// LOCAL needs a transaction): restore it after the file, so it
		// does not outlast the file on conn.
		var timeout string
		if err := conn.QueryRow(ctx, "SELECT current_setting('lock_timeout')").Scan(&timeout); err != nil {
			return err
		}
		defer conn.Exec(context.WithoutCancel(ctx), "SELECT set_config('lock_timeout', $1, false)", timeout)
		for _, s := range stmts {
			if _, err := conn.Exec(ctx, s.sql); err != nil {
				return statementError(f, s, err)
			}
		}
		return after(conn)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s.sql); err != nil {
			return statementError(f, s, err)
		}
	}
	if err := after(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// statementError locates err in file f: the statement's first line, moved
// down to the line PostgreSQL's error position points at when it gave one.
func statementError(f File, s statement, err error) error {
	line := s.line
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Position > 0 {
		runes := 0
		for i := range s.sql {
			if runes == int(pgErr.Position)-1 {
				line += strings.Count(s.sql[:i], "\n")
				break
			}
			runes++
		}
	}
	return &MigrationError{File: f.Name, Line: line, Statement: s.sql, Err: err}
}

// Entry is one migration in Status: a file, an applied row, or both.
type Entry struct {
	// File is the file name.
	File string
	// Applied is set when the database records the migration.
	Applied bool
	// AppliedAt is when, for an applied migration.
	AppliedAt time.Time
	// Problem is set when the entry blocks Up: a changed or missing file,
	// or a pending file out of order.
	Problem error
}

// Status lists the migrations of dir and of the database behind conn:
// applied ones with their time, pending ones, and those that would make
// Up refuse, each with its problem. A database without plinth_migrations
// has every file pending.
func Status(ctx context.Context, conn *pgx.Conn, dir *Dir) ([]Entry, error) {
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass('plinth_migrations') IS NOT NULL").Scan(&exists); err != nil {
		return nil, err
	}
	var done []applied
	if exists {
		var err error
		if done, err = readApplied(ctx, conn); err != nil {
			return nil, err
		}
	}
	byVersion := map[string]applied{}
	last := ""
	for _, a := range done {
		byVersion[a.version] = a
		last = max(last, a.name)
	}
	var out []Entry
	seen := map[string]bool{}
	for _, f := range dir.Files {
		e := Entry{File: f.Name}
		if a, ok := byVersion[f.Version]; ok {
			seen[f.Version] = true
			e.Applied, e.AppliedAt = true, a.at
			if a.checksum != f.Checksum {
				e.Problem = &ChecksumError{File: f.Name, Applied: a.checksum, Disk: f.Checksum}
			}
		} else if f.Name < last {
			e.Problem = &OutOfOrderError{File: f.Name, Last: last}
		}
		out = append(out, e)
	}
	for _, a := range done {
		if !seen[a.version] {
			out = append(out, Entry{File: a.name, Applied: true, AppliedAt: a.at, Problem: &MissingFileError{File: a.name}})
		}
	}
	return out, nil
}
