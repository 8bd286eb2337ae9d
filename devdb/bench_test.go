package devdb

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// BenchmarkClusterColdStart measures initdb plus server start plus the first
// connection, and the stop that follows.
func BenchmarkClusterColdStart(b *testing.B) {
	for b.Loop() {
		c, err := Start(context.Background(), Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := c.Stop(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// fiftyTables is DDL for 50 tables, each with a foreign key to the previous
// one, a unique key and two indexes.
func fiftyTables() string {
	var sb strings.Builder
	for i := range 50 {
		fmt.Fprintf(&sb, "CREATE TABLE t%02d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, code text UNIQUE, created_at timestamptz NOT NULL DEFAULT now()", i)
		if i > 0 {
			fmt.Fprintf(&sb, ", parent_id bigint REFERENCES t%02d(id) ON DELETE CASCADE", i-1)
		}
		sb.WriteString(");\n")
		fmt.Fprintf(&sb, "CREATE INDEX t%02d_name_idx ON t%02d (name);\nCREATE INDEX t%02d_created_idx ON t%02d (created_at DESC);\n", i, i, i, i)
	}
	return sb.String()
}

// BenchmarkBranch50Tables clones a migrated 50-table template.
func BenchmarkBranch50Tables(b *testing.B) {
	ctx := context.Background()
	ddl := fiftyTables()
	tpl, err := ForTest(b).Template(ctx, "bench-50-"+ddl, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, ddl)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tpl.Branch(b)
	}
}

// BenchmarkApplyDDL50Tables creates an empty database and applies the same
// DDL to it: what every test would pay without templates.
func BenchmarkApplyDDL50Tables(b *testing.B) {
	ctx := context.Background()
	ddl := fiftyTables()
	srv := ForTest(b)
	for b.Loop() {
		conn, err := pgx.Connect(ctx, srv.Database(b))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := conn.Exec(ctx, ddl); err != nil {
			b.Fatal(err)
		}
		conn.Close(ctx)
	}
}
