package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/factory-kit/plinth/internal/loader"
	"github.com/factory-kit/plinth/schema"
)

const schemaHelp = `
Schema loads the schema package PKG (default ./db/schema) and shows it.

	plinth schema sql [PKG]           the complete schema as PostgreSQL DDL
	plinth schema print [-json] [PKG] the model plinth builds from it

The package must export one schema.Registry value listing its tables. It is
compiled as it stands: the generated code need not build. Build errors are
shown as the Go toolchain reports them, schema mistakes with file and line.`

func runSchema(e *env, args []string) error {
	fs := newFlags(e, "schema", "schema sql|print [-json] [PKG]", schemaHelp)
	asJSON := fs.Bool("json", false, "print the model as JSON (print)")
	sub, rest, err := subcommand(fs, args)
	if err != nil {
		return err
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if sub != "sql" && sub != "print" {
		fmt.Fprintf(e.stderr, "plinth schema: unknown subcommand %q (want sql or print)\n", sub)
		return errUsage
	}
	p, err := findProject(".")
	if err != nil {
		return err
	}
	pkg, root := fs.Arg(0), "."
	if pkg == "" {
		pkg, root = p.cfg.Schema, p.root
	}
	m, err := loader.Load(context.Background(), root, pkg)
	if err != nil {
		return err
	}
	switch {
	case sub == "sql":
		fmt.Fprint(e.stdout, m.SQL())
	case *asJSON:
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	default:
		printModel(e, m)
	}
	return nil
}

// printModel writes a short human-readable outline of m.
func printModel(e *env, m *schema.Model) {
	for _, en := range m.Enums {
		fmt.Fprintf(e.stdout, "enum %s (%s)\n", en.Name, strings.Join(en.Values, ", "))
	}
	for _, t := range m.Tables {
		var marks []string
		if t.Domain != "" {
			marks = append(marks, "domain "+t.Domain)
		}
		if t.Tenant != nil {
			marks = append(marks, "tenant "+t.Tenant.Column)
		}
		if t.SoftDelete != "" {
			marks = append(marks, "soft delete")
		}
		if t.Variant != nil {
			marks = append(marks, "variant of "+t.Variant.Base)
		}
		if t.Reference {
			marks = append(marks, fmt.Sprintf("reference, %d rows", len(t.Seed)))
		}
		fmt.Fprintf(e.stdout, "table %s", t.Name)
		if len(marks) > 0 {
			fmt.Fprintf(e.stdout, " [%s]", strings.Join(marks, "; "))
		}
		fmt.Fprintln(e.stdout)
		for _, c := range t.Columns {
			null := ""
			if c.NotNull {
				null = " not null"
			}
			fmt.Fprintf(e.stdout, "\t%-24s %s%s\n", c.Name, c.Type, null)
		}
	}
}
