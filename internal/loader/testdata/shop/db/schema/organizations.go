package schema

import "github.com/factory-kit/plinth/schema"

// Organizations are the tenants.
var Organizations = table("organizations",
	schema.UUID("id").PrimaryKey().DefaultRandom(),
	schema.Text("name").NotNull(),
	schema.Timestamps(),
)
