package migrate

import (
	"fmt"
	"strings"
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
}

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
type Plan struct {
	// Steps lists the statements in the order they must run.
	Steps []Step
	// NoTransaction is set when the plan adds an enum value that a later
	// statement of the plan uses: PostgreSQL refuses a new enum value in
	// the transaction that added it, so such a plan runs statement by
	// statement.
	NoTransaction bool
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// SQL returns the statements of the plan as one script.
func (p *Plan) SQL() string {
	var b strings.Builder
	for _, s := range p.Steps {
		b.WriteString(s.SQL)
	}
	return b.String()
}

// File returns the plan as a migration file's content: the statements,
// headed by the no-transaction directive when the plan needs it.
func (p *Plan) File() string {
	if p.NoTransaction {
		return NoTransactionDirective + "\n" + p.SQL()
	}
	return p.SQL()
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
