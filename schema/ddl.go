package schema

import (
	"strings"
)

// SQL renders the whole model as PostgreSQL DDL, deterministically and in
// dependency order: enum types, tables (referenced before referencing),
// foreign keys as ALTER TABLE (so reference cycles work), indexes, row
// security and policies, comments, and the seed rows of reference tables.
func (m *Model) SQL() string {
	tables := m.dependencyOrder()
	var sections []string
	add := func(stmts []string) {
		if s := strings.Join(stmts, ""); s != "" {
			sections = append(sections, s)
		}
	}
	var enums []string
	for _, e := range m.Enums {
		enums = append(enums, EnumSQL(e))
	}
	add(enums)
	for _, t := range tables {
		add([]string{CreateTableSQL(t)})
	}
	var fks, indexes, security, comments, seeds []string
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			fks = append(fks, ForeignKeySQL(t, fk))
		}
		for _, ix := range t.Indexes {
			indexes = append(indexes, IndexSQL(t, ix))
		}
		security = append(security, RowSecuritySQL(t))
		for _, p := range t.Policies {
			security = append(security, PolicySQL(t, p))
		}
		comments = append(comments, CommentSQL(t))
		seeds = append(seeds, SeedSQL(t))
	}
	for _, s := range [][]string{fks, indexes, security, comments, seeds} {
		add(s)
	}
	return strings.Join(sections, "\n")
}

// dependencyOrder returns the tables with every referenced table before
// the tables referencing it, registry order otherwise; cycles are broken
// where they are met, which the ALTER TABLE foreign keys allow.
func (m *Model) dependencyOrder() []Table {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var out []Table
	var visit func(t *Table)
	visit = func(t *Table) {
		if state[t.Name] != 0 {
			return
		}
		state[t.Name] = visiting
		for _, fk := range t.ForeignKeys {
			if ref, ok := m.Table(fk.RefTable); ok {
				visit(ref)
			}
		}
		state[t.Name] = done
		out = append(out, *t)
	}
	for i := range m.Tables {
		visit(&m.Tables[i])
	}
	return out
}

// EnumSQL renders CREATE TYPE for e.
func EnumSQL(e EnumType) string {
	vals := make([]string, len(e.Values))
	for i, v := range e.Values {
		vals[i] = QuoteLiteral(v)
	}
	return "CREATE TYPE " + QuoteIdent(e.Name) + " AS ENUM (" + strings.Join(vals, ", ") + ");\n"
}

// ColumnSQL renders a column definition as CREATE TABLE and ALTER TABLE
// ADD COLUMN write it: name, type, identity, NOT NULL, DEFAULT.
func ColumnSQL(c Column) string {
	s := QuoteIdent(c.Name) + " " + c.Type
	if c.Identity != "" {
		s += " GENERATED " + c.Identity + " AS IDENTITY"
	}
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.Default != "" {
		s += " DEFAULT " + c.Default
	}
	return s
}

// CreateTableSQL renders CREATE TABLE for t with its columns, primary key,
// unique constraints and checks; foreign keys, indexes, row security,
// comments and seed rows have their own statements.
func CreateTableSQL(t Table) string {
	var lines []string
	for _, c := range t.Columns {
		lines = append(lines, ColumnSQL(c))
	}
	if t.PrimaryKey != nil {
		lines = append(lines, constraintClause(t.PrimaryKey.Name, "PRIMARY KEY ("+quoteIdents(t.PrimaryKey.Columns)+")"))
	}
	for _, k := range t.Uniques {
		lines = append(lines, constraintClause(k.Name, uniqueBody(k)))
	}
	for _, c := range t.Checks {
		lines = append(lines, constraintClause(c.Name, checkBody(c)))
	}
	return "CREATE TABLE " + QuoteIdent(t.Name) + " (\n    " + strings.Join(lines, ",\n    ") + "\n);\n"
}

func constraintClause(name, body string) string { return "CONSTRAINT " + QuoteIdent(name) + " " + body }

func uniqueBody(k Key) string { return "UNIQUE (" + quoteIdents(k.Columns) + ")" }

func checkBody(c CheckDef) string { return "CHECK (" + c.Expr + ")" }

func addConstraint(t Table, name, body string) string {
	return "ALTER TABLE " + QuoteIdent(t.Name) + " ADD " + constraintClause(name, body) + ";\n"
}

