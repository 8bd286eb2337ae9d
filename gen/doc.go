// Package gen renders the Go code of a schema model: for each table a row
// type, an insert type, typed column handles and a query entry point over
// the query runtime, one file per table plus one shared file, gofmt'ed and
// headed by Header. It reads only the schema.Model, never a database.
//
//	files, err := gen.Generate(model, gen.Options{Package: "db"})
//
// The statements that never change (insert one row, select by key) are
// rendered here, once, and written into the generated code as constants.
package gen
