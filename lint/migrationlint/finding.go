package migrationlint

import "fmt"

// Severity says how much a finding matters.
type Severity int

// Severities, most severe first.
const (
	// Error marks a change that can lose data, lock production or fail on
	// a populated table; `plinth check` fails on it.
	Error Severity = iota
	// Warning marks a change that is risky or breaks a convention.
	Warning
	// Info marks a remark that needs no change.
	Info
)

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes the severity as its String, for --json output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// The rules, by the name used in findings and lint-ignore directives.
const (
	RuleDestructive       = "destructive"        // DROP TABLE, DROP COLUMN, DROP TYPE, TRUNCATE
	RuleIndexConcurrently = "index-concurrently" // CREATE INDEX without CONCURRENTLY on an existing table
	RuleTransaction       = "transaction"        // CONCURRENTLY in a file that runs in a transaction
	RuleNotValid          = "not-valid"          // ADD FOREIGN KEY / CHECK without NOT VALID on an existing table
	RuleNotNull           = "not-null"           // SET NOT NULL, or ADD COLUMN … NOT NULL without DEFAULT, on an existing table
	RuleColumnType        = "column-type"        // ALTER COLUMN … TYPE on an existing table
	RuleRename            = "rename"             // RENAME without a -- plinth:rename note
	RuleLockTimeout       = "lock-timeout"       // ALTER of an existing table without SET lock_timeout first
	RuleTenantFK          = "tenant-fk"          // domain table without org_id … REFERENCES tenant ON DELETE CASCADE
	RuleTimestamps        = "timestamps"         // CREATE TABLE without created_at and updated_at
	RuleDirective         = "directive"          // a malformed or misplaced -- plinth: directive
)

// Rules lists every rule name, in the order above.
var Rules = []string{
	RuleDestructive, RuleIndexConcurrently, RuleTransaction, RuleNotValid, RuleNotNull,
	RuleColumnType, RuleRename, RuleLockTimeout, RuleTenantFK, RuleTimestamps, RuleDirective,
}

// Finding is one problem in a migration file.
type Finding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"` // 1-based line of the statement (or directive)
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Statement string   `json:"statement"` // the statement's first line
	Message   string   `json:"message"`   // what is wrong and what to do
}

// String formats the finding as the CLI prints it: file:line: severity: rule: message.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s: %s", f.File, f.Line, f.Severity, f.Rule, f.Message)
}
