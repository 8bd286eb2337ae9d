package plinth_test

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/factory-kit/plinth"
)

// rdsToken stands for a cloud SDK call such as the AWS auth.BuildAuthToken.
func rdsToken(ctx context.Context) (string, error) { return "token", nil }

func ExampleOpen() {
	ctx := context.Background()
	db, err := plinth.Open(ctx, os.Getenv("DATABASE_URL"),
		plinth.WithCredentials(rdsToken), // a fresh token for every new connection
		plinth.WithSchemaVersion("0007"), // generated code's version; never migrates
	)
	if err != nil {
		log.Fatal(err) // malformed URL: nothing has connected yet
	}
	defer db.Close()

	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.Ping(ctx); err != nil { // optional: connect and verify at boot
		log.Fatal(err) // e.g. "database is at schema version 0006, this binary needs 0007: run `plinth migrate` …"
	}
}
