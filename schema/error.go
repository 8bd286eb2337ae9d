package schema

import (
	"os"
	"path/filepath"
	"strings"
)

// Error is one problem found while building a Model. New returns all of
// them at once, joined with errors.Join; errors.As finds the first.
type Error struct {
	// Pos is the DSL position of the declaration at fault, "" when unknown.
	Pos string
	// Table is the full name of the table at fault, "" for enums.
	Table string
	// Column is the column at fault, "" when the problem is the table's.
	Column string
	// Msg says what is wrong and what to do.
	Msg string
}

// Error reads like `fleet.go:42: table "fleet_customers" column "org_id": msg`,
// the position relative to the working directory when it is below it.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos != "" {
		b.WriteString(relPos(e.Pos) + ": ")
	}
	if e.Table != "" {
		b.WriteString(`table "` + e.Table + `" `)
	}
	if e.Column != "" {
		b.WriteString(`column "` + e.Column + `" `)
	}
	if e.Table != "" || e.Column != "" {
		s := strings.TrimSuffix(b.String(), " ")
		b.Reset()
		b.WriteString(s + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// relPos shortens an absolute position to one relative to the working
// directory, as the Go toolchain prints them.
func relPos(pos string) string {
	if !filepath.IsAbs(pos) {
		return pos
	}
	wd, err := os.Getwd()
	if err != nil {
		return pos
	}
	rel, err := filepath.Rel(wd, pos)
	if err != nil || strings.HasPrefix(rel, "..") {
		return pos
	}
	return rel
}
