package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/internal/loader"
	"github.com/factory-kit/plinth/lint/migrationlint"
	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

// This file holds the migration commands: migration, migrate, status,
// push, hash and check.

// loadSchema loads the user's schema package; tests replace it.
var loadSchema = loader.Load

// migrateFlags are the flags the migration commands share.
type migrateFlags struct {
	dir, url, devURL, schema, naming, prefix *string
}

func addMigrateFlags(fs *flag.FlagSet, db, dev bool) *migrateFlags {
	f := &migrateFlags{
		dir:    fs.String("dir", "", "migrations directory (default: plinth.json's dir, else db/migrations at the module root)"),
		schema: fs.String("schema", "", "schema package (default: plinth.json's schema, else ./db/schema)"),
		naming: fs.String("naming", "", `naming of a new directory: "sequential" or "timestamp" (default: plinth.json's, else sequential)`),
		prefix: fs.String("prefix", "", "own only the tables whose name starts with this (default: plinth.json's prefix)"),
	}
	empty := ""
	f.url, f.devURL = &empty, &empty
	if db {
		f.url = fs.String("url", "", "database URL (default $DATABASE_URL)")
	}
	if dev {
		f.devURL = fs.String("dev-url", "", "server to create throwaway databases on (default $PLINTH_DEV_URL, else a temporary cluster)")
	}
	return f
}

// setup is what a migration command works with once its flags are read.
type setup struct {
	root   string
	cfg    config
	dir    *migrate.Dir
	flags  *migrateFlags
	closer []func()
}

func (f *migrateFlags) setup() (*setup, error) {
	p, err := findProject(".")
	if err != nil {
		return nil, err
	}
	s := &setup{root: p.root, cfg: p.cfg, flags: f}
	override(&s.cfg.Schema, *f.schema)
	override(&s.cfg.Dir, *f.dir)
	override(&s.cfg.Naming, *f.naming)
	override(&s.cfg.Prefix, *f.prefix)
	path := s.cfg.Dir
	if *f.dir == "" {
		path = p.path(path)
	}
	s.dir, err = migrate.ReadDir(path, migrate.Naming(s.cfg.Naming))
	return s, err
}

func (s *setup) close() {
	for _, c := range s.closer {
		c()
	}
}

// desired loads the schema package and returns it with the throwaway
// databases its diff is computed on.
func (s *setup) desired(ctx context.Context) (*schema.Model, *migrate.Sandbox, error) {
	m, err := loadSchema(ctx, s.root, s.cfg.Schema)
	if err != nil {
		return nil, nil, err
	}
	sb, err := s.sandbox(ctx)
	if err != nil {
		return nil, nil, err
	}
	return m, sb, nil
}

