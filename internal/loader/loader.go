// Package loader reads a user's schema package into a schema.Model.
//
// A schema package is ordinary Go: its tables are package-level values and
// one exported value of type schema.Registry lists them. To evaluate it,
// the loader compiles and runs a small program that imports the package,
// builds the model with schema.New and prints it as JSON. The program is
// supplied to the go command through an overlay, so nothing is written into
// the user's tree, and it needs only the schema package to compile: never
// the generated code that is derived from it.
package loader

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/factory-kit/plinth/schema"
)

// schemaImport is the import path of plinth's schema package.
const schemaImport = "github.com/factory-kit/plinth/schema"

// validationExit is the exit code of the loader program when schema.New
// rejected the schema.
const validationExit = 3

// Package describes a resolved schema package.
type Package struct {
	ImportPath string // for example "example.com/shop/db/schema"
	Dir        string // its directory
	Registry   string // the exported schema.Registry variable, for example "Schema"
	ModuleRoot string // the directory of the enclosing go.mod
}

// ErrNoRegistry reports a schema package that exports no schema.Registry.
var ErrNoRegistry = errors.New("loader: no exported schema.Registry variable")

// Error is a schema the package defines but schema.New rejects. Its text is
// schema.New's error: one line per problem, each with its file and line.
type Error struct {
	Package string
	Text    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("schema %s is invalid:\n%s", e.Package, e.Text)
}

// Load builds the model of the schema package pattern (for example
// "./db/schema"), resolved from dir. Build errors in the package are
// returned as the Go toolchain reports them, with file and line.
func Load(ctx context.Context, dir, pattern string) (*schema.Model, error) {
	pkg, err := Resolve(ctx, dir, pattern)
	if err != nil {
		return nil, err
	}
	return LoadPackage(ctx, pkg)
}

// Resolve finds the schema package pattern from dir and its registry.
func Resolve(ctx context.Context, dir, pattern string) (*Package, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{.Module.Dir}}", pattern)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("loading schema package %s: %s", pattern, strings.TrimSpace(stderr.String()))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 1 {
		return nil, fmt.Errorf("loading schema package: %s names %d packages, want one", pattern, len(lines))
	}
	f := strings.Split(lines[0], "\t")
	if len(f) != 3 || f[2] == "" {
		return nil, fmt.Errorf("loading schema package %s: it must be inside a Go module", pattern)
	}
	pkg := &Package{ImportPath: f[0], Dir: f[1], ModuleRoot: f[2]}
	if pkg.Registry, err = findRegistry(pkg.Dir); err != nil {
		return nil, fmt.Errorf("%w in %s (%s): declare one, for example var Schema = schema.Registry{Organizations, Customers}", err, pkg.ImportPath, pkg.Dir)
	}
	return pkg, nil
}

// findRegistry returns the name of the exported package-level variable of
// type schema.Registry in the Go files of dir, preferring one named Schema.
func findRegistry(dir string) (string, error) {
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var found []string
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			continue // the build reports it with its position
		}
		found = append(found, registriesIn(f)...)
	}
	switch {
	case len(found) == 0:
		return "", ErrNoRegistry
	case len(found) == 1:
		return found[0], nil
	}
	for _, name := range found {
		if name == "Schema" {
			return name, nil
		}
	}
	return "", fmt.Errorf("loader: several schema.Registry variables (%s); name the one to use Schema", strings.Join(found, ", "))
}

// registriesIn lists the exported variables of f declared as, or
// initialised with a composite literal of, schema.Registry.
func registriesIn(f *ast.File) []string {
	alias := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == schemaImport {
			alias = "schema"
			if imp.Name != nil {
				alias = imp.Name.Name
			}
		}
	}
	if alias == "" {
		return nil
	}
	isRegistry := func(e ast.Expr) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == alias && sel.Sel.Name == "Registry"
	}
	var names []string
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !name.IsExported() {
					continue
				}
				typed := vs.Type != nil && isRegistry(vs.Type)
				if !typed && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.CompositeLit); ok {
						typed = isRegistry(lit.Type)
					}
				}
				if typed {
					names = append(names, name.Name)
				}
			}
		}
	}
	return names
}

// mainTemplate is the loader program; %s are the import path and the
// registry variable.
const mainTemplate = `package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/factory-kit/plinth/schema"
	user %q
)

func main() {
	m, err := schema.New(user.%s...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(%d)
	}
	if err := json.NewEncoder(os.Stdout).Encode(m); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// LoadPackage runs the loader program for pkg and decodes the model.
func LoadPackage(ctx context.Context, pkg *Package) (*schema.Model, error) {
	tmp, err := os.MkdirTemp("", "plinth-loader-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(src, fmt.Appendf(nil, mainTemplate, pkg.ImportPath, pkg.Registry, validationExit), 0o600); err != nil {
		return nil, err
	}
	// The program lives, virtually, in a directory of the user's module, so
	// that the module's go.mod and go.sum resolve its imports.
	virtual := filepath.Join(pkg.ModuleRoot, "plinth_loader_"+strconv.Itoa(os.Getpid()), "main.go")
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {virtual: src}})
	if err != nil {
		return nil, err
	}
	overlayPath := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o600); err != nil {
		return nil, err
	}
	bin := filepath.Join(tmp, "plinth-loader")
	build := exec.CommandContext(ctx, "go", "build", "-ldflags=-s -w", "-overlay", overlayPath, "-o", bin, virtual)
	build.Dir = pkg.ModuleRoot
	var stderr bytes.Buffer
	build.Stderr = &stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building schema package %s:\n%s", pkg.ImportPath, buildErrors(stderr.String(), virtual))
	}
	stderr.Reset()
	var stdout bytes.Buffer
	run := exec.CommandContext(ctx, bin)
	run.Dir = pkg.ModuleRoot
	run.Stdout, run.Stderr = &stdout, &stderr
	err = run.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == validationExit:
		return nil, &Error{Package: pkg.ImportPath, Text: strings.TrimSpace(stderr.String())}
	case err != nil:
		return nil, fmt.Errorf("loading schema package %s: %v\n%s", pkg.ImportPath, err, strings.TrimSpace(stderr.String()))
	}
	var m schema.Model
	if err := json.Unmarshal(stdout.Bytes(), &m); err != nil {
		return nil, fmt.Errorf("loading schema package %s: decoding the model: %w", pkg.ImportPath, err)
	}
	return &m, nil
}

// buildErrors keeps the toolchain's messages about the user's files and
// drops the lines about the virtual loader program.
func buildErrors(stderr, virtual string) string {
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.Contains(line, filepath.Dir(virtual)) || strings.HasPrefix(line, "# command-line-arguments") {
			continue
		}
		keep = append(keep, line)
	}
	if len(keep) == 0 {
		return strings.TrimSpace(stderr)
	}
	return strings.Join(keep, "\n")
}
