// Package schema declares the benchmark tables for ent. The tables
// themselves are created from the plinth schema (bench/db/schema); these
// declarations only mirror them, and ent never migrates.
package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// Model is the go-orm-benchmarks row.
type Model struct{ ent.Schema }

// Annotations names the table.
func (Model) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "models"}}
}

// Fields of Model.
func (Model) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("name"),
		field.String("title"),
		field.String("fax"),
		field.String("web"),
		field.Int("age"),
		field.Bool("right"),
		field.Int64("counter"),
	}
}
