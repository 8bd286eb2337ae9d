package query

import (
	"context"
	"errors"

	"github.com/factory-kit/plinth/schema"
	"github.com/factory-kit/plinth/tenant"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Scope is the connection and the tenancy every generated query runs
// under. A tenant scope filters every read, update and delete of a
// tenant-scoped table by its organization id and sets that id on every
// insert; an unscoped one refuses tenant-scoped tables; AcrossTenants is
// the explicit way to span them.
type Scope struct {
	db     DB
	org    uuid.UUID
	orgArg any // org, boxed once so that queries do not box it again
	scoped bool
	across bool
	inTx   bool
	err    error
	// txOrg, on a scope over a transaction, is shared by every scope over
	// that transaction and records which tenant setting it holds, so that
	// its later operations need no round trip for it.
	txOrg *txTenant
}

// txTenant is the tenant setting a transaction holds: uuid.Nil when none
// is known. A transaction is used by one goroutine at a time, and so is
// this.
type txTenant struct{ org uuid.UUID }

// NewScope returns an unscoped Scope over db. When db is a pgx.Tx, row
// security settings are made inside it instead of in a new transaction.
func NewScope(db DB) *Scope {
	_, inTx := db.(pgx.Tx)
	s := &Scope{db: db, inTx: inTx}
	if inTx {
		s.txOrg = &txTenant{}
	}
	return s
}

// Tenant returns a scope restricted to org. The nil UUID yields a scope
// whose every query fails with ErrNoTenant.
func (s *Scope) Tenant(org uuid.UUID) *Scope {
	c := *s
	c.org, c.orgArg, c.scoped, c.across, c.err = org, org, true, false, nil
	if org == uuid.Nil {
		c.err = ErrNoTenant
	}
	return &c
}

// TenantFromContext returns a scope restricted to the organization id
// carried by ctx (tenant.WithOrg), or tenant.ErrNoTenant.
func (s *Scope) TenantFromContext(ctx context.Context) (*Scope, error) {
	org, err := tenant.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	return s.Tenant(org), nil
}

// AcrossTenants returns a scope that reads and writes tenant-scoped tables
// of every tenant. Inserts into them still need a tenant scope. On tables
// with row security, only a role with BYPASSRLS sees other tenants' rows.
func (s *Scope) AcrossTenants() *Scope {
	c := *s
	c.org, c.orgArg, c.scoped, c.across, c.err = uuid.Nil, nil, false, true, nil
	return &c
}

// Org returns the scope's organization id and whether it has one.
func (s *Scope) Org() (uuid.UUID, bool) { return s.org, s.scoped }

// DB returns the connection the scope runs on.
func (s *Scope) DB() DB { return s.db }

// Raw returns the raw SQL escape hatch over the scope's connection.
func (s *Scope) Raw() Raw { return Raw{db: s.db} }

// Tx runs fn in a transaction with a scope of the same tenancy, committing
// when fn returns nil and rolling back otherwise (a panic included). Inside
// a transaction it uses a savepoint, so calls nest.
func (s *Scope) Tx(ctx context.Context, fn func(tx *Scope) error) (err error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(ctx)
			panic(p)
		}
	}()
	c := *s
	c.db, c.inTx = tx, true
	if !s.inTx {
		c.txOrg = &txTenant{} // a new transaction holds no setting yet
	}
	if err := fn(&c); err != nil {
		if s.inTx {
			// Rolling back to the savepoint may undo a setting made in it.
			c.txOrg.org = uuid.Nil
		}
		if rerr := tx.Rollback(ctx); rerr != nil && !errors.Is(rerr, pgx.ErrTxClosed) {
			return errors.Join(err, rerr)
		}
		return err
	}
	return wrapErr(tx.Commit(ctx))
}

// check reports whether t may be used through s.
func (s *Scope) check(t *Shape) error {
	if s.err != nil {
		return s.err
	}
	if t.Tenant != "" && !s.scoped && !s.across {
		return ErrNoTenant
	}
	return nil
}

// filters reports whether reads and writes of t are filtered by tenant.
func (s *Scope) filters(t *Shape) bool { return t.Tenant != "" && s.scoped }

// InsertTenant returns the tenant argument of an insert into t: the
// scope's organization id (boxed), nil for a table that is not
// tenant-scoped, or ErrNoTenant.
func (s *Scope) InsertTenant(t *Shape) (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	if t.Tenant == "" {
		return nil, nil
	}
	if !s.scoped {
		return nil, ErrNoTenant
	}
	return s.orgArg, nil
}

// conn returns the connection to run one operation on t with. For a table
// with row security under a tenant scope, that is a transaction in which
// the tenant setting is set locally (or the caller's transaction, with the
// setting made in it); end then commits it.
func (s *Scope) conn(ctx context.Context, t *Shape) (DB, pgx.Tx, error) {
	if !t.RowSecurity || !s.scoped {
		return s.db, nil, nil
	}
	if s.inTx {
		if s.txOrg.org == s.org {
			return s.db, nil, nil
		}
		if err := setTenant(ctx, s.db, s.org); err != nil {
			return nil, nil, err
		}
		s.txOrg.org = s.org
		return s.db, nil, nil
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := setTenant(ctx, tx, s.org); err != nil {
		_ = tx.Rollback(ctx)
		return nil, nil, err
	}
	return tx, tx, nil
}

// setTenantSQL sets the tenant setting until the end of the transaction.
const setTenantSQL = "SELECT set_config('" + schema.TenantSetting + "', $1, true)"

func setTenant(ctx context.Context, db DB, org uuid.UUID) error {
	_, err := db.Exec(ctx, setTenantSQL, org.String())
	return err
}

// end finishes an operation begun with conn: it commits tx when err is nil
// and rolls it back otherwise. A nil tx leaves err as is.
func end(ctx context.Context, tx pgx.Tx, err error) error {
	if tx == nil {
		return wrapErr(err)
	}
	if err != nil {
		_ = tx.Rollback(ctx)
		return wrapErr(err)
	}
	return wrapErr(tx.Commit(ctx))
}

// deleted says which rows of a soft-delete table a query sees.
type deleted uint8

const (
	liveRows deleted = iota
	allRows
	deletedRows
)

// where appends the WHERE clause: tenant filter, soft-delete filter, then
// the caller's predicates.
func (s *Scope) where(b *builder, t *Shape, preds *predList, d deleted) {
	first := true
	and := func() {
		if first {
			b.str(" WHERE ")
			first = false
			return
		}
		b.str(" AND ")
	}
	if s.filters(t) {
		and()
		b.str(t.Tenant)
		b.str(" = ")
		b.arg(s.orgArg)
	}
	if t.SoftDelete != "" && d != allRows {
		and()
		b.str(t.SoftDelete)
		if d == liveRows {
			b.str(" IS NULL")
		} else {
			b.str(" IS NOT NULL")
		}
	}
	for i := range preds.len() {
		and()
		preds.at(i).render(b)
	}
}

// tenantArgs is the number of arguments the tenant filter of t binds.
func (s *Scope) tenantArgs(t *Shape) int {
	if s.filters(t) {
		return 1
	}
	return 0
}
