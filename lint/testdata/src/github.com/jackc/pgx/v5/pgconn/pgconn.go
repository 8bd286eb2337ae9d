// Package pgconn is a stub of pgx v5's pgconn with the signatures the analyzers look at.
package pgconn

import "context"

type CommandTag struct{}

type StatementDescription struct{}

type MultiResultReader struct{}

type PgConn struct{}

func (c *PgConn) Exec(ctx context.Context, sql string) *MultiResultReader { return nil }
