package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// schemaFile is the JSON description of the tables that SoftDelete and
// Tenant check, as plinth's schema model writes it. Fields other than these
// are ignored.
type schemaFile struct {
	Tables []schemaTable `json:"tables"`
}

type schemaTable struct {
	Name       string `json:"name"`
	SoftDelete string `json:"soft_delete"` // the soft-delete column, or ""
	Tenant     *struct {
		Column string `json:"column"`
	} `json:"tenant"` // the tenant key, or nil for a global table
}

// schemaPath is the value of the -softdelete.schema and -tenant.schema
// flags: setting either sets both.
var schemaPath string

func init() {
	for _, a := range []*analysis.Analyzer{SoftDelete, Tenant} {
		a.Flags.StringVar(&schemaPath, "schema", "",
			`JSON description of the schema's tables: {"tables":[{"name":…,"soft_delete":"deleted_at","tenant":{"column":"org_id"}}]}; without it softdelete and tenant check nothing`)
	}
}

var schemas struct {
	sync.Mutex
	byPath map[string]*schemaFile
}

// loadSchema reads the schema file once per path.
func loadSchema(path string) (*schemaFile, error) {
	schemas.Lock()
	defer schemas.Unlock()
	if s, ok := schemas.byPath[path]; ok {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading schema: %w", err)
	}
	s := new(schemaFile)
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("reading schema %s: %w", path, err)
	}
	if schemas.byPath == nil {
		schemas.byPath = map[string]*schemaFile{}
	}
	schemas.byPath[path] = s
	return s, nil
}

// SoftDelete reports raw SQL that reads, updates or deletes rows of a
// soft-delete table without a condition on its soft-delete column, which
// would include deleted rows. It needs -softdelete.schema (or
// -tenant.schema); without it, it reports nothing.
// //plinth:allow-deleted <reason> accepts one.
var SoftDelete = &analysis.Analyzer{
	Name:     "softdelete",
	Doc:      "report raw SQL on soft-delete tables without a deleted_at condition",
	URL:      "https://pkg.go.dev/github.com/factory-kit/plinth/lint#SoftDelete",
	Requires: []*analysis.Analyzer{sqlCalls},
	Run: func(pass *analysis.Pass) (any, error) {
		return nil, checkTableColumn(pass, "allow-deleted", func(t schemaTable) (string, string) {
			return t.SoftDelete, "soft-deleted rows are included; add %[1]s IS NULL, or use the generated builders, which add it"
		})
	},
}

// Tenant reports raw SQL that reads, updates or deletes rows of a tenant
// table without a condition on its tenant column, which would reach every
// tenant's rows. It needs -tenant.schema (or -softdelete.schema); without
// it, it reports nothing. //plinth:allow-cross-tenant <reason> accepts one.
var Tenant = &analysis.Analyzer{
	Name:     "tenant",
	Doc:      "report raw SQL on tenant tables without an org_id condition",
	URL:      "https://pkg.go.dev/github.com/factory-kit/plinth/lint#Tenant",
	Requires: []*analysis.Analyzer{sqlCalls},
	Run: func(pass *analysis.Pass) (any, error) {
		return nil, checkTableColumn(pass, "allow-cross-tenant", func(t schemaTable) (string, string) {
			if t.Tenant == nil {
				return "", ""
			}
			return t.Tenant.Column, "every tenant's rows are reached; filter by %[1]s, or use the tenant-scoped builders"
		})
	},
}

// checkTableColumn reports each table a statement reads (every reference
// but an INSERT's target) whose column, as given by column, is not named
// in a condition of that statement. advice is a format taking the column.
func checkTableColumn(pass *analysis.Pass, directive string, column func(schemaTable) (col, advice string)) error {
	if schemaPath == "" {
		return nil
	}
	schema, err := loadSchema(schemaPath)
	if err != nil {
		return err
	}
	allow := collectAllowances(pass, directive)
	for _, c := range pass.ResultOf[sqlCalls].([]sqlCall) {
		for _, s := range c.stmts {
			for _, ref := range s.Tables() {
				t, ok := schema.table(ref.Name)
				if !ok || ref.Clause == "INTO" {
					continue
				}
				col, advice := column(t)
				if col == "" || s.MentionsColumn(col, ref.Name, ref.Alias) {
					continue
				}
				allow.report(pass, c.arg, c.call, fmt.Sprintf("%s on %s has no condition on %s: ", kindOf(s), ref.Name, col)+fmt.Sprintf(advice, col))
			}
		}
	}
	return nil
}

func (s *schemaFile) table(name string) (schemaTable, bool) {
	for _, t := range s.Tables {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return schemaTable{}, false
}

func kindOf(s sqltext.Statement) string {
	if k := s.Kind(); k != "" {
		return k
	}
	return "statement"
}
