package lint

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// MutationWhere reports an UPDATE or DELETE without a WHERE of its own in
// SQL text sent through pgx, database/sql, a pgx-shaped wrapper or plinth's
// raw escape hatch. A WHERE inside a CTE or a subquery does not count;
// UPDATE … FROM … WHERE does. //plinth:allow-all-rows <reason> on the
// call's line or the line above accepts one deliberate all-rows mutation.
var MutationWhere = &analysis.Analyzer{
	Name:     "mutationwhere",
	Doc:      "report UPDATE and DELETE statements without a WHERE clause in SQL text",
	URL:      "https://pkg.go.dev/github.com/factory-kit/plinth/lint#MutationWhere",
	Requires: []*analysis.Analyzer{sqlCalls},
	Run:      runMutationWhere,
}

func runMutationWhere(pass *analysis.Pass) (any, error) {
	allow := collectAllowances(pass, "allow-all-rows")
	for _, c := range pass.ResultOf[sqlCalls].([]sqlCall) {
		for _, s := range c.stmts {
			for _, m := range s.Mutations() {
				if m.HasWhere {
					continue
				}
				verb := strings.ToLower(m.Kind) + "s"
				allow.report(pass, c.arg, c.call, m.Kind+" on "+m.Table+" has no WHERE and "+verb+
					" every row: add a WHERE, or mark the intent with //plinth:allow-all-rows <reason>")
			}
		}
	}
	return nil, nil
}
