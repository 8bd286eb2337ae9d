// Package schema is plinth's schema DSL and the plain-value Model it builds.
//
// A project declares its schema once, in Go, one file per domain, and lists
// the tables in one Registry value. The Model built from it drives the
// migrations, the generated Go types and the generated queries; the
// migration differ introspects a live database into the same Model types.
//
// # Declaring tables
//
// A table creator applies the project's table prefix; columns, keys,
// indexes and mixins are the table's parts:
//
//	var table = schema.TableCreator(func(name string) string { return "fleet_" + name })
//
//	var Organizations = table("organizations",
//		schema.UUID("id").PrimaryKey().DefaultRandom(),
//		schema.Text("name").NotNull(),
//		schema.Timestamps(),
//	)
//
//	var CustomerStatus = schema.Enum("customer_status", "active", "churned")
//
//	var Customers = table("customers",
//		schema.UUID("id").PrimaryKey().DefaultRandom(),
//		schema.Tenant(Organizations, schema.RowLevelSecurity()),
//		schema.Text("name").NotNull(),
//		schema.Varchar("email", 200).Unique(),
//		CustomerStatus.Column("status").NotNull().Default("'active'"),
//		schema.JSONB[map[string]any]("custom_attributes").NotNull().Default("'{}'::jsonb"),
//		schema.SoftDelete(),
//		schema.Timestamps(),
//		schema.Index("name"),
//	).Comment("Customers of an organization")
//
//	var Schema = schema.Registry{Organizations, Customers}
//
// Column types are spelled as PostgreSQL's format_type() spells them, so a
// model built from the DSL equals one introspected from the database.
// References take a column of another table: UUID("owner_id").
// References(Users.Col("id")).OnDelete(schema.Cascade); Ref("fleet_users",
// "id") names a table by its SQL name where Go's initialization order
// forbids naming the variable (reference cycles).
//
// # Conventions the mixins apply
//
//   - Timestamps: created_at and updated_at, timestamptz NOT NULL DEFAULT
//     now(); generated updates maintain updated_at.
//   - SoftDelete: deleted_at; unique keys become partial unique indexes over
//     live rows, except keys that contain the primary key.
//   - Tenant: org_id NOT NULL referencing the tenant table ON DELETE CASCADE,
//     indexed; foreign keys between tenant-scoped tables include org_id, so
//     the database refuses a row pointing at another tenant's row.
//     RowLevelSecurity adds a policy reading the TenantSetting session setting.
//     Once a schema has tenant-scoped tables, every other table must be the
//     tenant table, a Reference table, or marked Global (shared by every
//     tenant on purpose), so a domain table cannot lose its tenant key by
//     omission.
//   - Variant: a variant table shares its base's primary key; the
//     discriminator kind and the foreign key (id, kind) let a base row have
//     at most one variant.
//   - Reference: a lookup table whose rows ship with the schema (Seed).
//
// # Building and rendering
//
// New(Schema...) builds the Model and reports every problem at once, each
// a *Error naming the DSL position, the table and the column. Model.SQL
// renders the complete DDL; CreateTableSQL, IndexSQL, ForeignKeySQL and the
// other …SQL functions render single objects the same way, for the
// migration differ.
package schema
