package plinth

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is a PostgreSQL connection pool opened by Open. It has the query
// methods of *pgxpool.Pool (Exec, Query, QueryRow, SendBatch, CopyFrom,
// Begin), so generated query code and other pgx code take it as they take
// a pool; Pool returns the pool itself for the rest. A DB is safe for
// concurrent use.
type DB struct {
	pool *pgxpool.Pool
}

// Open returns a DB for the database at url, a postgres:// URL or a
// keyword/value DSN as pgx accepts them, pool settings (pool_max_conns, …)
// included. It fails at once when url cannot be parsed, and otherwise does
// not connect: the first connection is made when the first query, Ping or
// Begin needs one. (A pool_min_conns or pool_min_idle_conns setting in the
// URL asks for connections in the background, and so gives laziness up.)
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("plinth: database URL: %w", err)
	}
	for _, fn := range o.pool {
		fn(cfg)
	}
	cfg.BeforeConnect = chain(credentialsHook(o.credentials), cfg.BeforeConnect)
	cfg.AfterConnect = chain(versionHook(o.schemaVersion), cfg.AfterConnect)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("plinth: %w", err)
	}
	return &DB{pool: pool}, nil
}

// ErrCredentials wraps an error returned by the WithCredentials provider.
var ErrCredentials = errors.New("plinth: credentials provider failed")

func credentialsHook(provider func(context.Context) (string, error)) func(context.Context, *pgx.ConnConfig) error {
	if provider == nil {
		return nil
	}
	return func(ctx context.Context, cc *pgx.ConnConfig) error {
		password, err := provider(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCredentials, err)
		}
		cc.Password = password
		return nil
	}
}

func versionHook(want string) func(context.Context, *pgx.Conn) error {
	if want == "" {
		return nil
	}
	var verified atomic.Bool // set once one connection has seen the right version
	return func(ctx context.Context, conn *pgx.Conn) error {
		if verified.Load() {
			return nil
		}
		if err := checkSchemaVersion(ctx, conn, want); err != nil {
			return err
		}
		verified.Store(true)
		return nil
	}
}

// chain returns a hook that runs first, then then; either may be nil.
func chain[T any](first, then func(context.Context, T) error) func(context.Context, T) error {
	switch {
	case first == nil:
		return then
	case then == nil:
		return first
	}
	return func(ctx context.Context, v T) error {
		if err := first(ctx, v); err != nil {
			return err
		}
		return then(ctx, v)
	}
}
