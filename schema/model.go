package schema

import "slices"

// Model is the whole schema as plain values: what the DSL builds, what the
// migration differ introspects a live database into, and what the code
// generator and the linter read. Two models that describe the same database
// compare equal field by field (DSL positions aside).
type Model struct {
	// Tables lists the tables in registry order.
	Tables []Table `json:"tables"`
	// Enums lists the enum types in order of first use.
	Enums []EnumType `json:"enums,omitempty"`
}

// Table returns the table whose full SQL name is name.
func (m *Model) Table(name string) (*Table, bool) {
	return find(m.Tables, func(t Table) bool { return t.Name == name })
}

// Enum returns the enum type named name.
func (m *Model) Enum(name string) (*EnumType, bool) {
	return find(m.Enums, func(e EnumType) bool { return e.Name == name })
}

// find returns a pointer to the first element of s that match accepts.
func find[T any](s []T, match func(T) bool) (*T, bool) {
	if i := slices.IndexFunc(s, match); i >= 0 {
		return &s[i], true
	}
	return nil, false
}

// Table is one table with its columns, constraints, indexes and the plinth
// semantics (tenant scope, soft delete, variants) that generated code relies on.
type Table struct {
	// Name is the full SQL name, table prefix applied ("fleet_customers").
	Name string `json:"name"`
	// Base is the name as declared, before the prefix ("customers").
	Base string `json:"base"`
	// Domain groups tables for generated code: the declaring file's base
	// name without ".go" ("fleet"), unless set with TableBuilder.Domain.
	Domain string `json:"domain,omitempty"`
	// Comment is the COMMENT ON TABLE text, "" when none.
	Comment string `json:"comment,omitempty"`
	// RenamedFrom is the table's previous full SQL name, for the differ.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Columns lists the columns in declaration order.
	Columns []Column `json:"columns"`
	// PrimaryKey is the primary key, nil when the table has none.
	PrimaryKey *Key `json:"primary_key,omitempty"`
	// Uniques lists the UNIQUE constraints.
	Uniques []Key `json:"uniques,omitempty"`
	// ForeignKeys lists the FOREIGN KEY constraints.
	ForeignKeys []ForeignKeyDef `json:"foreign_keys,omitempty"`
	// Checks lists the CHECK constraints, column-level ones included.
	Checks []CheckDef `json:"checks,omitempty"`
	// Indexes lists the indexes that are not backing a constraint.
	Indexes []IndexDef `json:"indexes,omitempty"`
	// RowSecurity is true when ROW LEVEL SECURITY is enabled.
	RowSecurity bool `json:"row_security,omitempty"`
	// ForceRowSecurity is true when row security applies to the owner too.
	ForceRowSecurity bool `json:"force_row_security,omitempty"`
	// Policies lists the row security policies.
	Policies []Policy `json:"policies,omitempty"`
	// Tenant is set when every row belongs to one tenant; nil otherwise.
	Tenant *TenantInfo `json:"tenant,omitempty"`
	// SoftDelete names the soft-delete timestamp column, "" when rows are
	// deleted for real.
	SoftDelete string `json:"soft_delete,omitempty"`
	// UpdatedAt names the column set to now() on every update, "" when none.
	UpdatedAt string `json:"updated_at,omitempty"`
	// Variant is set on a variant table; nil otherwise.
	Variant *VariantInfo `json:"variant,omitempty"`
	// Variants lists, on a base table, the full names of its variant tables.
	Variants []string `json:"variants,omitempty"`
	// Discriminator names, on a base table, the column that says which
	// variant a row has; "" when the table has no variants.
	Discriminator string `json:"discriminator,omitempty"`
	// Reference is true for a lookup table whose rows ship with the schema.
	Reference bool `json:"reference,omitempty"`
	// Global is true for a table shared by every tenant on purpose
	// (schema.Global), such as users or sessions.
	Global bool `json:"global,omitempty"`
	// Seed lists the rows of a reference table.
	Seed []SeedRow `json:"seed,omitempty"`
	// Pos is the DSL position that declared the table ("/path/fleet.go:12").
	Pos string `json:"pos,omitempty"`
}

// Column returns the column named name.
func (t *Table) Column(name string) (*Column, bool) {
	return find(t.Columns, func(c Column) bool { return c.Name == name })
}

