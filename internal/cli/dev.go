package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/factory-kit/plinth/devdb"
)

const devHelp = `
Dev manages the module's local throwaway PostgreSQL, started from the
machine's own PostgreSQL binaries (no Docker, no download). Its files live in
.plinth/dev at the module root (add .plinth/ to .gitignore).

	plinth dev up      start the cluster, or reuse the running one; prints DATABASE_URL=…
	plinth dev down    stop it
	plinth dev status  say whether it runs, and where
	plinth dev url     print its URL (fails when it is not running)
	plinth dev db NAME print the URL of database NAME on it, creating the
	                   database when missing (-fresh: drop and recreate it)

Use it in a shell with: eval "$(plinth dev up)"`

func runDev(e *env, args []string) error {
	fs := newFlags(e, "dev", "dev up|down|status|url [-dir DIR] [-tcp] [-port N]", devHelp)
	dir := fs.String("dir", "", "cluster directory (default .plinth/dev at the module root)")
	tcp := fs.Bool("tcp", false, "also listen on 127.0.0.1 (default: Unix socket only)")
	port := fs.Int("port", 0, "TCP port with -tcp (default: a free port)")
	fresh := fs.Bool("fresh", false, "with db: drop the database first")
	sub, rest, err := subcommand(fs, args)
	if err != nil {
		return err
	}
	var dbName string
	if sub == "db" {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			fmt.Fprintln(e.stderr, "plinth dev db: name the database: plinth dev db NAME [-fresh]")
			return errUsage
		}
		dbName, rest = rest[0], rest[1:]
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if *dir == "" {
		root, err := moduleRoot(".")
		if err != nil {
			return err
		}
		*dir = filepath.Join(root, ".plinth", "dev")
	}
	switch sub {
	case "up":
		c, err := devdb.Start(context.Background(), devdb.Config{Dir: *dir, Detached: true, TCP: *tcp, Port: *port})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "DATABASE_URL=%s\n", c.URL("postgres"))
		return nil
	case "down":
		running, _, err := devdb.Status(*dir)
		if err != nil {
			return err
		}
		if !running {
			fmt.Fprintln(e.stderr, "plinth dev: not running")
			return nil
		}
		c, err := devdb.Start(context.Background(), devdb.Config{Dir: *dir, Detached: true})
		if err != nil {
			return err
		}
		return c.Stop()
	case "status":
		running, url, err := devdb.Status(*dir)
		if err != nil {
			return err
		}
		if !running {
			fmt.Fprintf(e.stdout, "stopped (%s)\n", *dir)
			return nil
		}
		fmt.Fprintf(e.stdout, "running (%s)\nDATABASE_URL=%s\n", *dir, url)
		return nil
	case "db":
		running, url, err := devdb.Status(*dir)
		if err != nil {
			return err
		}
		if !running {
			return fmt.Errorf("dev: no cluster running in %s: start it with plinth dev up", *dir)
		}
		return devDatabase(e, url, dbName, *fresh)
	case "url":
		running, url, err := devdb.Status(*dir)
		if err != nil {
			return err
		}
		if !running {
			return fmt.Errorf("dev: no cluster running in %s: start it with plinth dev up", *dir)
		}
		fmt.Fprintln(e.stdout, url)
		return nil
	}
	fmt.Fprintf(e.stderr, "plinth dev: unknown subcommand %q (want up, down, status, url or db)\n", sub)
	return errUsage
}

// devDatabase creates (or, fresh, recreates) database name on the server at
// adminURL and prints its URL.
func devDatabase(e *env, adminURL, name string, fresh bool) error {
	srv, err := devdb.NewServer(adminURL)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := srv.EnsureDatabase(context.Background(), name, fresh); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "DATABASE_URL=%s\n", srv.URL(name))
	return nil
}
