// Package lint holds plinth's static checks for data-layer mistakes in Go
// code, as go/analysis analyzers that work with go vet, with golangci-lint
// and from the plinth CLI.
//
// The analyzers read SQL text wherever the code hands it to the database:
// the query methods of pgx v5 (*pgx.Conn, *pgxpool.Pool, pgx.Tx,
// (*pgx.Batch).Queue), of database/sql (*sql.DB, *sql.Tx, *sql.Conn), of
// any type whose Exec, Query or QueryRow method has pgx's shape
// (ctx, sql string, args ...any), and plinth's raw escape hatch (any
// function of a plinth package with a string parameter named sql or
// query). Calls are recognised by their types, never by variable names.
// The text is known when it is a constant, a + concatenation of
// constants, or a variable assigned once from such an expression; other
// SQL is not checked.
//
//   - [MutationWhere]: UPDATE or DELETE without a WHERE of its own.
//   - [RawDriver]: pgx or database/sql called outside the data-layer packages.
//   - [JSONBQuery]: queries that filter or sort inside JSONB.
//   - [SoftDelete]: reads of soft-delete tables without a deleted_at condition.
//   - [Tenant]: reads of tenant tables without an org_id condition.
//
// Each finding can be accepted where it is deliberate, with a comment on
// the call's line or the line above that says why:
//
//	//plinth:allow-all-rows the staging table is rebuilt nightly
//	_, err := tx.Exec(ctx, "DELETE FROM staging")
//
// The directives are allow-all-rows, allow-raw, allow-jsonb,
// allow-deleted and allow-cross-tenant; one without a reason is reported.
//
// # go vet
//
//	go install github.com/factory-kit/plinth/cmd/plinth-vet
//	go vet -vettool=$(which plinth-vet) ./...
//	go vet -vettool=$(which plinth-vet) -softdelete.schema=$PWD/db/schema.json -rawdriver.allow='.../internal/db/...,.../store' ./...
//
// SoftDelete and Tenant know which tables are soft-delete and tenant
// tables only from a JSON description of the schema, given by the schema
// flag of either analyzer (setting one sets both; give an absolute path,
// go vet runs the tool in each package's directory):
//
//	{"tables": [{"name": "fleet_customers", "soft_delete": "deleted_at", "tenant": {"column": "org_id"}}]}
//
// Without it they report nothing.
//
// # plinth vet
//
// [Vet] runs the same analyzers in process, for a CLI subcommand:
//
//	os.Exit(lint.Vet(os.Args[2:], os.Stdout, os.Stderr)) // plinth vet [-schema f] [-allow p] [-json] [packages]
//
// # golangci-lint
//
// golangci-lint (v2) loads these analyzers through its module plugin
// system, which builds a custom golangci-lint binary. A small plugin
// package, in your repository or a future plinth subpackage, registers
// them (plinth itself does not depend on golangci-lint):
//
//	package plinthlint
//
//	import (
//		"github.com/golangci/plugin-module-register/register"
//		"golang.org/x/tools/go/analysis"
//
//		"github.com/factory-kit/plinth/lint"
//	)
//
//	func init() { register.Plugin("plinth", New) }
//
//	type settings struct {
//		Schema string `json:"schema"`
//		Allow  string `json:"allow"`
//	}
//
//	type plugin struct{ s settings }
//
//	func New(conf any) (register.LinterPlugin, error) {
//		s, err := register.DecodeSettings[settings](conf)
//		return &plugin{s}, err
//	}
//
//	func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
//		if p.s.Schema != "" {
//			if err := lint.SoftDelete.Flags.Set("schema", p.s.Schema); err != nil {
//				return nil, err
//			}
//		}
//		if p.s.Allow != "" {
//			if err := lint.RawDriver.Flags.Set("allow", p.s.Allow); err != nil {
//				return nil, err
//			}
//		}
//		return lint.Analyzers, nil
//	}
//
//	func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
//
// Then .custom-gcl.yml names the plugin module:
//
//	version: v2.5.0 # the golangci-lint release to build on
//	plugins:
//	  - module: example.com/app/tools/plinthlint
//	    path: ./tools/plinthlint
//
// .golangci.yml enables it:
//
//	version: "2"
//	linters:
//	  enable: [plinth]
//	  settings:
//	    custom:
//	      plinth:
//	        type: module
//	        description: plinth data-layer checks
//	        settings:
//	          schema: db/schema.json
//
// and `golangci-lint custom` builds ./custom-gcl, which runs them.
//
// Migration files are checked by the sibling package migrationlint.
package lint
