package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/factory-kit/plinth/guard"
	"github.com/jackc/pgx/v5"
)

const markHelp = `
Mark records in the database which environment it belongs to, in the
one-row table plinth_environment. guard.Check reads it at boot: a
non-production process that finds a database marked production refuses to
start, whatever URL it reached it by (another host name, an IP, a proxy).

Mark the production database once. Re-mark a copy of it (a restored dump,
a branch) with its own environment: the mark travels with the data.
Without --env, mark prints the current mark.`

func runMark(e *env, args []string) error {
	fs := newFlags(e, "mark", "mark [--env ENV] [--url URL]", markHelp)
	envName := fs.String("env", "", "the environment to record: production, preview, development, …")
	url := fs.String("url", "", "the database URL (default $DATABASE_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "plinth mark: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *url == "" {
		*url = os.Getenv("DATABASE_URL")
	}
	if *url == "" {
		return fmt.Errorf("mark: no database: pass --url or set DATABASE_URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, *url)
	if err != nil {
		return fmt.Errorf("mark: %w", err)
	}
	defer conn.Close(context.Background())
	if *envName != "" {
		if err := guard.Mark(ctx, conn, *envName); err != nil {
			return err
		}
	}
	mark, at, err := guard.ReadMark(ctx, conn)
	switch {
	case err != nil:
		return err
	case mark == "":
		fmt.Fprintln(e.stdout, "unmarked")
	default:
		fmt.Fprintf(e.stdout, "%s (marked %s)\n", mark, at.UTC().Format(time.RFC3339))
	}
	return nil
}
