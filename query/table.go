package query

import (
	"strconv"
	"sync"
)

// Shape is what the runtime knows of a table: its quoted names, the plinth
// semantics it follows, and the statements that never change, which the
// generator renders once with these methods and writes into the generated
// code as constants.
type Shape struct {
	// Name is the quoted table name.
	Name string
	// CopyName is the unquoted table name, for COPY.
	CopyName string
	// Columns is the quoted select list, in row-struct field order.
	Columns string
	// Key lists the quoted primary key columns.
	Key []string
	// Tenant is the quoted tenant column, "" when the table is not tenant-scoped.
	Tenant string
	// SoftDelete is the quoted soft-delete column, "" when rows are deleted for real.
	SoftDelete string
	// UpdatedAt is the quoted column set to now() by every update, "" when none.
	UpdatedAt string
	// RowSecurity is true when the table's row security policies read the
	// tenant setting, which the tenant scope then sets in a transaction.
	RowSecurity bool
	// Insert lists the columns an insert writes, tenant column first.
	Insert []InsertColumn
	// GetSQL selects one live row by key, tenant-filtered when Tenant is set:
	// key arguments first, then the tenant id.
	GetSQL string
	// GetAcrossSQL is GetSQL without the tenant filter.
	GetAcrossSQL string
	// InsertSQL inserts one row, without RETURNING.
	InsertSQL string
	// InsertReturningSQL inserts one row and returns it.
	InsertReturningSQL string

	copyOnce sync.Once
	copyAll  []string // guarded by copyOnce
}

// InsertColumn is one column an insert writes.
type InsertColumn struct {
	// Name is the quoted column name.
	Name string
	// CopyName is the unquoted column name, for COPY.
	CopyName string
	// Default is the column's DEFAULT expression when the insert type
	// makes it optional; a nil value then means the default. "" otherwise.
	Default string
	// Cast is the column's SQL type, for the COALESCE that applies Default.
	Cast string
}

// Table is a Shape plus the scan function of its row type R.
type Table[R any] struct {
	Shape
	// Scan reads a row selected with Columns into r's fields.
	Scan func(s Scanner, r *R) error
}

// RenderGet renders the select-by-key statement, tenant-filtered unless across.
func (s *Shape) RenderGet(across bool) string {
	b := builder{}
	b.str("SELECT ")
	b.str(s.Columns)
	b.str(" FROM ")
	b.str(s.Name)
	b.str(" WHERE ")
	for i, k := range s.Key {
		if i > 0 {
			b.str(" AND ")
		}
		b.str(k)
		b.str(" = ")
		b.arg(nil)
	}
	if s.Tenant != "" && !across {
		b.str(" AND ")
		b.str(s.Tenant)
		b.str(" = ")
		b.arg(nil)
	}
	if s.SoftDelete != "" {
		b.str(" AND ")
		b.str(s.SoftDelete)
		b.str(" IS NULL")
	}
	return string(b.buf)
}

// RenderInsert renders an insert of rows rows, returning them when returning.
func (s *Shape) RenderInsert(rows int, returning bool) string {
	b := builder{}
	s.insertInto(&b, rows)
	if returning {
		s.returning(&b)
	}
	return string(b.buf)
}

func (s *Shape) insertInto(b *builder, rows int) {
	b.str("INSERT INTO ")
	b.str(s.Name)
	b.str(" (")
	for i, c := range s.Insert {
		if i > 0 {
			b.str(", ")
		}
		b.str(c.Name)
	}
	b.str(") VALUES ")
	n := 0
	for r := range rows {
		if r > 0 {
			b.str(", ")
		}
		b.str("(")
		for i, c := range s.Insert {
			if i > 0 {
				b.str(", ")
			}
			n++
			if c.Default == "" {
				b.str("$")
				b.buf = strconv.AppendInt(b.buf, int64(n), 10)
				continue
			}
			b.str("COALESCE($")
			b.buf = strconv.AppendInt(b.buf, int64(n), 10)
			b.str("::")
			b.str(c.Cast)
			b.str(", ")
			b.str(c.Default)
			b.str(")")
		}
		b.str(")")
	}
}

func (s *Shape) returning(b *builder) {
	b.str(" RETURNING ")
	b.str(s.Columns)
}
