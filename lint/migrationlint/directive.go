package migrationlint

import (
	"slices"
	"strings"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// The -- plinth: directives a migration file may contain.
const (
	directiveNoTransaction = "plinth:no-transaction" // first line: run the file outside a transaction
	directiveLintIgnore    = "plinth:lint-ignore"    // -- plinth:lint-ignore RULE[,RULE] reason
	directiveRename        = "plinth:rename"         // -- plinth:rename why the rename is safe
)

// directives are the directives in a statement's leading comments.
type directives struct {
	ignore     map[string]string // rule → reason ("" when none was given)
	ignoreLine map[string]int    // rule → line of its directive
	rename     string            // the rename note
}

// problem is a malformed or misplaced directive.
type problem struct {
	line     int
	severity Severity
	message  string
}

func parseDirectives(comments []sqltext.Token) (directives, []problem) {
	d := directives{ignore: map[string]string{}, ignoreLine: map[string]int{}}
	var problems []problem
	for _, c := range comments {
		text, ok := strings.CutPrefix(c.Text, "--")
		text = strings.TrimSpace(text)
		if !ok || !strings.HasPrefix(text, "plinth:") {
			continue
		}
		name, rest, _ := strings.Cut(text, " ")
		rest = strings.TrimSpace(rest)
		switch name {
		case directiveNoTransaction:
			if c.Line != 1 {
				problems = append(problems, problem{c.Line, Warning,
					"-- plinth:no-transaction only takes effect as the file's first line: move it there"})
			}
		case directiveRename:
			d.rename = rest
		case directiveLintIgnore:
			rules, reason, _ := strings.Cut(rest, " ")
			for _, r := range strings.Split(rules, ",") {
				if !slices.Contains(Rules, r) {
					problems = append(problems, problem{c.Line, Error,
						"plinth:lint-ignore names unknown rule " + quote(r) + ": use one of " + strings.Join(Rules, ", ")})
					continue
				}
				d.ignore[r] = strings.TrimSpace(reason)
				d.ignoreLine[r] = c.Line
			}
		default:
			problems = append(problems, problem{c.Line, Warning,
				"unknown directive -- " + name + ": plinth knows plinth:no-transaction, plinth:lint-ignore and plinth:rename"})
		}
	}
	return d, problems
}

func quote(s string) string { return `"` + s + `"` }
