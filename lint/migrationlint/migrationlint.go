package migrationlint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// Options configures the rules.
type Options struct {
	// TenantTable is the tenant table's name. Empty means any table whose
	// name ends in "organizations" (so prefixed names like
	// fleet_organizations match).
	TenantTable string
	// TenantColumn is the tenant key column; empty means "org_id".
	TenantColumn string
	// DomainTable reports whether a new table must carry the tenant key
	// even if it does not reference the tenant table. With nil, only
	// tables that reference the tenant table are checked for the key.
	DomainTable func(table string) bool
	// From, for LintDir, names the first file to lint: files that sort
	// before it are taken as applied and skipped (the tables they create
	// are existing ones, as they are for every later file anyway).
	From string
}

func (o Options) isTenant(table string) bool {
	if o.TenantTable != "" {
		return table == o.TenantTable
	}
	return strings.HasSuffix(table, "organizations")
}

func (o Options) tenantColumn() string {
	if o.TenantColumn != "" {
		return o.TenantColumn
	}
	return "org_id"
}

// LintFile lints one migration file. A table counts as existing unless
// the file creates it before the statement that uses it.
func LintFile(name string, src []byte, opts Options) []Finding {
	return newLinter(opts).file(name, string(src))
}

// LintDir lints the *.sql files of dir in name order (the apply order of
// both sequential and timestamp names), skipping *.down.sql files and
// files before opts.From. Each file is linted as LintFile does: a table is
// new only within the file that creates it; a table created by an earlier
// file is existing for the files after it, since by the time a later
// file runs on a live database it may hold rows. So linting a whole
// directory (as plinth check does) reports what each file would do to
// the tables of the files before it.
func LintDir(dir string, opts Options) ([]Finding, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("linting migrations: %w", err)
	}
	var findings []Finding
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".down.sql") || name < opts.From {
			continue
		}
		path := filepath.Join(dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("linting migrations: %w", err)
		}
		findings = append(findings, newLinter(opts).file(path, string(src))...)
	}
	return findings, nil
}

// linter carries what earlier statements of one file created.
type linter struct {
	opts    Options
	created map[string]bool // tables created so far in the file
	types   map[string]bool // types created so far in the file
}

func newLinter(opts Options) *linter {
	return &linter{opts: opts, created: map[string]bool{}, types: map[string]bool{}}
}

// fileState is what a rule needs to know about the file so far.
type fileState struct {
	name          string
	noTransaction bool // the file's first line is -- plinth:no-transaction
	lockTimeout   bool // a SET lock_timeout has run
	lockReported  bool // lock-timeout has been reported for this file
}

func (l *linter) file(name, src string) []Finding {
	fs := &fileState{name: name, noTransaction: firstLine(src) == "-- "+directiveNoTransaction}
	var findings []Finding
	for _, s := range sqltext.Split(src) {
		d, problems := parseDirectives(s.Comments)
		for _, p := range problems {
			findings = append(findings, l.finding(fs, s, p.line, RuleDirective, p.severity, p.message))
		}
		for _, f := range l.statement(fs, s, d) {
			reason, ignored := d.ignore[f.Rule]
			switch {
			case !ignored:
				findings = append(findings, f)
			case reason == "":
				findings = append(findings, l.finding(fs, s, d.ignoreLine[f.Rule], RuleDirective, Error,
					"plinth:lint-ignore "+f.Rule+" needs a reason: say why the statement is safe, e.g. -- plinth:lint-ignore "+f.Rule+" <why>"))
			}
		}
	}
	return findings
}

func (l *linter) finding(fs *fileState, s sqltext.Statement, line int, rule string, sev Severity, msg string) Finding {
	if line == 0 {
		line = s.Line
	}
	return Finding{File: fs.name, Line: line, Rule: rule, Severity: sev, Statement: s.FirstLine(), Message: msg}
}

func firstLine(src string) string {
	line, _, _ := strings.Cut(src, "\n")
	return strings.TrimSpace(line)
}
