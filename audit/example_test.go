package audit_test

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/factory-kit/plinth/audit"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

func ExampleLogger_Log() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	logger := audit.New(pool, audit.Config{
		Table:   "fleet_admin_actions",
		OnError: func(err error) { slog.Warn("audit log", "err", err) },
	})
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		logger.Close(ctx) // writes what is still queued
	}()

	customer := uuid.New()
	if _, err := pool.Exec(ctx, `UPDATE customers SET name = $2 WHERE id = $1`, customer, "ACME"); err != nil {
		panic(err)
	}
	logger.Log(audit.Event{ActorID: uuid.New(), Action: "customer.rename", SubjectType: "customer", SubjectID: customer,
		Metadata: []byte(`{"to":"ACME"}`)})
}
