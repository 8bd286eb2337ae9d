package schema

import "github.com/factory-kit/plinth/schema"

// Countries is a lookup table whose rows ship with the schema.
var Countries = table("countries",
	schema.Reference(),
	schema.Varchar("code", 2).PrimaryKey(),
	schema.Text("name").NotNull(),
	schema.Timestamps(),
).Seed(
	schema.Row{"code": "US", "name": "United States"},
	schema.Row{"code": "CA", "name": "Canada"},
	schema.Row{"code": "DE", "name": "Germany"},
)

// States lists the states and provinces of the countries above.
var States = table("states",
	schema.Reference(),
	schema.Varchar("country_code", 2).NotNull().References(Countries.Col("code")).OnDelete(schema.Restrict),
	schema.Varchar("code", 3).NotNull(),
	schema.Text("name").NotNull(),
	schema.PrimaryKey("country_code", "code"),
	schema.Timestamps(),
).Seed(
	schema.Row{"country_code": "US", "code": "CA", "name": "California"},
	schema.Row{"country_code": "US", "code": "MI", "name": "Michigan"},
	schema.Row{"country_code": "US", "code": "NY", "name": "New York"},
	schema.Row{"country_code": "CA", "code": "ON", "name": "Ontario"},
	schema.Row{"country_code": "DE", "code": "BY", "name": "Bavaria"},
)
