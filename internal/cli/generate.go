package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/factory-kit/plinth/gen"
	"github.com/factory-kit/plinth/internal/loader"
	"github.com/factory-kit/plinth/migrate"
)

const generateHelp = `
Generate loads the schema package PKG (default ./db/schema) and writes the
Go code of its tables into -out (default ./db/gen): one file per table plus
plinth_gen.go, with row types, insert types, typed column handles and query
builders. Generated files that no table needs any more are removed.

With --check nothing is written: generate lists the files that are stale,
missing or no longer generated, and exits 1 when there are any (the CI gate
for generated code that is checked in).

Use it from go:generate:

	//go:generate go tool plinth generate ./db/schema -out ./db/gen`

func runGenerate(e *env, args []string) error {
	fs := newFlags(e, "generate", "generate [PKG] [-out DIR] [-pkg NAME] [--check]", generateHelp)
	out := fs.String("out", "", "directory of the generated package (default: plinth.json's out, else ./db/gen)")
	pkgName := fs.String("pkg", "", "generated package name (default: the base name of -out)")
	check := fs.Bool("check", false, "report stale generated files and exit 1, writing nothing")
	pkg, err := parseWithArg(fs, args, "")
	if err != nil {
		return err
	}
	p, err := findProject(".")
	if err != nil {
		return err
	}
	if pkg == "" {
		pkg = p.cfg.Schema
	}
	if *out == "" {
		*out = p.cfg.Out
	}
	version, err := latestVersion(p.path(p.cfg.Dir))
	if err != nil {
		return err
	}
	return generate(e, p.root, pkg, *out, *pkgName, version, *check)
}

// parseWithArg parses args allowing flags before and after one positional
// argument, which defaults to def.
func parseWithArg(fs *flag.FlagSet, args []string, def string) (string, error) {
	if err := parse(fs, args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return def, nil
	}
	arg, rest := fs.Arg(0), fs.Args()[1:]
	if err := parse(fs, rest); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "plinth generate: unexpected argument %q (one schema package at most)\n", fs.Arg(0))
		return "", errUsage
	}
	return arg, nil
}

// latestVersion is the version of the last file of the migrations
// directory dir, "" when it has none.
func latestVersion(dir string) (string, error) {
	d, err := migrate.ReadDir(dir, migrate.Sequential)
	if err != nil || len(d.Files) == 0 {
		return "", err
	}
	return d.Files[len(d.Files)-1].Version, nil
}

// generate loads pkg from dir and writes, or with check compares, the
// generated package in out (relative to dir).
func generate(e *env, dir, pkg, out, pkgName, version string, check bool) error {
	if !filepath.IsAbs(out) {
		out = filepath.Join(dir, out)
	}
	if pkgName == "" {
		abs, err := filepath.Abs(out)
		if err != nil {
			return err
		}
		pkgName = strings.ReplaceAll(filepath.Base(abs), "-", "_")
	}
	m, err := loader.Load(context.Background(), dir, pkg)
	if err != nil {
		return err
	}
	files, err := gen.Generate(m, gen.Options{Package: pkgName, SchemaVersion: version})
	if err != nil {
		return err
	}
	stale, err := staleFiles(out, files)
	if err != nil {
		return err
	}
	if check {
		for _, s := range stale {
			fmt.Fprintf(e.stderr, "plinth generate: %s\n", s)
		}
		if len(stale) > 0 {
			fmt.Fprintf(e.stderr, "plinth generate: %d generated file(s) out of date: run plinth generate\n", len(stale))
			return errSilent
		}
		return nil
	}
	return writeGenerated(out, files)
}

// staleFiles describes each file of out that differs from files, is
// missing, or is generated code no table needs any more.
func staleFiles(out string, files map[string][]byte) ([]string, error) {
	var stale []string
	for name, src := range files {
		path := filepath.Join(out, name)
		have, err := os.ReadFile(path)
		switch {
		case os.IsNotExist(err):
			stale = append(stale, path+": missing")
		case err != nil:
			return nil, err
		case !bytes.Equal(have, src):
			stale = append(stale, path+": out of date")
		}
	}
	orphans, err := orphanFiles(out, files)
	if err != nil {
		return nil, err
	}
	for _, o := range orphans {
		stale = append(stale, o+": no longer generated")
	}
	sort.Strings(stale)
	return stale, nil
}

// orphanFiles lists the plinth-generated files in out that files lacks.
func orphanFiles(out string, files map[string][]byte) ([]string, error) {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var orphans []string
	for _, e := range entries {
		if _, ok := files[e.Name()]; ok || e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		path := filepath.Join(out, e.Name())
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(src, []byte(gen.Header)) {
			orphans = append(orphans, path)
		}
	}
	return orphans, nil
}

// writeGenerated writes the files that changed and removes orphans.
func writeGenerated(out string, files map[string][]byte) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, src := range files {
		path := filepath.Join(out, name)
		if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, src) {
			continue
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	orphans, err := orphanFiles(out, files)
	if err != nil {
		return err
	}
	for _, o := range orphans {
		if err := os.Remove(o); err != nil {
			return err
		}
	}
	return nil
}
