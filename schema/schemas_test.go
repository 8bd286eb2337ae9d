package schema_test

import (
	"time"

	"github.com/factory-kit/plinth/schema"
)

// Settings is a JSONB payload type whose Go type the model records.
type Settings struct {
	Theme   string         `json:"theme"`
	Updated time.Time      `json:"updated"`
	Extra   map[string]any `json:"extra,omitempty"`
}

// fleetSchema is the fleet domain: tenants, customers, vehicles.
func fleetSchema() schema.Registry {
	table := schema.TableCreator(func(name string) string { return "fleet_" + name })
	orgs := table("organizations",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Text("name").NotNull(),
		schema.JSONB[Settings]("settings"),
		schema.Timestamps(),
	)
	status := schema.Enum("customer_status", "active", "churned")
	customers := table("customers",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Tenant(orgs, schema.RowLevelSecurity()),
		schema.Text("name").NotNull().Comment("Display name"),
		schema.Varchar("email", 200).Unique(),
		status.Column("status").NotNull().Default("'active'"),
		schema.JSONB[map[string]any]("custom_attributes").NotNull().Default("'{}'::jsonb"),
		schema.Array(schema.Text("tags")).NotNull().Default("'{}'"),
		schema.SoftDelete(),
		schema.Timestamps(),
		schema.Index("name"),
		schema.Index("(lower(email))").Unique(),
		schema.Index("tags").Using("gin"),
	).Comment("Customers of an organization")
	users := table("users",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Tenant(orgs),
		schema.Text("email").NotNull(),
		schema.Unique("org_id", "email"),
		schema.Timestamps(),
	).Domain("auth")
	vehicles := table("vehicles",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Tenant(orgs),
		schema.UUID("customer_id").NotNull().References(customers.Col("id")).OnDelete(schema.Cascade),
		schema.UUID("driver_id").References(users.Col("id")).OnDelete(schema.SetNull),
		schema.Text("vin").NotNull().Check("length(vin) = 17"),
		schema.Integer("year").NotNull(),
		schema.Check("year > 1885"),
		schema.Index("customer_id", "year").Where("year >= 2000"),
		schema.Timestamps(),
	)
	return schema.Registry{orgs, customers, users, vehicles}
}

// typesSchema uses every column type and column modifier.
func typesSchema() schema.Registry {
	table := schema.TableCreator(nil)
	mood := schema.Enum("mood", "sad", "ok", "happy")
	return schema.Registry{table("everything",
		schema.BigInt("id").Identity().PrimaryKey(),
		schema.Integer("seq").IdentityByDefault(),
		schema.UUID("u"),
		schema.Text("t").RenamedFrom("old_t"),
		schema.Varchar("v", 80),
		schema.Boolean("b").NotNull().Default("false"),
		schema.SmallInt("s"),
		schema.Integer("i"),
		schema.BigInt("bi"),
		schema.Numeric("price", 10, 2),
		schema.Numeric("any_numeric", 0, 0),
		schema.Real("r"),
		schema.DoublePrecision("d"),
		schema.Date("day"),
		schema.Timestamp("ts"),
		schema.Timestamptz("tstz").DefaultNow(),
		schema.Interval("iv"),
		schema.Bytea("blob"),
		schema.JSONB[[]*Settings]("settings_list"),
		schema.JSON[map[string][]int]("raw"),
		schema.Typed("addr", "inet"),
		mood.Column("mood"),
		mood.Column("moods").Array(),
		schema.Integer("scores").Array(),
		schema.Varchar("codes", 3).Array(),
	).RenamedFrom("all_types")}
}

// namingSchema needs quoting and shortened names.
func namingSchema() schema.Registry {
	table := schema.TableCreator(nil)
	long := "a_table_name_that_is_long_enough_to_push_derived_names_over"
	return schema.Registry{
		table("user",
			schema.Integer("order").PrimaryKey(),
			schema.Text("Select").Unique(),
			schema.Text("group"),
			schema.Unique("group", "Select").Named("user group key"),
		),
		table(long,
			schema.UUID("id").PrimaryKey(),
			schema.Text("another_rather_long_column_name").Unique(),
			schema.Index("another_rather_long_column_name", "id"),
		),
	}
}

// variantsSchema has a polymorphic base with two variants, one of them
// referencing the other, all tenant-scoped, and a reference cycle.
func variantsSchema() schema.Registry {
	table := schema.TableCreator(func(name string) string { return "app_" + name })
	orgs := table("orgs", schema.UUID("id").PrimaryKey().DefaultRandom())
	vehicleTypes := table("vehicle_types",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Tenant(orgs),
		schema.Text("make").NotNull(),
		schema.Text("model").NotNull(),
	)
	ice := table("ice_vehicles",
		schema.Variant(vehicleTypes, "ice"),
		schema.Tenant(orgs),
		schema.Numeric("mpg", 5, 1),
	)
	bev := table("bev_vehicles",
		schema.Variant(vehicleTypes, "bev"),
		schema.Tenant(orgs),
		schema.Numeric("battery_kwh", 6, 1).NotNull(),
		schema.UUID("replacing_ice_vehicle_id").References(ice.Col("id")),
	)
	// A cycle: teams name a lead member, members belong to a team.
	teams := table("teams",
		schema.Global(),
		schema.UUID("id").PrimaryKey(),
		schema.UUID("lead_id").References(schema.Ref("app_members", "id")),
	)
	members := table("members",
		schema.Global(),
		schema.UUID("id").PrimaryKey(),
		schema.UUID("team_id").NotNull().References(teams.Col("id")).OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
	)
	return schema.Registry{orgs, vehicleTypes, ice, bev, teams, members}
}

// referenceSchema has lookup tables with seed rows and a composite key.
func referenceSchema() schema.Registry {
	table := schema.TableCreator(nil)
	countries := table("countries",
		schema.Reference(),
		schema.Varchar("code", 2).PrimaryKey(),
		schema.Text("name").NotNull(),
		schema.Boolean("eu").NotNull().Default("false"),
	).Seed(
		schema.Row{"code": "US", "name": "United States", "eu": false},
		schema.Row{"code": "FR", "name": "France", "eu": true},
	)
	states := table("states",
		schema.Reference(),
		schema.Varchar("country", 2).NotNull().References(countries.Col("code")).OnDelete(schema.Restrict),
		schema.Text("code").NotNull(),
		schema.Text("name").NotNull(),
		schema.Integer("rank"),
		schema.Numeric("area", 12, 2),
		schema.PrimaryKey("country", "code"),
	).Seed(
		schema.Row{"country": "US", "code": "NY", "name": "New York", "rank": 4, "area": 141297.5},
		schema.Row{"country": "US", "code": "TX", "name": "Texas's", "rank": nil, "area": schema.Expr("695662 * 1.0")},
	)
	return schema.Registry{countries, states}
}
