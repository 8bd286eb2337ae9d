package query

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNotFound reports that a query expected a row and found none.
var ErrNotFound = errors.New("plinth: no row found")

// ErrNotSingular reports that One found more than one row.
var ErrNotSingular = errors.New("plinth: more than one row found where one was expected")

// ErrNoTenant reports a tenant-scoped table used through a scope that has
// no organization id: use Queries.Tenant(orgID), TenantFromContext, or the
// explicit AcrossTenants for reads and writes that span tenants.
var ErrNoTenant = errors.New("plinth: tenant-scoped table used without a tenant scope (use Tenant(orgID) or AcrossTenants())")

// ErrNoAssignment reports an update with nothing to set.
var ErrNoAssignment = errors.New("plinth: update sets no column (call Set)")

// ConstraintKind says which kind of constraint a write violated.
type ConstraintKind string

// The constraint kinds ConstraintError reports, with their SQLSTATE.
const (
	Unique     ConstraintKind = "unique"      // 23505
	ForeignKey ConstraintKind = "foreign key" // 23503
	Check      ConstraintKind = "check"       // 23514
	NotNull    ConstraintKind = "not null"    // 23502
	Exclusion  ConstraintKind = "exclusion"   // 23P01
)

var kindOf = map[string]ConstraintKind{
	"23505": Unique, "23503": ForeignKey, "23514": Check, "23502": NotNull, "23P01": Exclusion,
}

// ConstraintError is a write the database refused for a constraint. It
// wraps the *pgconn.PgError, so errors.As still finds that too.
type ConstraintError struct {
	// Kind is the kind of constraint violated.
	Kind ConstraintKind
	// Constraint is the constraint's name ("" for NOT NULL).
	Constraint string
	// Table is the table the write touched.
	Table string
	// Column names the column or columns involved, as the server reports
	// them ("email", or "org_id, email" for a composite key); "" when unknown.
	Column string
	// Err is the server's error.
	Err *pgconn.PgError
}

// Error says what was violated, where.
func (e *ConstraintError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "plinth: %s violation on %s", e.Kind, e.Table)
	if e.Column != "" {
		fmt.Fprintf(&b, " (%s)", e.Column)
	}
	if e.Constraint != "" {
		fmt.Fprintf(&b, ", constraint %s", e.Constraint)
	}
	if e.Err.Detail != "" {
		fmt.Fprintf(&b, ": %s", e.Err.Detail)
	}
	return b.String()
}

// Unwrap returns the server's error.
func (e *ConstraintError) Unwrap() error { return e.Err }

// IsUniqueViolation reports whether err is a unique constraint violation.
func IsUniqueViolation(err error) bool { return isKind(err, Unique) }

// IsForeignKeyViolation reports whether err is a foreign key violation.
func IsForeignKeyViolation(err error) bool { return isKind(err, ForeignKey) }

// IsCheckViolation reports whether err is a check constraint violation.
func IsCheckViolation(err error) bool { return isKind(err, Check) }

// IsNotNullViolation reports whether err is a NOT NULL violation.
func IsNotNullViolation(err error) bool { return isKind(err, NotNull) }

// IsConstraintError reports whether err is any constraint violation.
func IsConstraintError(err error) bool {
	var ce *ConstraintError
	return errors.As(err, &ce)
}

func isKind(err error, k ConstraintKind) bool {
	var ce *ConstraintError
	return errors.As(err, &ce) && ce.Kind == k
}

// wrapErr maps pgx's no-rows error to ErrNotFound and constraint
// violations to *ConstraintError; other errors pass unchanged.
func wrapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	kind, ok := kindOf[pe.Code]
	if !ok {
		return err
	}
	return &ConstraintError{Kind: kind, Constraint: pe.ConstraintName, Table: pe.TableName, Column: errColumn(pe), Err: pe}
}

// errColumn finds the column names of a violation: the server's column
// field when set, else the key list of a "Key (a, b)=(…)" detail.
func errColumn(pe *pgconn.PgError) string {
	if pe.ColumnName != "" {
		return pe.ColumnName
	}
	d, ok := strings.CutPrefix(pe.Detail, "Key (")
	if !ok {
		return ""
	}
	if i := strings.Index(d, ")="); i >= 0 {
		return d[:i]
	}
	return ""
}
