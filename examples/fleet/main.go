// Command fleet is plinth's example application: the data layer of a fleet
// advisory service (organizations, customers, ICE and BEV vehicles,
// telemetry, reference tables, an admin activity log), built only with
// plinth.
//
//	fleet demo          run the tour of plinth's conventions (make demo)
//	fleet serve [-addr] serve the JSON API, tenant from the X-Org-ID header
//
// Both read DATABASE_URL and expect the migrations to have been applied
// (plinth migrate): fleet never migrates.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/examples/fleet/db/gen"
	"github.com/factory-kit/plinth/examples/fleet/internal/api"
	"github.com/factory-kit/plinth/examples/fleet/internal/demo"
	"github.com/factory-kit/plinth/guard"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: fleet demo | fleet serve [-addr :8080]")
		return 2
	}
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		fmt.Fprintln(stderr, "fleet: set DATABASE_URL (plinth dev up prints one)")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch args[0] {
	case "demo":
		err = demo.Run(ctx, url, stdout)
	case "serve":
		err = serve(ctx, url, args[1:], stderr)
	default:
		fmt.Fprintf(stderr, "fleet: unknown command %q\n", args[0])
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "fleet: %v\n", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, url string, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Boot-time assertion: a preview or development process must not use
	// the production database.
	if err := guard.Check(ctx, guard.Config{URL: url}); err != nil {
		return err
	}
	db, err := plinth.Open(ctx, url, plinth.WithSchemaVersion(gen.SchemaVersion)) // refuse a database that lacks a migration
	if err != nil {
		return err
	}
	defer db.Close()
	srv := &http.Server{Addr: *addr, Handler: api.Handler(gen.New(db)), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("fleet: serving on http://%s (send %s: <organization id>)", *addr, api.OrgHeader)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
