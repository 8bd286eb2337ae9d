package migrationlint

import (
	"fmt"
	"strings"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// tableConstraintStart are the words that open a table constraint rather
// than a column definition.
var tableConstraintStart = []string{"constraint", "primary", "unique", "foreign", "check", "exclude", "like"}

// createTable checks a new table's conventions and records it as created.
func (l *linter) createTable(fs *fileState, s sqltext.Statement, i int, temp bool) []Finding {
	toks := s.Tokens
	table, _, next := sqltext.QualifiedName(toks, i)
	if table == "" {
		return nil
	}
	l.created[table] = true
	if temp || next >= len(toks) || !toks[next].IsPunct("(") {
		return nil // TEMP, AS SELECT, PARTITION OF, OF type: not a table definition to check
	}
	body := toks[next+1 : sqltext.Closing(toks, next)]
	cols := map[string][]sqltext.Token{}
	var constraints [][]sqltext.Token
	for _, el := range splitTop(body, 1) {
		if len(el) == 0 {
			continue
		}
		if el[0].IsAny(tableConstraintStart...) {
			constraints = append(constraints, el)
		} else if el[0].IsName() {
			cols[el[0].Name()] = el
		}
	}
	var findings []Finding
	if f, ok := l.tenantFK(fs, s, table, cols, constraints); ok {
		findings = append(findings, f)
	}
	var missing []string
	for _, c := range []string{"created_at", "updated_at"} {
		if cols[c] == nil {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		findings = append(findings, l.finding(fs, s, 0, RuleTimestamps, Warning, fmt.Sprintf(
			"table %s has no %s: add created_at and updated_at timestamptz NOT NULL DEFAULT now() (schema.Timestamps() in the DSL)",
			table, strings.Join(missing, " or "))))
	}
	return findings
}

// tenantFK checks that a table that references the tenant table, or that
// Options.DomainTable calls a domain table, has the tenant key with
// ON DELETE CASCADE.
func (l *linter) tenantFK(fs *fileState, s sqltext.Statement, table string, cols map[string][]sqltext.Token, constraints [][]sqltext.Token) (Finding, bool) {
	if l.opts.isTenant(table) {
		return Finding{}, false
	}
	key := l.opts.tenantColumn()
	refs, keyRef := false, []sqltext.Token(nil)
	for name, el := range cols {
		if l.referencesTenant(el) {
			refs = true
			if name == key {
				keyRef = el
			}
		}
	}
	for _, el := range constraints {
		if l.referencesTenant(el) {
			refs = true
			if fkColumns(el) == key {
				keyRef = el
			}
		}
	}
	domain := l.opts.DomainTable != nil && l.opts.DomainTable(table)
	var msg string
	switch {
	case !refs && !domain:
		return Finding{}, false
	case keyRef == nil:
		msg = fmt.Sprintf("table %s has no tenant key: add %s uuid NOT NULL REFERENCES <tenant table> (id) ON DELETE CASCADE "+
			"(schema.Tenant in the DSL), so every query can filter by it and deleting a tenant deletes its rows", table, key)
	case !hasSeq(keyRef, "on", "delete", "cascade"):
		msg = fmt.Sprintf("%s.%s references the tenant table without ON DELETE CASCADE: add it, "+
			"so deleting a tenant deletes its rows instead of failing or leaving orphans", table, key)
	default:
		return Finding{}, false
	}
	return l.finding(fs, s, 0, RuleTenantFK, Error, msg), true
}

// referencesTenant reports whether a column or constraint definition has
// REFERENCES <tenant table>.
func (l *linter) referencesTenant(el []sqltext.Token) bool {
	for i, t := range el {
		if t.Is("references") {
			if name, _, _ := sqltext.QualifiedName(el, i+1); l.opts.isTenant(name) {
				return true
			}
		}
	}
	return false
}

// fkColumns returns the column list of FOREIGN KEY (a, b) as "a,b".
func fkColumns(el []sqltext.Token) string {
	for i, t := range el {
		if t.Is("key") && i+1 < len(el) && el[i+1].IsPunct("(") {
			var cols []string
			for _, c := range el[i+2 : sqltext.Closing(el, i+1)] {
				if c.IsName() {
					cols = append(cols, c.Name())
				}
			}
			return strings.Join(cols, ",")
		}
	}
	return ""
}
