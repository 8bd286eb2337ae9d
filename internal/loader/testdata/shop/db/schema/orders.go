package schema

import "github.com/factory-kit/plinth/schema"

// Orders belong to an organization.
var Orders = table("orders",
	schema.UUID("id").PrimaryKey().DefaultRandom(),
	schema.Tenant(Organizations),
	schema.Text("reference").NotNull(),
	schema.SoftDelete(),
	schema.Timestamps(),
	schema.Unique("org_id", "reference"),
)
