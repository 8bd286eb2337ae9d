// Package query is the small runtime that plinth's generated code calls:
// typed column handles, predicates, and the select, insert, update and
// delete builders over pgx v5.
//
// Users meet it through their generated package:
//
//	q := db.New(pool).Tenant(orgID)
//	c, err := q.Customers.Insert(db.NewCustomer{Name: "Acme"}).Returning(ctx)
//	list, err := q.Customers.Select().Where(db.Customers.Name.Like("Ac%")).All(ctx)
//	n, err := q.Customers.Update().Set(db.Customers.Name.To("ACME")).Where(db.Customers.ID.Eq(c.ID)).Exec(ctx)
//
// The conventions live here rather than in each call: a Scope carries the
// tenant, and every statement on a tenant-scoped table is filtered by it;
// soft-deleted rows are left out unless asked for; updates set updated_at;
// Update and Delete have no Exec until Where or All chooses their rows.
//
// Statements are built into pooled buffers and interned by text, so a
// statement shape is built once per process; the unchanging statements
// (insert one row, select by key) are constants in the generated code.
// Rows are scanned straight into the generated structs' fields.
package query
