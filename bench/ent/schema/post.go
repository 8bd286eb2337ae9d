package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Post is the parent of the relation load.
type Post struct{ ent.Schema }

// Annotations names the table.
func (Post) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "posts"}}
}

// Fields of Post.
func (Post) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("title"),
	}
}

// Edges of Post.
func (Post) Edges() []ent.Edge {
	return []ent.Edge{edge.To("comments", Comment.Type)}
}

// Comment is a child of a Post.
type Comment struct{ ent.Schema }

// Annotations names the table.
func (Comment) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "comments"}}
}

// Fields of Comment.
func (Comment) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("post_id"),
		field.String("body"),
	}
}

// Edges of Comment.
func (Comment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("post", Post.Type).Ref("comments").Field("post_id").Unique().Required(),
	}
}
