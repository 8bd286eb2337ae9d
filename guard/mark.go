package guard

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is what Mark and Check need of a connection; *pgx.Conn, pgx.Tx,
// *pgxpool.Pool and *plinth.DB have it.
type Querier interface {
	Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// MarkTable is the one-row table that records which environment a
// database belongs to. It lives on the search_path of the role that marks
// (public, usually) and is readable by every role.
const MarkTable = "plinth_environment"

const markDDL = `CREATE TABLE IF NOT EXISTS plinth_environment (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	env text NOT NULL CHECK (env <> ''),
	marked_at timestamptz NOT NULL DEFAULT now()
)`

// Mark records in the database behind conn that it is the database of
// environment env (Production, Preview, …), replacing any earlier mark.
// The role needs CREATE on the schema the first time, and INSERT and
// UPDATE on plinth_environment after. Mark the production database once,
// with plinth mark --env production; mark a copy of it (a restored dump, a
// branch) with its own environment, since the mark travels with the data.
func Mark(ctx context.Context, conn Querier, env string) error {
	env = CanonicalEnv(env)
	if env == "" {
		return errors.New("guard: Mark needs an environment name (production, preview, development, …)")
	}
	if _, err := conn.Exec(ctx, markDDL); err != nil {
		return fmt.Errorf("guard: creating %s: %w", MarkTable, err)
	}
	// Every role the application may connect as must be able to read the mark.
	// (A role that does not own the table only gets a warning here.)
	if _, err := conn.Exec(ctx, `GRANT SELECT ON plinth_environment TO PUBLIC`); err != nil {
		return fmt.Errorf("guard: granting SELECT on %s: %w", MarkTable, err)
	}
	_, err := conn.Exec(ctx, `INSERT INTO plinth_environment (env) VALUES ($1)
		ON CONFLICT (id) DO UPDATE SET env = EXCLUDED.env, marked_at = now()`, env)
	if err != nil {
		return fmt.Errorf("guard: marking the database as %s: %w", env, err)
	}
	return nil
}

// ReadMark returns the environment the database behind conn is marked
// with, and when it was marked; env is empty when it is not marked.
func ReadMark(ctx context.Context, conn Querier) (env string, markedAt time.Time, err error) {
	err = conn.QueryRow(ctx, `SELECT env, marked_at FROM plinth_environment`).Scan(&env, &markedAt)
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, pgx.ErrNoRows), errors.As(err, &pgErr) && pgErr.Code == "42P01": // undefined_table
		return "", time.Time{}, nil
	case errors.As(err, &pgErr) && pgErr.Code == "42501": // insufficient_privilege
		return "", time.Time{}, fmt.Errorf("guard: cannot read %s: %w; GRANT SELECT ON %[1]s TO PUBLIC (plinth mark does)", MarkTable, err)
	case err != nil:
		return "", time.Time{}, fmt.Errorf("guard: reading %s: %w", MarkTable, err)
	}
	return env, markedAt, nil
}