// PrimaryKeySQL renders ALTER TABLE ADD CONSTRAINT for t's primary key k.
func PrimaryKeySQL(t Table, k Key) string {
	return addConstraint(t, k.Name, "PRIMARY KEY ("+quoteIdents(k.Columns)+")")
}

// UniqueSQL renders ALTER TABLE ADD CONSTRAINT for the unique key k of t.
func UniqueSQL(t Table, k Key) string { return addConstraint(t, k.Name, uniqueBody(k)) }

// CheckSQL renders ALTER TABLE ADD CONSTRAINT for the check c of t.
func CheckSQL(t Table, c CheckDef) string { return addConstraint(t, c.Name, checkBody(c)) }

// ForeignKeySQL renders ALTER TABLE ADD CONSTRAINT for the foreign key fk of t.
func ForeignKeySQL(t Table, fk ForeignKeyDef) string {
	body := "FOREIGN KEY (" + quoteIdents(fk.Columns) + ") REFERENCES " + QuoteIdent(fk.RefTable) +
		" (" + quoteIdents(fk.RefColumns) + ")"
	if fk.OnDelete != "" {
		body += " ON DELETE " + fk.OnDelete
		if len(fk.OnDeleteColumns) > 0 {
			body += " (" + quoteIdents(fk.OnDeleteColumns) + ")"
		}
	}
	if fk.OnUpdate != "" {
		body += " ON UPDATE " + fk.OnUpdate
	}
	return addConstraint(t, fk.Name, body)
}

// IndexSQL renders CREATE INDEX for the index ix of t.
func IndexSQL(t Table, ix IndexDef) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX " + QuoteIdent(ix.Name) + " ON " + QuoteIdent(t.Name))
	if ix.Method != "" && ix.Method != "btree" {
		b.WriteString(" USING " + ix.Method)
	}
	entries := make([]string, len(ix.Columns))
	for i, e := range ix.Columns {
		entries[i] = e
		if !isExpr(e) {
			entries[i] = QuoteIdent(e)
		}
	}
	b.WriteString(" (" + strings.Join(entries, ", ") + ")")
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	b.WriteString(";\n")
	return b.String()
}

// RowSecuritySQL renders the ENABLE and FORCE ROW LEVEL SECURITY
// statements t needs, "" when it needs none.
func RowSecuritySQL(t Table) string {
	var s string
	if t.RowSecurity {
		s += "ALTER TABLE " + QuoteIdent(t.Name) + " ENABLE ROW LEVEL SECURITY;\n"
	}
	if t.ForceRowSecurity {
		s += "ALTER TABLE " + QuoteIdent(t.Name) + " FORCE ROW LEVEL SECURITY;\n"
	}
	return s
}

// PolicySQL renders CREATE POLICY for the policy p of t.
func PolicySQL(t Table, p Policy) string {
	s := "CREATE POLICY " + QuoteIdent(p.Name) + " ON " + QuoteIdent(t.Name)
	if p.Command != "" {
		s += " FOR " + p.Command
	}
	if p.Using != "" {
		s += " USING (" + p.Using + ")"
	}
	if p.WithCheck != "" {
		s += " WITH CHECK (" + p.WithCheck + ")"
	}
	return s + ";\n"
}

// CommentSQL renders COMMENT ON for t and its columns, "" when none has a comment.
func CommentSQL(t Table) string {
	var s string
	if t.Comment != "" {
		s += "COMMENT ON TABLE " + QuoteIdent(t.Name) + " IS " + QuoteLiteral(t.Comment) + ";\n"
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			s += ColumnCommentSQL(t, c)
		}
	}
	return s
}

// ColumnCommentSQL renders COMMENT ON COLUMN for c of t; an empty comment
// renders IS NULL, which removes it.
func ColumnCommentSQL(t Table, c Column) string {
	text := "NULL"
	if c.Comment != "" {
		text = QuoteLiteral(c.Comment)
	}
	return "COMMENT ON COLUMN " + QuoteIdent(t.Name) + "." + QuoteIdent(c.Name) + " IS " + text + ";\n"
}

// SeedSQL renders one INSERT per seed row of t, "" when it has none.
func SeedSQL(t Table) string {
	var b strings.Builder
	for _, r := range t.Seed {
		b.WriteString("INSERT INTO " + QuoteIdent(t.Name) + " (" + quoteIdents(r.Columns) + ") VALUES (" +
			strings.Join(r.Values, ", ") + ");\n")
	}
	return b.String()
}
