package migrationlint

import (
	"fmt"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// alterTable checks ALTER TABLE on a table that exists before this run.
func (l *linter) alterTable(fs *fileState, s sqltext.Statement, d directives) []Finding {
	toks := s.Tokens
	table, _, next := sqltext.QualifiedName(toks, skip(toks, 2, "if", "exists", "only"))
	if table == "" {
		return nil
	}
	if at(toks, next, "rename", "to") {
		if l.created[table] {
			newName, _, _ := sqltext.QualifiedName(toks, next+2)
			l.created[newName] = true
		}
	}
	if l.created[table] {
		return nil
	}
	if next < len(toks) && toks[next].Kind == sqltext.Operator && toks[next].Text == "*" {
		next++
	}
	actions := splitTop(toks[next:], 0)
	var findings []Finding
	if !fs.lockTimeout && !fs.lockReported && !onlyValidate(actions) {
		fs.lockReported = true
		findings = append(findings, l.finding(fs, s, 0, RuleLockTimeout, Warning, fmt.Sprintf(
			"ALTER TABLE %s waits for its lock while every later query on the table queues behind it: "+
				"start the file with SET lock_timeout = '5s' so the migration fails fast instead", table)))
	}
	for _, action := range actions {
		if f, ok := l.alterAction(fs, s, d, table, action); ok {
			findings = append(findings, f)
		}
	}
	return findings
}

// alterAction checks one action of an ALTER TABLE on an existing table.
func (l *linter) alterAction(fs *fileState, s sqltext.Statement, d directives, table string, a []sqltext.Token) (Finding, bool) {
	switch {
	case at(a, 0, "drop") && !at(a, 1, "constraint"):
		col, _, _ := sqltext.QualifiedName(a, skip(a, 1, "column", "if", "exists"))
		return l.finding(fs, s, 0, RuleDestructive, Error, fmt.Sprintf(
			"DROP COLUMN %s.%s destroys its data and breaks code still reading it: stop using the column in a deploy first, "+
				"then drop it and say so with -- plinth:lint-ignore destructive <why>", table, col)), true

	case at(a, 0, "add") && tokenAt(a, constraintKind(a)).IsAny("foreign", "check"):
		if hasSeq(a, "not", "valid") {
			return Finding{}, false
		}
		return l.finding(fs, s, 0, RuleNotValid, Error, fmt.Sprintf(
			"adding a constraint to %s checks every row under a lock that blocks writes: add it NOT VALID, "+
				"then VALIDATE CONSTRAINT in a later migration, which does not block writes", table)), true

	case at(a, 0, "add") && !tokenAt(a, 1).IsAny(tableConstraintStart...):
		col, _, _ := sqltext.QualifiedName(a, skip(a, 1, "column", "if", "not", "exists"))
		if !hasSeq(a, "not", "null") || hasAnyWord(a, "default", "generated", "serial", "bigserial", "smallserial") {
			return Finding{}, false
		}
		return l.finding(fs, s, 0, RuleNotNull, Error, fmt.Sprintf(
			"ADD COLUMN %s.%s NOT NULL without a DEFAULT fails on a table with rows: add a DEFAULT, "+
				"or add the column nullable, backfill it, then SET NOT NULL", table, col)), true

	case at(a, 0, "alter"):
		i := skip(a, 1, "column")
		col, _, _ := sqltext.QualifiedName(a, i)
		switch {
		case at(a, i+1, "set", "not", "null"):
			return l.finding(fs, s, 0, RuleNotNull, Error, fmt.Sprintf(
				"SET NOT NULL on %s.%s scans the table under an exclusive lock: first ADD CONSTRAINT … CHECK (%s IS NOT NULL) NOT VALID "+
					"and VALIDATE it, then SET NOT NULL, which uses the constraint and skips the scan", table, col, col)), true
		case at(a, i+1, "type"), at(a, i+1, "set", "data", "type"):
			return l.finding(fs, s, 0, RuleColumnType, Error, fmt.Sprintf(
				"changing the type of %s.%s can rewrite the table under an exclusive lock: add a new column, backfill it, "+
					"move reads and writes over, then drop the old one", table, col)), true
		}

	case at(a, 0, "rename") && !at(a, 1, "constraint"):
		if d.rename != "" {
			return Finding{}, false
		}
		return l.finding(fs, s, 0, RuleRename, Warning, fmt.Sprintf(
			"RENAME on %s breaks code still running with the old name during the deploy: if that is handled "+
				"(declared with RenamedFrom, or the old name is unused), say how in a -- plinth:rename <note> comment above it", table)), true
	}
	return Finding{}, false
}

// onlyValidate reports whether every action is VALIDATE CONSTRAINT, which
// takes a SHARE UPDATE EXCLUSIVE lock: it blocks no reads or writes, even
// while it waits, so it needs no lock_timeout.
func onlyValidate(actions [][]sqltext.Token) bool {
	for _, a := range actions {
		if !at(a, 0, "validate", "constraint") {
			return false
		}
	}
	return len(actions) > 0
}

// constraintKind returns the index of the word after ADD [CONSTRAINT name].
func constraintKind(a []sqltext.Token) int {
	if at(a, 1, "constraint") {
		return 3
	}
	return 1
}

// tokenAt returns toks[i], or a zero token past the end.
func tokenAt(toks []sqltext.Token, i int) sqltext.Token {
	if i < len(toks) {
		return toks[i]
	}
	return sqltext.Token{}
}

func hasAnyWord(toks []sqltext.Token, words ...string) bool {
	for _, t := range toks {
		if t.IsAny(words...) {
			return true
		}
	}
	return false
}
