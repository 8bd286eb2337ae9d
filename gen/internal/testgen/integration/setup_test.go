package integration_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"sync/atomic"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/gen/internal/testgen/schemas"
	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// appRole is a role without superuser rights, so that row security
// applies to it as it does to an application.
const appRole = "plinth_query_test_app"

// counter is a pgx tracer that counts the statements sent, set_config and
// transaction control aside.
type counter struct{ n atomic.Int64 }

func (c *counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	switch d.SQL {
	case "begin", "commit", "rollback":
	default:
		if len(d.SQL) < 10 || d.SQL[:10] != "SELECT set" {
			c.n.Add(1)
		}
	}
	return ctx
}

func (c *counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// db is one test's database.
type db struct {
	pool  *pgxpool.Pool
	count *counter
}

// setup returns a pool on a fresh branch of the schema named by the golden
// case name. As app, the pool's connections take the non-superuser role.
func setup(t testing.TB, name string, app bool) *db {
	t.Helper()
	ctx := context.Background()
	m, err := schema.New(schemas.Cases[name]()...)
	if err != nil {
		t.Fatal(err)
	}
	ddl := m.SQL()
	sum := sha256.Sum256([]byte(ddl))
	tpl, err := devdb.ForTest(t).Template(ctx, "query-"+name+"-"+hex.EncodeToString(sum[:8]), func(ctx context.Context, conn *pgx.Conn) error {
		if _, err := conn.Exec(ctx, ddl); err != nil {
			return err
		}
		_, err := conn.Exec(ctx, `DO $$ BEGIN CREATE ROLE `+appRole+`; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
			GRANT ALL ON ALL TABLES IN SCHEMA public TO `+appRole)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := pgxpool.ParseConfig(tpl.Branch(t))
	if err != nil {
		t.Fatal(err)
	}
	c := &counter{}
	cfg.ConnConfig.Tracer = c
	if app {
		cfg.AfterConnect = func(ctx context.Context, conn *pgx.Conn) error {
			_, err := conn.Exec(ctx, "SET ROLE "+appRole)
			return err
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return &db{pool: pool, count: c}
}
