package plinth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/devdb"
)

func TestTxCommitsRollsBackAndNests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := plinth.Open(ctx, devdb.ForTest(t).Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ctx, "CREATE TABLE notes (body text NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	insert := func(tx pgx.Tx, body string) error {
		_, err := tx.Exec(ctx, "INSERT INTO notes VALUES ($1)", body)
		return err
	}
	boom := errors.New("boom")
	err = db.Tx(ctx, func(tx pgx.Tx) error {
		if err := insert(tx, "outer"); err != nil {
			return err
		}
		// A savepoint: its failure rolls back only its own work.
		if err := pgx.BeginFunc(ctx, tx, func(inner pgx.Tx) error {
			if err := insert(inner, "inner"); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Errorf("inner: %v, want boom", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Tx(ctx, func(tx pgx.Tx) error {
		if err := insert(tx, "rolled back"); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("failing Tx: %v, want boom", err)
	}
	rows, err := db.Query(ctx, "SELECT body FROM notes ORDER BY body")
	if err != nil {
		t.Fatal(err)
	}
	bodies, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 1 || bodies[0] != "outer" {
		t.Errorf("rows after the transactions: %q, want only [outer]", bodies)
	}
}
