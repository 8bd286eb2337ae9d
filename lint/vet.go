package lint

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Vet runs Analyzers on the packages named by args, as `plinth vet` does,
// and returns the exit code: 0 when clean, 1 when something was reported,
// 2 when the arguments or the packages could not be read. Findings go to
// stderr as file:line:col: message, like go vet, or to stdout as JSON with
// -json.
//
// It loads the packages itself (go/packages), type-checking the named
// packages from source and their dependencies from export data, so it
// needs the go command but no separate vet tool binary.
func Vet(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plinth vet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	schema := fs.String("schema", "", "JSON `file` describing the tables (enables the softdelete and tenant checks)")
	allow := fs.String("allow", rawDriverAllow, "comma-separated package `patterns` that may call pgx or database/sql directly")
	asJSON := fs.Bool("json", false, "print findings as JSON on stdout")
	tests := fs.Bool("tests", true, "also check test files")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: plinth vet [flags] [packages]\n\nReports data-layer mistakes in Go code (default packages: ./...).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *schema != "" {
		abs, err := filepath.Abs(*schema)
		if err != nil {
			fmt.Fprintf(stderr, "plinth vet: %v\n", err)
			return 2
		}
		*schema = abs
	}
	restore := setFlags(map[*analysis.Analyzer][2]string{
		SoftDelete: {"schema", *schema},
		RawDriver:  {"allow", *allow},
	})
	defer restore()

	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := loadPackages(patterns, *tests)
	if err != nil {
		fmt.Fprintf(stderr, "plinth vet: %v\n", err)
		return 2
	}
	graph, err := checker.Analyze(Analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "plinth vet: %v\n", err)
		return 2
	}
	if *asJSON {
		if err := graph.PrintJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "plinth vet: %v\n", err)
			return 2
		}
	}
	return report(graph, stderr, !*asJSON)
}

// setFlags sets one flag of each analyzer and returns a function that
// puts the old values back, so that Vet leaves no state behind.
func setFlags(values map[*analysis.Analyzer][2]string) (restore func()) {
	var undo []func()
	for a, kv := range values {
		old := a.Flags.Lookup(kv[0]).Value.String()
		_ = a.Flags.Set(kv[0], kv[1]) // string flags: Set cannot fail
		undo = append(undo, func() { _ = a.Flags.Set(kv[0], old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

func loadPackages(patterns []string, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedModule,
		Tests: tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, p := range pkgs {
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
	}
	if len(pkgs) == 0 {
		errs = append(errs, fmt.Errorf("no packages match %v", patterns))
	}
	return pkgs, errors.Join(errs...)
}

// report prints the root diagnostics once each (a file in both a package
// and its test variant is analyzed twice) in file order, and analyzer
// errors, and returns the exit code.
func report(graph *checker.Graph, w io.Writer, print bool) int {
	type finding struct {
		pos token.Position
		msg string
	}
	var (
		findings []finding
		seen     = map[finding]bool{}
		failed   bool
	)
	for act := range graph.All() {
		if act.Err != nil && act.IsRoot {
			fmt.Fprintf(w, "plinth vet: %s: %v\n", act, act.Err)
			failed = true
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			f := finding{act.Package.Fset.Position(d.Pos), d.Message}
			if !seen[f] {
				seen[f] = true
				findings = append(findings, f)
			}
		}
	}
	slices.SortFunc(findings, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.pos.Filename, b.pos.Filename), cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column), cmp.Compare(a.msg, b.msg))
	})
	if print {
		wd, _ := os.Getwd()
		for _, f := range findings {
			if rel, err := filepath.Rel(wd, f.pos.Filename); err == nil && wd != "" {
				f.pos.Filename = rel
			}
			fmt.Fprintf(w, "%s: %s\n", f.pos, f.msg)
		}
	}
	switch {
	case failed:
		return 2
	case len(findings) > 0:
		return 1
	}
	return 0
}
