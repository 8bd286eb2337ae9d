package schema

import "github.com/factory-kit/plinth/schema"

// Schema lists every table of the fleet example, domain by domain: the Go
// counterpart of a TypeScript schema's index.ts re-export.
var Schema = schema.Registry{
	// organizations.go
	Organizations, Members,
	// auth.go
	Users, Sessions, Accounts, Verifications,
	// fleet.go
	Customers, Vehicles, IceVehicles, BevVehicles,
	// analytics.go
	VehicleReadings,
	// reference.go
	Countries, States,
	// admin.go
	AdminActions,
}
