package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"

	"golang.org/x/mod/modfile"
)

const initHelp = `
Init scaffolds a data layer in the current Go module, laid out by domain:

	db/schema/shared.go         the table creator (name prefix) and the tenant mixin
	db/schema/organizations.go  the tenant table
	db/schema/auth.go           users, sessions, accounts, verifications
	db/schema/reference.go      lookup tables with seed rows
	db/schema/schema.go         the Registry listing every table, and the go:generate line
	db/migrations/              the migrations directory
	plinth.json                 where the schema, migrations and generated code live

Then:
	plinth generate             Go types and queries in db/gen
	go mod tidy                 the generated code imports pgx and uuid
	plinth migration init       the first migration
	plinth migrate              apply it (CI / deploy step, never at startup)

Init never overwrites a file: it stops, naming the first that exists.`

// initFiles are the scaffolded files, relative to the module root, as
// templates over initData.
var initFiles = []struct{ path, tmpl string }{
	{"db/schema/shared.go", `// Package schema is {{.Name}}'s data model, one file per domain. Every
// table is listed in Schema (schema.go), which plinth reads to generate the
// Go types and queries (db/gen) and the migrations (db/migrations).
package schema

import "github.com/factory-kit/plinth/schema"

// table prefixes every table name, so that the schema can share a database
// with other applications.
var table = schema.TableCreator(func(name string) string { return "{{.Prefix}}" + name })

// id is the primary key every entity table starts with.
func id() *schema.ColumnBuilder { return schema.UUID("id").PrimaryKey().DefaultRandom() }

// tenant scopes a table to an organization: org_id NOT NULL, ON DELETE
// CASCADE, indexed, and row-level security as a second wall.
func tenant() schema.Part { return schema.Tenant(Organizations, schema.RowLevelSecurity()) }
`},
	{"db/schema/organizations.go", `package schema

import "github.com/factory-kit/plinth/schema"

// Organizations are the tenants. Every domain table belongs to one through
// tenant(), and deleting an organization deletes its rows.
var Organizations = table("organizations",
	id(),
	schema.Text("name").NotNull(),
	schema.Timestamps(),
)
`},
	{"db/schema/auth.go", `package schema

import "github.com/factory-kit/plinth/schema"

// Users are people who sign in.
var Users = table("users",
	id(),
	schema.Global(),
	schema.Text("name").NotNull(),
	schema.Text("email").NotNull().Unique(),
	schema.Boolean("email_verified").NotNull().Default("false"),
	schema.Timestamps(),
)

// Sessions are signed-in sessions.
var Sessions = table("sessions",
	id(),
	schema.Global(),
	schema.UUID("user_id").NotNull().References(Users.Col("id")).OnDelete(schema.Cascade),
	schema.Text("token").NotNull().Unique(),
	schema.Timestamptz("expires_at").NotNull(),
	schema.Index("user_id"),
	schema.Timestamps(),
)

// Accounts are identity-provider accounts linked to a user.
var Accounts = table("accounts",
	id(),
	schema.Global(),
	schema.UUID("user_id").NotNull().References(Users.Col("id")).OnDelete(schema.Cascade),
	schema.Text("provider_id").NotNull(),
	schema.Text("account_id").NotNull(),
	schema.Unique("provider_id", "account_id"),
	schema.Index("user_id"),
	schema.Timestamps(),
)

// Verifications are one-time codes (email verification, password reset).
var Verifications = table("verifications",
	id(),
	schema.Global(),
	schema.Text("identifier").NotNull(),
	schema.Text("value").NotNull(),
	schema.Timestamptz("expires_at").NotNull(),
	schema.Index("identifier"),
	schema.Timestamps(),
)
`},
	{"db/schema/reference.go", `package schema

import "github.com/factory-kit/plinth/schema"

// Countries is a lookup table whose rows ship with the schema.
var Countries = table("countries",
	schema.Reference(),
	schema.Varchar("code", 2).PrimaryKey(),
	schema.Text("name").NotNull(),
	schema.Timestamps(),
).Seed(
	schema.Row{"code": "US", "name": "United States"},
	schema.Row{"code": "CA", "name": "Canada"},
)
`},
	{"db/schema/schema.go", `package schema

import "github.com/factory-kit/plinth/schema"

//go:generate go tool plinth generate

// Schema lists every table, domain by domain. Add a domain as a new file
// and list its tables here.
var Schema = schema.Registry{
	Organizations,
	Users, Sessions, Accounts, Verifications,
	Countries,
}
`},
}

var nonIdent = regexp.MustCompile(`[^a-z0-9]+`)

func runInit(e *env, args []string) error {
	fs := newFlags(e, "init", "init [-prefix PREFIX]", initHelp)
	prefix := fs.String("prefix", "", "table name prefix (default: the module's last path element and _)")
	if err := parse(fs, args); err != nil {
		return err
	}
	root, err := moduleRoot(".")
	if err != nil {
		return err
	}
	modPath, err := modulePath(root)
	if err != nil {
		return err
	}
	name := nonIdent.ReplaceAllString(strings.ToLower(filepath.Base(modPath)), "_")
	if *prefix == "" {
		*prefix = strings.Trim(name, "_") + "_"
	}
	files := map[string][]byte{}
	for _, f := range initFiles {
		var buf bytes.Buffer
		t := template.Must(template.New(f.path).Parse(f.tmpl))
		if err := t.Execute(&buf, map[string]string{"Name": modPath, "Prefix": *prefix}); err != nil {
			return err
		}
		src, err := format.Source(buf.Bytes())
		if err != nil {
			return fmt.Errorf("init: formatting %s: %w", f.path, err)
		}
		files[f.path] = src
	}
	c := defaults
	c.Prefix = *prefix // plinth owns only the tables it declares
	cfg, _ := json.MarshalIndent(c, "", "  ")
	files["plinth.json"] = append(cfg, '\n')
	for path := range files {
		if _, err := os.Stat(filepath.Join(root, path)); err == nil {
			return fmt.Errorf("init: %s already exists; plinth init never overwrites a file", path)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "db", "migrations"), 0o755); err != nil {
		return err
	}
	for _, f := range append(initFiles, struct{ path, tmpl string }{path: "plinth.json"}) {
		path := filepath.Join(root, f.path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[f.path], 0o644); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "created", f.path)
	}
	if err := ignorePlinthDir(root); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "next: plinth generate && go mod tidy && plinth migration init && plinth migrate")
	return nil
}

// modulePath reads the module path from root/go.mod.
func modulePath(root string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	if path := modfile.ModulePath(raw); path != "" {
		return path, nil
	}
	return "", errors.New("init: go.mod has no module line")
}

// ignorePlinthDir adds .plinth/ (the local dev cluster) to .gitignore.
func ignorePlinthDir(root string) error {
	path := filepath.Join(root, ".gitignore")
	raw, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == ".plinth/" {
			return nil
		}
	}
	if len(raw) > 0 && !bytes.HasSuffix(raw, []byte("\n")) {
		raw = append(raw, '\n')
	}
	return os.WriteFile(path, append(raw, ".plinth/\n"...), 0o644)
}
