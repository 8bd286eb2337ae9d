// Package schema is the benchmark's database, declared once with plinth's
// DSL. Every contender runs on the DDL rendered from it, so all of them
// read and write identical tables.
package schema

//go:generate go tool plinth generate . -out ../gen -pkg gen

import "github.com/factory-kit/plinth/schema"

var table = schema.TableCreator(nil)

// Models is the go-orm-benchmarks table (efectn/go-orm-benchmarks).
var Models = table("models",
	schema.Global(),
	schema.BigInt("id").Identity().PrimaryKey(),
	schema.Text("name").NotNull(),
	schema.Text("title").NotNull(),
	schema.Text("fax").NotNull(),
	schema.Text("web").NotNull(),
	schema.Integer("age").NotNull(),
	schema.Boolean("right").NotNull(),
	schema.BigInt("counter").NotNull(),
)

// Orgs are the tenants.
var Orgs = table("orgs",
	schema.UUID("id").PrimaryKey().DefaultRandom(),
	schema.Text("name").NotNull(),
)

// Items is a tenant-scoped, soft-delete table: the shape of most domain
// tables in a plinth application.
var Items = table("items",
	schema.BigInt("id").Identity().PrimaryKey(),
	schema.Tenant(Orgs),
	schema.Text("name").NotNull(),
	schema.Integer("qty").NotNull(),
	schema.SoftDelete(),
)

// Posts are the parents of the relation load.
var Posts = table("posts",
	schema.Global(),
	schema.BigInt("id").Identity().PrimaryKey(),
	schema.Text("title").NotNull(),
)

// Comments are the children of the relation load: ten per post.
var Comments = table("comments",
	schema.Global(),
	schema.BigInt("id").Identity().PrimaryKey(),
	schema.BigInt("post_id").NotNull().References(Posts.Col("id")).OnDelete(schema.Cascade),
	schema.Text("body").NotNull(),
	schema.Index("post_id"),
)

// Schema lists the benchmark's tables.
var Schema = schema.Registry{Models, Orgs, Items, Posts, Comments}
