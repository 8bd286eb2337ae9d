package lint

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// maxEvalDepth bounds how many variables eval follows through.
const maxEvalDepth = 8

// evaluator computes the text of string expressions built from constants,
// + concatenations, and variables that are assigned exactly once, where
// every assignment is visible: local variables and unexported package
// variables whose address is never taken.
type evaluator struct {
	info *types.Info
	once map[*types.Var]ast.Expr // variable → its only assigned value
}

func newEvaluator(pass *analysis.Pass) *evaluator {
	writes := map[*types.Var]int{}
	values := map[*types.Var]ast.Expr{}
	varOf := func(id *ast.Ident) *types.Var {
		v, _ := pass.TypesInfo.ObjectOf(id).(*types.Var)
		return v
	}
	record := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			v := varOf(id)
			if v == nil {
				continue
			}
			writes[v]++
			if len(lhs) == len(rhs) {
				values[v] = rhs[i]
			}
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				record(n.Lhs, n.Rhs)
				if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
					record(n.Lhs, nil) // x += y: never a single assignment
				}
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				record(lhs, n.Values)
			case *ast.RangeStmt:
				record([]ast.Expr{n.Key, n.Value}, nil)
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					record([]ast.Expr{id}, nil)
					record([]ast.Expr{id}, nil)
				}
			}
			return true
		})
	}
	once := map[*types.Var]ast.Expr{}
	for v, n := range writes {
		pkgLevel := v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
		if n == 1 && values[v] != nil && !(pkgLevel && v.Exported()) {
			once[v] = values[v]
		}
	}
	return &evaluator{info: pass.TypesInfo, once: once}
}

// eval returns the string value of e, if it can be computed statically.
func (ev *evaluator) eval(e ast.Expr, depth int) (string, bool) {
	if tv, ok := ev.info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(tv.Value), true
	}
	if depth > maxEvalDepth {
		return "", false
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return ev.eval(e.X, depth)
	case *ast.Ident:
		v, _ := ev.info.Uses[e].(*types.Var)
		if rhs, ok := ev.once[v]; ok {
			return ev.eval(rhs, depth+1)
		}
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := ev.eval(e.X, depth)
		if !ok {
			return "", false
		}
		y, ok := ev.eval(e.Y, depth)
		return x + y, ok
	}
	return "", false
}
