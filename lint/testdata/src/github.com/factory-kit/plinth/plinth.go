// Package plinth is a stub of plinth's root package: its raw escape hatch
// takes SQL in a parameter named sql or query.
package plinth

import "context"

type DB struct{}

func (db *DB) RawExec(ctx context.Context, sql string, args ...any) error { return nil }
func (db *DB) Raw(query string, args ...any) error                        { return nil }

// Named is not an escape hatch: its string parameter is not SQL.
func (db *DB) Named(name string) error { return nil }