// connect opens the database of --url or DATABASE_URL.
func (s *setup) connect(ctx context.Context) (*pgx.Conn, error) {
	url := *s.flags.url
	if url == "" {
		url = os.Getenv("DATABASE_URL")
	}
	if url == "" {
		return nil, errors.New("no database: set DATABASE_URL or pass --url (plinth dev up starts a local one)")
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	s.closer = append(s.closer, func() { conn.Close(context.Background()) })
	return conn, nil
}

// sandbox returns throwaway databases on --dev-url or PLINTH_DEV_URL, else
// on a temporary cluster stopped by close.
func (s *setup) sandbox(ctx context.Context) (*migrate.Sandbox, error) {
	url := *s.flags.devURL
	if url == "" {
		url = os.Getenv("PLINTH_DEV_URL")
	}
	if url != "" {
		srv, err := devdb.NewServer(url)
		if err != nil {
			return nil, err
		}
		return migrate.NewSandbox(srv), nil
	}
	c, err := devdb.Start(ctx, devdb.Config{})
	if err != nil {
		return nil, fmt.Errorf("starting a throwaway PostgreSQL for the diff (or set PLINTH_DEV_URL): %w", err)
	}
	s.closer = append(s.closer, func() { _ = c.Stop() })
	return migrate.NewSandbox(c.Server()), nil
}

const dirRule = `
The migrations directory is --dir, else plinth.json's "dir", else
db/migrations. plinth.json is looked for from the current directory up to
the module root, and its paths are relative to the directory that holds it
(the module root when there is none). It may also set "schema" (the schema
package, default ./db/schema), "out" (the generated package, for generate),
"naming" ("sequential" or "timestamp", for a new directory) and "prefix" (the
table name prefix of the tables plinth owns); flags override it.`

const migrationHelp = `
Migration writes the next migration file, called NAME, from the difference
between the migrations directory (replayed from zero on a throwaway
database) and the schema package, and updates plinth.sum. It prints
"no changes" and writes nothing when there is none.

Renames come from RenamedFrom in the schema, never guessed. Destructive
steps (drop table or column, type change, SET NOT NULL without default,
enum value removal) are refused, each named, unless --allow-destructive.

The file is written for a live database, so that it passes the migration
lint: when it changes tables that exist already it starts with SET LOCAL
lock_timeout, and adds foreign keys and checks to them NOT VALID. Indexes
on those tables are built CONCURRENTLY, and the constraints validated, in a
second file that runs outside a transaction (NAME_indexes.sql, or
NAME_validate.sql); both are printed. Tables created in the same file need
none of this.
` + dirRule

func runMigration(e *env, args []string) error {
	fs := newFlags(e, "migration", "migration [flags] NAME", migrationHelp)
	f := addMigrateFlags(fs, false, true)
	allow := fs.Bool("allow-destructive", false, "write destructive steps too")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	ctx := context.Background()
	s, err := f.setup()
	if err != nil {
		return err
	}
	defer s.close()
	m, sb, err := s.desired(ctx)
	if err != nil {
		return err
	}
	files, _, err := migrate.Generate(ctx, sb, s.dir, m, fs.Arg(0), migrate.GenerateOpts{Prefix: s.cfg.Prefix, AllowDestructive: *allow})
	for _, f := range files {
		fmt.Fprintln(e.stdout, filepath.Join(s.dir.Path, f.Name))
	}
	if err == nil && len(files) == 0 {
		fmt.Fprintln(e.stdout, "no changes")
	}
	if err == nil && len(files) > 0 {
		// The generated package records the latest migration
		// (SchemaVersion); generate --check fails until it is rewritten.
		fmt.Fprintf(e.stderr, "next: plinth generate (SchemaVersion becomes %s)\n", files[len(files)-1].Version)
	}
	return err
}

const migrateHelp = `
Migrate applies the pending migrations to the database of --url (default
$DATABASE_URL), each file in its own transaction together with its row in
plinth_migrations, under an advisory lock so that concurrent runs apply each
file once. Before applying anything it refuses, naming the file: an applied
file that changed or is missing, a pending file sorting before the last
applied one (unless --allow-out-of-order), mixed naming, a plinth.sum that
does not match. Run it in CI or as a deploy step, never at application start.
` + dirRule

func runMigrate(e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [flags]", migrateHelp)
	f := addMigrateFlags(fs, true, false)
	outOfOrder := fs.Bool("allow-out-of-order", false, "apply pending files that sort before the last applied one")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := f.setup()
	if err != nil {
		return err
	}
	defer s.close()
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	files, err := migrate.Up(ctx, conn, s.dir, migrate.UpOpts{
		AllowOutOfOrder: *outOfOrder,
		Applied: func(f migrate.File, took time.Duration) {
			fmt.Fprintf(e.stdout, "applied %s (%d ms)\n", f.Name, took.Milliseconds())
		},
	})
	if err == nil && len(files) == 0 {
		fmt.Fprintln(e.stdout, "no pending migrations")
	}
	return err
}

const statusHelp = `
Status lists the migrations of the directory and of the database of --url
(default $DATABASE_URL): applied ones with their time, pending ones, and the
problems that would make plinth migrate refuse. It exits 1 when there is one.
` + dirRule

func runStatus(e *env, args []string) error {
	fs := newFlags(e, "status", "status [flags]", statusHelp)
	f := addMigrateFlags(fs, true, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := f.setup()
	if err != nil {
		return err
	}
	defer s.close()
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	entries, err := migrate.Status(ctx, conn, s.dir)
	if err != nil {
		return err
	}
	failed := s.dir.Verify()
	for _, en := range entries {
		state := "pending"
		if en.Applied {
			state = "applied " + en.AppliedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stdout, "%-40s %s\n", en.File, state)
		if en.Problem != nil {
			fmt.Fprintf(e.stderr, "plinth: %v\n", en.Problem)
			failed = errSilent
		}
	}
	return failed
}

const pushHelp = `
Push applies the difference between the database of --url (default
$DATABASE_URL) and the schema package straight to that database, without a
migration file: for prototyping on a dev database, never for production.
--dry-run prints the statements instead. Destructive steps are refused
unless --allow-destructive.
` + dirRule

func runPush(e *env, args []string) error {
	fs := newFlags(e, "push", "push [flags]", pushHelp)
	f := addMigrateFlags(fs, true, true)
	dry := fs.Bool("dry-run", false, "print the statements, apply nothing")
	allow := fs.Bool("allow-destructive", false, "apply destructive steps too")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := f.setup()
	if err != nil {
		return err
	}
	defer s.close()
	m, sb, err := s.desired(ctx)
	if err != nil {
		return err
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	plan, err := migrate.Push(ctx, conn, sb, m, migrate.PushOpts{Prefix: s.cfg.Prefix, AllowDestructive: *allow, DryRun: *dry})
	if err != nil {
		return err
	}
	switch {
	case plan.Empty():
		fmt.Fprintln(e.stdout, "no changes")
	case *dry:
		fmt.Fprint(e.stdout, plan.SQL())
	default:
		fmt.Fprintf(e.stdout, "applied %d statement(s)\n", len(plan.Steps))
	}
	return nil
}

const hashHelp = `
Hash rewrites plinth.sum from the migration files as they are. Run it after
an intended change to the directory (resolving a merge, renumbering a file
that is not yet applied anywhere). It refuses mixed naming.
` + dirRule

func runHash(e *env, args []string) error {
	fs := newFlags(e, "hash", "hash [flags]", hashHelp)
	f := addMigrateFlags(fs, false, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := f.setup()
	if err != nil {
		return err
	}
	if err := s.dir.WriteSum(); err != nil {
		return err
	}
	var mixed *migrate.MixedNamingError
	if err := s.dir.Verify(); errors.As(err, &mixed) {
		return mixed
	}
	return nil
}

const checkHelp = `
Check is the CI gate for migrations. It passes (exit 0) only when plinth.sum
matches the files, the files use one naming convention, every migration
replays from zero on a throwaway database, and the replayed state equals the
schema package, and the migration lint (plinth lint) of every file reports
no error (a table created by an earlier file counts as an existing one);
otherwise it names each problem: the file and line, or the tables and columns
whose migration is missing. --json prints {"ok": …, "problems": […]}.
` + dirRule

func runCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "check [flags]", checkHelp)
	f := addMigrateFlags(fs, false, true)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := f.setup()
	if err != nil {
		return err
	}
	defer s.close()
	m, sb, err := s.desired(ctx)
	if err != nil {
		return err
	}
	err = migrate.Check(ctx, sb, s.dir, m, migrate.CheckOpts{Prefix: s.cfg.Prefix})
	// The whole directory, each file on its own: a table an earlier file
	// created is an existing one for the files after it.
	findings, lintErr := migrationlint.LintDir(s.dir.Path, migrationlint.Options{})
	if lintErr != nil {
		return lintErr
	}
	lintFailed := false
	for _, f := range findings {
		lintFailed = lintFailed || f.Severity == migrationlint.Error
	}
	if !*asJSON {
		for _, f := range findings {
			fmt.Fprintln(e.stderr, f)
		}
		if err != nil {
			return err
		}
		if lintFailed {
			return errors.New("check: migration lint reported errors (above)")
		}
		fmt.Fprintf(e.stdout, "ok: %d migration(s), %s naming, schema in sync, lint clean of errors\n", len(s.dir.Files), s.dir.Naming)
		return nil
	}
	report := checkReport{OK: err == nil && !lintFailed, Naming: string(s.dir.Naming), Files: len(s.dir.Files), Problems: []checkProblem{}}
	for _, p := range flatten(err) {
		report.Problems = append(report.Problems, problemsOf(p)...)
	}
	for _, f := range findings {
		report.Problems = append(report.Problems, checkProblem{Kind: "lint " + f.Severity.String() + " " + f.Rule, File: f.File, Line: f.Line, Message: f.Message})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if encErr := enc.Encode(report); encErr != nil {
		return encErr
	}
	if !report.OK {
		return errSilent
	}
	return nil
}

// checkReport is plinth check --json's output.
type checkReport struct {
	OK       bool           `json:"ok"`
	Naming   string         `json:"naming"`
	Files    int            `json:"files"`
	Problems []checkProblem `json:"problems"`
}

// checkProblem is one problem; File, or Table and Column, say where.
type checkProblem struct {
	Kind    string `json:"kind"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Table   string `json:"table,omitempty"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// flatten splits errors.Join'ed errors and a drift into single problems.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// problemsOf describes err as problems: one per step of a drift.
func problemsOf(err error) []checkProblem {
	var drift *migrate.DriftError
	if !errors.As(err, &drift) {
		return []checkProblem{problemOf(err)}
	}
	var out []checkProblem
	for _, s := range drift.Steps {
		out = append(out, checkProblem{Kind: "drift", Table: s.Table, Column: s.Column,
			Message: "no migration for: " + s.String() + " (run plinth migration NAME)"})
	}
	return out
}

func problemOf(err error) checkProblem {
	p := checkProblem{Kind: "error", Message: err.Error()}
	var (
		sum   *migrate.SumError
		mixed *migrate.MixedNamingError
		name  *migrate.NamingError
		mig   *migrate.MigrationError
	)
	switch {
	case errors.As(err, &sum):
		p.Kind, p.File = "sum", sum.File
	case errors.As(err, &mixed):
		p.Kind = "naming"
		if len(mixed.Files) > 0 {
			p.File = mixed.Files[0]
		}
	case errors.As(err, &name):
		p.Kind, p.File = "naming", name.File
	case errors.As(err, &mig):
		p.Kind, p.File, p.Line = "replay", mig.File, mig.Line
	}
	return p
}
