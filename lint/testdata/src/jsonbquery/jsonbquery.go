package jsonbquery

import (
	"context"

	"github.com/factory-kit/plinth/query"
	"github.com/jackc/pgx/v5"
)

type attrs struct{ Tier string }

var (
	name  = query.Column[string]{Name: "name"}
	extra = query.JSONB[attrs]{Name: "custom_attributes"}
)

func sqlText(ctx context.Context, tx pgx.Tx) {
	tx.Query(ctx, "SELECT * FROM c WHERE custom_attributes->>'tier' = $1", "gold")     // want `query reaches inside JSONB \(->>\): a field that drives a query should be a real column: promote it \(add the column to the schema, backfill it in the migration, index it\)`
	tx.Query(ctx, "SELECT * FROM c WHERE custom_attributes @> $1")                     // want `JSONB \(@>\)`
	tx.Query(ctx, "SELECT * FROM c WHERE custom_attributes ? 'vip'")                   // want `JSONB \(\?\)`
	tx.Query(ctx, "SELECT * FROM c WHERE jsonb_path_exists(custom_attributes, '$.a')") // want `JSONB \(jsonb_path_exists\)`
	tx.Query(ctx, "SELECT custom_attributes FROM c WHERE id = $1")
	tx.Query(ctx, "SELECT * FROM c WHERE tags @> ARRAY['a']")
	tx.Query(ctx, "SELECT * FROM c WHERE note = 'a->>b' -- attrs->>'x'")
	tx.Exec(ctx, "INSERT INTO c (custom_attributes) VALUES ('{\"a\": 1}')")

	//plinth:allow-jsonb admin search, promoted in #123
	tx.Query(ctx, "SELECT * FROM c WHERE custom_attributes->>'tier' = $1", "gold")
}

func builders(s *query.Select) {
	s.Where(extra.Path("tier").Eq("gold"))            // want `Where on a value inside a JSONB column: a field that drives a query should be a real column`
	s.Where(name.Eq("Acme"), extra.Contains(attrs{})) // want `Where on a value`
	s.OrderBy(extra.Path("tier").Asc())               // want `OrderBy on a value`
	s.Where(name.Eq("Acme")).OrderBy(name.Asc())
	s.Where(extra.IsNull()) // a NULL test of the column, not a query inside it
	_ = extra.Path("tier")  // outside Where and OrderBy: reading the value is fine
}
