package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"github.com/google/uuid"
)

// Org is a tenant.
type Org struct{ ent.Schema }

// Annotations names the table.
func (Org) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "orgs"}}
}

// Fields of Org.
func (Org) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("id", uuid.UUID{}).Default(uuid.New),
		field.String("name"),
	}
}

// Item is a tenant-scoped, soft-deleted row. The tenant and soft-delete
// filters are written by hand in every query, as ent has no built-in
// convention for either.
type Item struct{ ent.Schema }

// Annotations names the table.
func (Item) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "items"}}
}

// Fields of Item.
func (Item) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.UUID("org_id", uuid.UUID{}),
		field.String("name"),
		field.Int("qty"),
		field.Time("deleted_at").Optional().Nillable(),
	}
}
