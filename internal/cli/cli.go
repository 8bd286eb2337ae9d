// Package cli implements the plinth command line. It is a function of its
// arguments and streams, so that every command is testable in process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// env carries a command's streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one plinth subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

// errUsage reports a usage mistake already explained on stderr; exit 2.
var errUsage = errors.New("usage")

// errSilent reports a failure already explained on stderr; exit 1.
var errSilent = errors.New("failed")

func commands() []command {
	return []command{
		{"dev", "run the local throwaway PostgreSQL (up, down, status, url)", runDev},
		{"mark", "record which environment a database belongs to (production, preview, …)", runMark},
		{"schema", "load the schema package and print its DDL or model", runSchema},
		{"generate", "write the Go types and query builders of the schema (--check: fail when stale)", runGenerate},
		{"vet", "find data-layer mistakes in Go code (mutations without WHERE, raw SQL, JSONB queries)", runVet},
		{"init", "scaffold a data layer (schema package, migrations, config) in this module", runInit},
		{"lint", "check migration files for dangerous or convention-breaking statements", runLint},
		{"migration", "write the next migration file from the schema diff, and update plinth.sum", runMigration},
		{"migrate", "apply pending migrations under a lock (CI / deploy step)", runMigrate},
		{"status", "list applied and pending migrations", runStatus},
		{"push", "apply the schema diff straight to a dev database (prototyping)", runPush},
		{"hash", "rewrite plinth.sum from the migration files", runHash},
		{"check", "CI gate: sum intact, one naming convention, migrations replay and equal the schema", runCheck},
	}
}

// Run executes the plinth command line args and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(stderr, c.run(e, args[1:]))
		}
	}
	fmt.Fprintf(stderr, "plinth: unknown command %q\nRun 'plinth -h' for the list of commands.\n", args[0])
	return 2
}

func exitCode(stderr io.Writer, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errSilent):
		return 1
	default:
		fmt.Fprintf(stderr, "plinth: %v\n", err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "plinth is the factory data layer for Go: schema in Go, migrations, generated queries.")
	fmt.Fprintln(w, "\nUsage:\n\n\tplinth <command> [arguments]\n\nThe commands are:")
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nUse 'plinth <command> -h' for more information about a command.")
}

// newFlags returns a flag set that prints its usage to e.stderr.
func newFlags(e *env, name, usageLine, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: plinth %s\n\n%s\n", usageLine, strings.TrimSpace(help))
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(e.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses args into fs, mapping usage errors to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// subcommand splits args into a subcommand name and the rest, printing
// the usage when there is none (errUsage) or when help is asked for
// (flag.ErrHelp, which exits 0).
func subcommand(fs *flag.FlagSet, args []string) (sub string, rest []string, err error) {
	if len(args) == 0 {
		fs.Usage()
		return "", nil, errUsage
	}
	if args[0] == "-h" || args[0] == "--help" {
		fs.Usage()
		return "", nil, flag.ErrHelp
	}
	return args[0], args[1:], nil
}

// moduleRoot returns the directory of the go.mod that encloses dir.
func moduleRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if d == filepath.Dir(d) {
			return "", fmt.Errorf("no go.mod found in %s or any parent: run plinth inside a Go module (go mod init)", abs)
		}
	}
}
