package lint

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// plinthPath is the import path prefix of plinth's own packages, whose
// raw escape hatch (a function with a string parameter named sql or
// query) is a SQL sink like the drivers.
const plinthPath = "github.com/factory-kit/plinth"

// sinkKind says through what a call sends SQL text.
type sinkKind int

const (
	sinkDriver  sinkKind = iota // pgx or database/sql
	sinkWrapper                 // any Exec/Query/QueryRow(ctx, string, ...any) method
	sinkRaw                     // plinth's raw escape hatch
)

// sqlCall is a call that sends SQL text to the database.
type sqlCall struct {
	call   *ast.CallExpr
	arg    ast.Expr    // the SQL argument
	callee *types.Func // the function or method called
	kind   sinkKind
	// known reports whether the SQL text could be computed statically;
	// stmts holds its statements when it could.
	known bool
	stmts []sqltext.Statement
}

// sqlCalls finds the SQL sinks of a package once for all the analyzers
// that inspect SQL text.
var sqlCalls = &analysis.Analyzer{
	Name:       "sqlcalls",
	Doc:        "find calls that send SQL text to the database and evaluate the text where it is constant",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[[]sqlCall](),
	Run:        runSQLCalls,
}

func runSQLCalls(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ev := newEvaluator(pass)
	var calls []sqlCall
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, idx, kind, ok := classifySink(pass.TypesInfo, call)
		if !ok {
			continue
		}
		c := sqlCall{call: call, arg: call.Args[idx], callee: fn, kind: kind}
		if text, ok := ev.eval(c.arg, 0); ok {
			c.known, c.stmts = true, sqltext.Split(text)
		}
		calls = append(calls, c)
	}
	return calls, nil
}

// driverMethods maps the query methods of database/sql and pgx v5 to the
// index of their SQL parameter.
var driverMethods = map[string]map[string]int{
	"database/sql": {
		"Exec": 0, "Query": 0, "QueryRow": 0, "Prepare": 0,
		"ExecContext": 1, "QueryContext": 1, "QueryRowContext": 1, "PrepareContext": 1,
	},
	"github.com/jackc/pgx/v5": {
		"Exec": 1, "Query": 1, "QueryRow": 1, "Prepare": 2, "Queue": 0,
	},
	"github.com/jackc/pgx/v5/pgxpool": {
		"Exec": 1, "Query": 1, "QueryRow": 1,
	},
	"github.com/jackc/pgx/v5/pgconn": {
		"Exec": 1, "ExecParams": 1, "Prepare": 2,
	},
}

// classifySink reports whether call sends SQL text, and if so the callee,
// the index of the SQL argument and the kind of sink. The decision rests
// on types: a method is a driver sink because it belongs to pgx or
// database/sql, not because of what the receiver variable is called.
func classifySink(info *types.Info, call *ast.CallExpr) (*types.Func, int, sinkKind, bool) {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return nil, 0, 0, false
	}
	sig := fn.Signature()
	path := fn.Pkg().Path()
	idx, kind := -1, sinkDriver
	switch {
	case sig.Recv() != nil && driverMethods[path] != nil:
		if i, ok := driverMethods[path][fn.Name()]; ok {
			idx = i
		}
	case path == plinthPath || strings.HasPrefix(path, plinthPath+"/"):
		idx, kind = rawParam(sig), sinkRaw
	case sig.Recv() != nil && isQueryMethod(fn.Name(), sig):
		idx, kind = 1, sinkWrapper
	}
	if idx < 0 || idx >= len(call.Args) || !isStringParam(sig, idx) {
		return nil, 0, 0, false
	}
	return fn, idx, kind, true
}

// rawParam returns the index of the string parameter named sql or query,
// or -1.
func rawParam(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if (p.Name() == "sql" || p.Name() == "query") && isStringParam(sig, i) {
			return i
		}
	}
	return -1
}

// isQueryMethod reports whether a method has the shape of a pgx query
// method: Exec, Query or QueryRow(ctx context.Context, sql string, args ...any).
func isQueryMethod(name string, sig *types.Signature) bool {
	if name != "Exec" && name != "Query" && name != "QueryRow" {
		return false
	}
	ps := sig.Params()
	if ps.Len() != 3 || !sig.Variadic() || !isNamed(ps.At(0).Type(), "context", "Context") {
		return false
	}
	elem := ps.At(2).Type().(*types.Slice).Elem()
	iface, ok := elem.Underlying().(*types.Interface)
	return ok && iface.Empty()
}

// isStringParam reports whether parameter i of sig is a string (and not
// the variadic tail).
func isStringParam(sig *types.Signature, i int) bool {
	ps := sig.Params()
	if i >= ps.Len() || (sig.Variadic() && i == ps.Len()-1) {
		return false
	}
	b, ok := ps.At(i).Type().Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isNamed reports whether t is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
