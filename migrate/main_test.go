package migrate_test

import (
	"context"
	"os"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// sandbox returns a Sandbox on the test server.
func sandbox(t testing.TB) *migrate.Sandbox {
	t.Helper()
	return migrate.NewSandbox(devdb.ForTest(t))
}

// database connects to a fresh database of its own for the test, holding sql.
func database(t testing.TB, sql string) *pgx.Conn {
	t.Helper()
	conn := connect(t, devdb.ForTest(t).Database(t))
	if sql != "" {
		if _, err := conn.Exec(context.Background(), sql); err != nil {
			t.Fatalf("preparing the database: %v\n%s", err, sql)
		}
	}
	return conn
}

func connect(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// build builds the model of reg, failing the test on error; nil for no tables.
func build(t testing.TB, reg schema.Registry) *schema.Model {
	t.Helper()
	if len(reg) == 0 {
		return &schema.Model{}
	}
	m, err := schema.New(reg...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
