package gen

import (
	"strings"

	"github.com/factory-kit/plinth/schema"
)

// goType is a Go type expression with the imports it needs.
type goType struct {
	expr    string
	imports []schema.GoImport
}

func std(expr, path string) goType {
	name := path[strings.LastIndexByte(path, '/')+1:]
	return goType{expr: expr, imports: []schema.GoImport{{Path: path, Name: name}}}
}

const (
	uuidPath   = "github.com/google/uuid"
	pgtypePath = "github.com/jackc/pgx/v5/pgtype"
	queryPath  = "github.com/factory-kit/plinth/query"
)

// scalarTypes maps PostgreSQL types, as format_type spells them without a
// length or precision, to the Go types pgx v5 reads and writes natively.
var scalarTypes = map[string]goType{
	"uuid":                        std("uuid.UUID", uuidPath),
	"text":                        {expr: "string"},
	"character varying":           {expr: "string"},
	"character":                   {expr: "string"},
	"citext":                      {expr: "string"},
	"boolean":                     {expr: "bool"},
	"smallint":                    {expr: "int16"},
	"integer":                     {expr: "int32"},
	"bigint":                      {expr: "int64"},
	"numeric":                     std("pgtype.Numeric", pgtypePath),
	"real":                        {expr: "float32"},
	"double precision":            {expr: "float64"},
	"date":                        std("time.Time", "time"),
	"timestamp without time zone": std("time.Time", "time"),
	"timestamp with time zone":    std("time.Time", "time"),
	"interval":                    std("time.Duration", "time"),
	"bytea":                       {expr: "[]byte"},
	"jsonb":                       std("json.RawMessage", "encoding/json"),
	"json":                        std("json.RawMessage", "encoding/json"),
	"inet":                        std("netip.Prefix", "net/netip"),
	"cidr":                        std("netip.Prefix", "net/netip"),
}

// baseType is the Go type of a non-null value of column c.
func (g *generator) baseType(c *schema.Column) goType {
	if c.GoType != nil {
		return goType{expr: c.GoType.Expr, imports: c.GoType.Imports}
	}
	typ := c.Type
	array := strings.HasSuffix(typ, "[]")
	typ = strings.TrimSuffix(typ, "[]")
	var t goType
	switch {
	case c.Enum != "" && !array:
		t = goType{expr: goName(c.Enum)}
	case c.Enum != "":
		t = goType{expr: "string"} // pgx has no codec for an unregistered enum array's elements
	default:
		if i := strings.IndexByte(typ, '('); i >= 0 {
			typ = typ[:i]
		}
		var ok bool
		if t, ok = scalarTypes[typ]; !ok {
			t = goType{expr: "string"} // pgx reads types it does not know as text
		}
	}
	if array {
		t.expr = "[]" + t.expr
	}
	return t
}

// nilable reports whether the Go type has a nil value of its own, which
// then stands for NULL instead of a pointer.
func nilable(expr string) bool {
	return strings.HasPrefix(expr, "[]") || strings.HasPrefix(expr, "map[") || strings.HasPrefix(expr, "*")
}

// optional is expr made able to hold "no value".
func optional(expr string) string {
	if nilable(expr) {
		return expr
	}
	return "*" + expr
}

// isText reports whether c's handle is a StringColumn.
func isText(c *schema.Column) bool {
	if c.Enum != "" || strings.HasSuffix(c.Type, "[]") {
		return false
	}
	t := c.Type
	if i := strings.IndexByte(t, '('); i >= 0 {
		t = t[:i]
	}
	return t == "text" || t == "character varying" || t == "character" || t == "citext"
}

func isJSON(c *schema.Column) bool { return c.Type == "jsonb" || c.Type == "json" }
