package migrate

import (
	"fmt"
	"strings"

	"github.com/factory-kit/plinth/schema"
)

// Kind names what a Step changes.
type Kind string

// The kinds of Step. The destructive ones are refused unless
// DiffOpts.AllowDestructive.
const (
	RenameTable      Kind = "rename table"
	RenameColumn     Kind = "rename column"
	RenameObject     Kind = "rename constraint or index"
	CreateEnum       Kind = "create enum"
	AddEnumValue     Kind = "add enum value"
	RemoveEnumValue  Kind = "remove or reorder enum values" // destructive
	DropEnum         Kind = "drop enum"
	CreateTable      Kind = "create table"
	DropTable        Kind = "drop table" // destructive
	AddColumn        Kind = "add column"
	AddNotNullColumn Kind = "add NOT NULL column without default" // destructive: fails on a table with rows
	DropColumn       Kind = "drop column"                         // destructive
	ChangeType       Kind = "change column type"                  // destructive unless a widening
	WidenType        Kind = "widen column type"
	SetNotNull       Kind = "set NOT NULL without default" // destructive
	AlterColumn      Kind = "alter column"
	AddConstraint    Kind = "add constraint or index"
	DropConstraint   Kind = "drop constraint or index"
	RowSecurity      Kind = "row security"
	AddPolicy        Kind = "create policy"
	DropPolicy       Kind = "drop policy"
	Comment          Kind = "comment"
	SeedRows         Kind = "seed rows"
)

// Destructive reports whether a step of kind k can lose data or fail on
// existing rows.
func (k Kind) Destructive() bool {
	switch k {
	case RemoveEnumValue, DropTable, AddNotNullColumn, DropColumn, ChangeType, SetNotNull:
		return true
	}
	return false
}

// Step is one SQL statement of a Plan and the object it changes.
type Step struct {
	// SQL is the statement, terminated by ";\n".
	SQL string
	// Kind says what the statement changes.
	Kind Kind
	// Table is the table changed, "" for an enum.
	Table string
	// Column is the column changed, "" when the step is not about one.
	Column string
	// Object names the constraint, index, policy or enum changed, if any.
	Object string

	// locks is set when the statement locks a table that exists before
	// the plan (and so may hold rows and serve queries): the migration
	// file it goes in sets lock_timeout first.
	locks bool
	// online says how a migration file writes the statement on a table
	// that exists before the plan; Plan.SQL (Push) ignores it.
	online onlineForm
	// directive, when set, is a -- plinth: comment (without the "-- ")
	// written above the statement in a migration file, for the migration
	// lint: a lint-ignore with its reason, or a rename note.
	directive string
}

// onlineForm is how a migration file writes a step on an existing table so
// that it does not block the table's reads and writes for long.
type onlineForm uint8

const (
	inPlace onlineForm = iota
	// notValid: ADD CONSTRAINT … NOT VALID in the first file, which only
	// locks briefly, and ALTER TABLE … VALIDATE CONSTRAINT in the second,
	// which checks the rows without blocking writes.
	notValid
	// concurrently: CREATE INDEX CONCURRENTLY in the second file.
	concurrently
	// dropConcurrently: DROP INDEX CONCURRENTLY IF EXISTS in the second file.
	dropConcurrently
)

// String describes the change for people: "drop column fleet_customers.email".
func (s Step) String() string {
	what := s.Table
	if s.Column != "" {
		what += "." + s.Column
	}
	if s.Object != "" {
		if what != "" {
			what += " "
		}
		what += s.Object
	}
	return string(s.Kind) + " " + what
}

// Plan is the ordered list of statements that takes a database from its
// current state to the desired one.
//
// A plan has two forms. SQL, which Push and Apply run, is the statements
// as they are, in one transaction: right for a dev database. Files, which
// Generate writes, is the form for a live database, where the tables that
// exist before the plan may hold rows and serve queries; see Files.
type Plan struct {
	// Steps lists the statements in the order they must run.
	Steps []Step
	// NoTransaction is set when the plan adds an enum value that a later
	// statement of the plan uses: PostgreSQL refuses a new enum value in
	// the transaction that added it, so such a plan runs statement by
	// statement.
	NoTransaction bool
}

// LockTimeout is the lock_timeout a migration file sets before it changes
// a table that exists already. A statement that waits for a table's lock
// makes every later query on the table queue behind it; with the timeout
// the migration fails fast instead (run it again later) and the queries go
// on.
const LockTimeout = "5s"

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// SQL returns the statements of the plan as one script, as Push and Apply
// run them: plain CREATE INDEX and constraints validated at once, no
// lock_timeout.
func (p *Plan) SQL() string {
	var b strings.Builder
	for _, s := range p.Steps {
		b.WriteString(s.SQL)
	}
	return b.String()
}

