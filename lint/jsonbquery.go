package lint

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// queryPath is the import path prefix of plinth's query runtime, whose
// JSONB… column handles mark a query that reaches inside a JSONB value.
const queryPath = plinthPath + "/query"

// jsonbAdvice is the JSONB rule, said where the finding is.
const jsonbAdvice = "a field that drives a query should be a real column: promote it (add the column to the schema, backfill it in the migration, index it)"

// JSONBQuery reports queries that reach inside JSONB: the operators
// -> ->> #> #>> @> <@ ? ?| ?& @? and jsonb_path_* functions in SQL text,
// and, in builder code, a method of one of the query runtime's JSONB…
// column handles used inside a Where or OrderBy argument.
// //plinth:allow-jsonb <reason> accepts one.
var JSONBQuery = &analysis.Analyzer{
	Name:     "jsonbquery",
	Doc:      "report queries that filter or sort on values inside JSONB columns",
	URL:      "https://pkg.go.dev/github.com/factory-kit/plinth/lint#JSONBQuery",
	Requires: []*analysis.Analyzer{sqlCalls, inspect.Analyzer},
	Run:      runJSONBQuery,
}

func runJSONBQuery(pass *analysis.Pass) (any, error) {
	allow := collectAllowances(pass, "allow-jsonb")
	for _, c := range pass.ResultOf[sqlCalls].([]sqlCall) {
		for _, s := range c.stmts {
			if uses := s.JSONBUses(); len(uses) > 0 {
				allow.report(pass, c.arg, c.call, "query reaches inside JSONB ("+uses[0].Text+"): "+jsonbAdvice)
			}
		}
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Where" && sel.Sel.Name != "OrderBy") {
			continue
		}
		for _, arg := range call.Args {
			if use := jsonbHandleCall(pass.TypesInfo, arg); use != nil {
				allow.report(pass, use, call, sel.Sel.Name+" on a value inside a JSONB column: "+jsonbAdvice)
				break
			}
		}
	}
	return nil, nil
}

// jsonbHandleCall returns the first call in e of a method on a JSONB…
// type of plinth's query runtime, or nil.
func jsonbHandleCall(info *types.Info, e ast.Expr) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil {
			return found == nil
		}
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn != nil && isJSONBHandle(fn) && !nullTest[fn.Name()] {
			found = call
		}
		return found == nil
	})
	return found
}

// nullTest names the handle methods that test the column itself, not a
// value inside it: whether a JSONB column is NULL is a plain column test.
var nullTest = map[string]bool{"IsNull": true, "IsNotNull": true}

// isJSONBHandle reports whether fn is a method of a named type JSONB… from
// plinth's query runtime.
func isJSONBHandle(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path := n.Obj().Pkg().Path()
	return strings.HasPrefix(n.Obj().Name(), "JSONB") && (path == queryPath || strings.HasPrefix(path, queryPath+"/"))
}
