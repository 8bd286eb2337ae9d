package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/factory-kit/plinth/lint"
	"github.com/factory-kit/plinth/lint/migrationlint"
)

const vetHelp = `
Vet runs plinth's analyzers over Go packages (default ./...): UPDATE or
DELETE without WHERE in SQL text, raw driver use outside allowed packages,
queries inside JSONB, and (with -schema) reads of soft-delete or tenant
tables without their filter. It is also available as a go vet tool:
go vet -vettool=$(which plinth-vet) ./...`

func runVet(e *env, args []string) error {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintln(e.stderr, strings.TrimSpace(vetHelp))
		}
	}
	return exitCodeErr(lint.Vet(args, e.stdout, e.stderr))
}

// exitCodeErr maps an exit code already explained on the streams to an error.
func exitCodeErr(code int) error {
	switch {
	case code == 0:
		return nil
	case code == 2:
		return errUsage
	default:
		return errSilent
	}
}

const lintHelp = `
Lint checks migration files for statements that are dangerous on a live
database or break plinth's conventions (destructive changes, indexes built
without CONCURRENTLY, constraints added without NOT VALID, missing
lock_timeout, domain tables without the tenant key, …). With no FILES it
lints the migrations directory in apply order. Each finding names the file,
line and rule; a statement may carry
	-- plinth:lint-ignore RULE reason
Exit status 1 when an error-level finding is reported.`

func runLint(e *env, args []string) error {
	fs := newFlags(e, "lint", "lint [-dir DIR] [-from VERSION] [-json] [FILES]", lintHelp)
	dir := fs.String("dir", "", "migrations directory (default: plinth.json's dir, else db/migrations)")
	from := fs.String("from", "", "treat files before this version as already applied")
	asJSON := fs.Bool("json", false, "print findings as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	var findings []migrationlint.Finding
	if fs.NArg() > 0 {
		for _, name := range fs.Args() {
			src, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			findings = append(findings, migrationlint.LintFile(name, src, migrationlint.Options{})...)
		}
	} else {
		d, err := lintDir(*dir)
		if err != nil {
			return err
		}
		if findings, err = migrationlint.LintDir(d, migrationlint.Options{From: *from}); err != nil {
			return err
		}
	}
	if *asJSON {
		if findings == nil {
			findings = []migrationlint.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintln(e.stderr, f)
		}
	}
	for _, f := range findings {
		if f.Severity == migrationlint.Error {
			return errSilent
		}
	}
	return nil
}

// lintDir is the directory plinth lint reads: dir, else plinth.json's
// dir, else db/migrations, relative to the project root.
func lintDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	p, err := findProject(".")
	if err != nil {
		return "", err
	}
	return p.path(p.cfg.Dir), nil
}