// MigrationFile is one file of a plan written as migrations (Plan.Files).
type MigrationFile struct {
	// Suffix is appended to the migration's name to name the file: "" for
	// the first file, "indexes" or "validate" for a second one.
	Suffix string
	// SQL is the file's content.
	SQL string
}

// Files returns the plan as migration files, written so that each passes
// the migration lint (lint/migrationlint) on a database where the tables
// that exist before the plan hold rows:
//
//   - The first file runs the plan in one transaction (statement by
//     statement when NoTransaction), and starts with
//     SET LOCAL lock_timeout = LockTimeout when it locks an existing table
//     (a session-level SET when it runs outside a transaction; Up restores
//     the session's lock_timeout after such a file).
//   - Foreign keys and checks added to an existing table are added
//     NOT VALID there, which takes its lock only briefly.
//   - Indexes built or dropped on an existing table, and the VALIDATE
//     CONSTRAINT of those foreign keys and checks, go in a second file that
//     runs outside a transaction (its first line is -- plinth:no-transaction),
//     as CREATE INDEX CONCURRENTLY requires: none of its statements blocks
//     the table's reads or writes, so it sets no lock_timeout, which would
//     only cancel a concurrent build waiting for a long transaction. Each
//     index is dropped IF EXISTS before it is built, so after a failure
//     (which leaves an invalid index behind) the file can simply run again.
//   - A step the lint reports as an error that the plan means (a
//     destructive step allowed by AllowDestructive, a type widening, …)
//     carries a -- plinth:lint-ignore RULE reason comment, and a rename a
//     -- plinth:rename note.
//
// Tables the plan creates need none of this: they are empty, so a plan
// from an empty database is one plain file. A plan with only online steps
// is one no-transaction file. Unique and primary keys added to an existing
// table stay plain ALTER TABLE … ADD CONSTRAINT in the first file (the lint
// does not flag them, and a foreign key of the plan may need them).
func (p *Plan) Files() []MigrationFile {
	var first, second []string
	locks := false
	dropped := map[string]bool{} // indexes the second file drops
	dropIndex := func(name string) {
		if !dropped[name] {
			dropped[name] = true
			second = append(second, "DROP INDEX CONCURRENTLY IF EXISTS "+schema.QuoteIdent(name)+";\n")
		}
	}
	var validate []string
	indexes := false
	for _, s := range p.Steps {
		switch s.online {
		case concurrently:
			indexes = true
			dropIndex(s.Object)
			second = append(second, strings.Replace(s.SQL, "INDEX ", "INDEX CONCURRENTLY ", 1))
			continue
		case dropConcurrently:
			indexes = true
			dropIndex(s.Object)
			continue
		}
		sql := s.SQL
		if s.online == notValid {
			sql = strings.TrimSuffix(sql, ";\n") + " NOT VALID;\n"
			validate = append(validate, alter(s.Table)+"VALIDATE CONSTRAINT "+schema.QuoteIdent(s.Object)+";\n")
		}
		if s.directive != "" {
			sql = "-- " + s.directive + "\n" + sql
		}
		first = append(first, sql)
		locks = locks || s.locks
	}
	second = append(second, validate...)
	var files []MigrationFile
	if len(first) > 0 {
		var head []string
		switch {
		case p.NoTransaction && locks:
			head = []string{NoTransactionDirective + "\n", "SET lock_timeout = '" + LockTimeout + "';\n"}
		case p.NoTransaction:
			head = []string{NoTransactionDirective + "\n"}
		case locks:
			head = []string{"SET LOCAL lock_timeout = '" + LockTimeout + "';\n"}
		}
		files = append(files, MigrationFile{SQL: strings.Join(append(head, first...), "")})
	}
	if len(second) > 0 {
		suffix := "validate"
		if indexes {
			suffix = "indexes"
		}
		if len(files) == 0 {
			suffix = ""
		}
		head := NoTransactionDirective + "\n" +
			"-- Runs statement by statement, outside a transaction; none of it blocks reads or writes.\n"
		if indexes {
			head += "-- After a failure, run it again: each index is dropped, if a failed build left it, before it is built.\n"
		}
		files = append(files, MigrationFile{Suffix: suffix, SQL: head + strings.Join(second, "")})
	}
	return files
}

// Destructive returns the steps that can lose data.
func (p *Plan) Destructive() []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.Kind.Destructive() {
			out = append(out, s)
		}
	}
	return out
}

// DestructiveError refuses a plan with destructive steps; it lists each.
type DestructiveError struct {
	// Steps are the destructive steps, in plan order.
	Steps []Step
}

func (e *DestructiveError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the schema change needs %d destructive step(s):", len(e.Steps))
	for _, s := range e.Steps {
		b.WriteString("\n\t" + s.String())
	}
	b.WriteString("\nreview them and allow them with --allow-destructive (AllowDestructive), or declare renames with RenamedFrom")
	return b.String()
}
