// Package schema is the fleet example's data model, one file per domain:
// shared (the table creator), auth, organizations,
// fleet, analytics, reference and admin. index.go lists every table in the
// one Registry value that plinth reads.
package schema

import "github.com/factory-kit/plinth/schema"

// table prefixes every table with fleet_, so that the schema can share a
// database with other applications (Drizzle's pgTableCreator does the same).
var table = schema.TableCreator(func(name string) string { return "fleet_" + name })

// id is the primary key every entity table starts with.
func id() *schema.ColumnBuilder { return schema.UUID("id").PrimaryKey().DefaultRandom() }

// tenant scopes a table to an organization, with row-level security as a
// second wall behind the generated queries.
func tenant() schema.Part { return schema.Tenant(Organizations, schema.RowLevelSecurity()) }