// Column is one table column.
type Column struct {
	// Name is the SQL column name.
	Name string `json:"name"`
	// Type is the type as PostgreSQL's format_type() spells it: "uuid",
	// "character varying(80)", "timestamp with time zone", "text[]", or the
	// enum type name.
	Type string `json:"type"`
	// NotNull is true for NOT NULL columns (primary key and identity
	// columns included, as Postgres reports them).
	NotNull bool `json:"not_null,omitempty"`
	// Default is the DEFAULT SQL expression as written, "" when none.
	Default string `json:"default,omitempty"`
	// Identity is "", "ALWAYS" or "BY DEFAULT".
	Identity string `json:"identity,omitempty"`
	// Comment is the COMMENT ON COLUMN text, "" when none.
	Comment string `json:"comment,omitempty"`
	// RenamedFrom is the column's previous name, for the differ.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Enum names the enum type of an enum column (or of its elements).
	Enum string `json:"enum,omitempty"`
	// GoType is the Go type declared for a JSON or JSONB column.
	GoType *GoType `json:"go_type,omitempty"`
	// Pos is the DSL position that declared the column.
	Pos string `json:"pos,omitempty"`
}

// GoType is a Go type expression as written in a file that imports Imports.
type GoType struct {
	// Expr is the type expression, e.g. "map[string]any" or "[]fleet.Part".
	Expr string `json:"expr"`
	// Imports lists the packages Expr refers to, in order of appearance.
	Imports []GoImport `json:"imports,omitempty"`
}

// GoImport is one package a GoType refers to.
type GoImport struct {
	// Path is the import path.
	Path string `json:"path"`
	// Name is the package name Expr uses.
	Name string `json:"name"`
}

// Key is a primary key or UNIQUE constraint.
type Key struct {
	// Name is the constraint name.
	Name string `json:"name"`
	// Columns lists the key's columns in order.
	Columns []string `json:"columns"`
}

// ForeignKeyDef is a FOREIGN KEY constraint.
type ForeignKeyDef struct {
	// Name is the constraint name.
	Name string `json:"name"`
	// Columns lists the referencing columns.
	Columns []string `json:"columns"`
	// RefTable is the full name of the referenced table.
	RefTable string `json:"ref_table"`
	// RefColumns lists the referenced columns, in the order of Columns.
	RefColumns []string `json:"ref_columns"`
	// OnDelete is "CASCADE", "SET NULL", "SET DEFAULT" or "RESTRICT";
	// "" means NO ACTION.
	OnDelete string `json:"on_delete,omitempty"`
	// OnDeleteColumns limits a SET NULL or SET DEFAULT action to these
	// columns; empty means all of Columns.
	OnDeleteColumns []string `json:"on_delete_columns,omitempty"`
	// OnUpdate is like OnDelete, for updates of the referenced key.
	OnUpdate string `json:"on_update,omitempty"`
}

// CheckDef is a CHECK constraint.
type CheckDef struct {
	// Name is the constraint name.
	Name string `json:"name"`
	// Expr is the boolean SQL expression, without the surrounding CHECK ( ).
	Expr string `json:"expr"`
}

// IndexDef is an index that does not back a constraint.
type IndexDef struct {
	// Name is the index name.
	Name string `json:"name"`
	// Unique is true for a UNIQUE index.
	Unique bool `json:"unique,omitempty"`
	// Method is the access method: "btree", "gin", "gist", "hash", "brin".
	Method string `json:"method"`
	// Columns lists the entries: a column name or a parenthesised expression.
	Columns []string `json:"columns"`
	// Where is the predicate of a partial index, "" when none.
	Where string `json:"where,omitempty"`
}

// Policy is a row security policy.
type Policy struct {
	// Name is the policy name, unique within its table.
	Name string `json:"name"`
	// Command is "ALL", "SELECT", "INSERT", "UPDATE" or "DELETE".
	Command string `json:"command"`
	// Using is the USING expression, "" when none.
	Using string `json:"using,omitempty"`
	// WithCheck is the WITH CHECK expression, "" when none.
	WithCheck string `json:"with_check,omitempty"`
}

// TenantInfo says how a tenant-scoped table belongs to its tenant.
type TenantInfo struct {
	// Column is the tenant key column ("org_id").
	Column string `json:"column"`
	// RefTable is the full name of the tenant table.
	RefTable string `json:"ref_table"`
}

// VariantInfo describes a variant table of a polymorphic base.
type VariantInfo struct {
	// Base is the full name of the base table.
	Base string `json:"base"`
	// Kind is the discriminator value of this variant ("ice").
	Kind string `json:"kind"`
	// Column is the discriminator column, in both tables ("kind").
	Column string `json:"column"`
}

// SeedRow is one row of a reference table.
type SeedRow struct {
	// Columns lists the column names, in table order.
	Columns []string `json:"columns"`
	// Values lists SQL literals, one per column.
	Values []string `json:"values"`
}

// EnumType is a PostgreSQL enum type.
type EnumType struct {
	// Name is the type name.
	Name string `json:"name"`
	// Values lists the labels in sort order.
	Values []string `json:"values"`
	// Pos is the DSL position that declared the enum.
	Pos string `json:"pos,omitempty"`
}
