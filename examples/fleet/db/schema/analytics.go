package schema

import "github.com/factory-kit/plinth/schema"

// VehicleReadings is telemetry over time. Every measured value the
// dashboards filter or aggregate is a real column, indexed by vehicle and
// time: putting this data in a JSONB envelope, queried at dashboard load, is the
// failure mode this layout avoids.
var VehicleReadings = table("vehicle_readings",
	schema.BigInt("id").Identity().PrimaryKey(),
	tenant(),
	schema.UUID("vehicle_id").NotNull().References(Vehicles.Col("id")).OnDelete(schema.Cascade),
	schema.Timestamptz("recorded_at").NotNull(),
	schema.Numeric("odometer_km", 10, 1),
	schema.Real("speed_kph"),
	schema.Real("fuel_level_pct").Check("fuel_level_pct BETWEEN 0 AND 100"),
	schema.Real("state_of_charge_pct").Check("state_of_charge_pct BETWEEN 0 AND 100"),
	schema.Index("vehicle_id", "recorded_at"),
	schema.Index("recorded_at").Using("brin"),
	schema.Timestamps(),
)
