package schema

import "github.com/factory-kit/plinth/schema"

// Customers are an organization's customers. What drives a query is a
// column; the free-form attributes nobody filters on live in JSONB.
var Customers = table("customers",
	id(),
	tenant(),
	schema.Text("name").NotNull(),
	schema.Text("email"),
	schema.JSONB[map[string]any]("custom_attributes").NotNull().Default("'{}'::jsonb"),
	schema.Unique("org_id", "email"),
	schema.Index("org_id", "name"),
	schema.SoftDelete(),
	schema.Timestamps(),
).Comment("Customers of an organization; soft-deleted, so a deleted customer can be restored")

// Vehicles are the base of the polymorphic vehicle tables: what every
// vehicle has. A vehicle has at most one variant (ICE or BEV): its kind
// column names the variant, and the database refuses a variant row of
// another kind.
var Vehicles = table("vehicles",
	id(),
	tenant(),
	schema.UUID("customer_id").NotNull().References(Customers.Col("id")).OnDelete(schema.Cascade),
	schema.Text("make").NotNull(),
	schema.Text("model").NotNull(),
	schema.SmallInt("model_year").NotNull().Check("model_year BETWEEN 1886 AND 2100"),
	schema.Varchar("vin", 17).Check("length(vin) = 17"),
	schema.Unique("org_id", "vin"),
	schema.Index("customer_id"),
	schema.Timestamps(),
)

// FuelType is what an internal-combustion vehicle burns.
var FuelType = schema.Enum("fuel_type", "gasoline", "diesel", "hybrid")

// ChargerType is the charging standard of a battery-electric vehicle.
var ChargerType = schema.Enum("charger_type", "j1772", "ccs", "nacs", "chademo")

// IceVehicles carry only what an internal-combustion vehicle has.
var IceVehicles = table("ice_vehicles",
	schema.Variant(Vehicles, "ice"),
	tenant(),
	FuelType.Column("fuel_type").NotNull(),
	schema.Numeric("mpg", 5, 1).Check("mpg > 0"),
	schema.Timestamps(),
)

// BevVehicles carry only what a battery-electric vehicle has; a BEV may
// replace one of the fleet's ICE vehicles.
var BevVehicles = table("bev_vehicles",
	schema.Variant(Vehicles, "bev"),
	tenant(),
	schema.Numeric("battery_kwh", 6, 1).NotNull().Check("battery_kwh > 0"),
	ChargerType.Column("charger_type").NotNull(),
	schema.UUID("replacing_ice_vehicle_id").References(IceVehicles.Col("id")).OnDelete(schema.SetNull),
	schema.Timestamps(),
)
