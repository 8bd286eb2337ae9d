package lint

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// allowance is one //plinth:allow-… comment.
type allowance struct {
	pos    token.Pos
	reason string
	used   bool
}

// allowances holds the //plinth:<name> comments of a package by file and
// line. Each suppresses one finding of its analyzer on its own line or
// the line below it.
type allowances struct {
	name  string // directive name, e.g. "allow-all-rows"
	byPos map[token.Position]*allowance
}

func collectAllowances(pass *analysis.Pass, name string) *allowances {
	a := &allowances{name: name, byPos: map[token.Position]*allowance{}}
	prefix := "//plinth:" + name
	for _, f := range pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				rest, ok := strings.CutPrefix(c.Text, prefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				p := pass.Fset.Position(c.Pos())
				a.byPos[lineKey(p.Filename, p.Line)] = &allowance{pos: c.Pos(), reason: strings.TrimSpace(rest)}
			}
		}
	}
	return a
}

func lineKey(file string, line int) token.Position {
	return token.Position{Filename: file, Line: line}
}

// report reports msg at node unless an unused allowance sits on the line
// of node or of stmt (the call it belongs to), or on the line above either.
// An allowance without a reason suppresses the finding but is reported
// itself, so every exception in the code base says why it is one.
func (a *allowances) report(pass *analysis.Pass, node, stmt ast.Node, msg string) {
	for _, n := range []ast.Node{node, stmt} {
		p := pass.Fset.Position(n.Pos())
		for _, line := range []int{p.Line, p.Line - 1} {
			al := a.byPos[lineKey(p.Filename, line)]
			if al == nil || al.used {
				continue
			}
			al.used = true
			if al.reason == "" {
				pass.Reportf(al.pos, "//plinth:%s needs a reason: say why, e.g. //plinth:%s <why this is safe>", a.name, a.name)
			}
			return
		}
	}
	pass.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg})
}
