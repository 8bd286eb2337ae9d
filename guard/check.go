package guard

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrWrongDatabase is matched (errors.Is) by every *WrongDatabaseError.
var ErrWrongDatabase = errors.New("guard: process is about to use another environment's database")

// WrongDatabaseError reports that a process is about to use the database
// of another environment: a non-production process the production
// database, or a production process a database marked non-production.
type WrongDatabaseError struct {
	// Env is the process's environment and EnvSource where it was read.
	Env, EnvSource string
	// URL is the normalized URL of the database (no credentials).
	URL string
	// Mark is the database's mark, when the mark caught it; empty when the
	// URL did (it equals a production URL).
	Mark string
	// MarkedAt is when the mark was set.
	MarkedAt time.Time
}

// Error says what was found and what to do.
func (e *WrongDatabaseError) Error() string {
	if e.Mark == "" {
		return fmt.Sprintf("guard: environment %q (from %s) is about to use the production database %s: refusing to start; "+
			"point DATABASE_URL at this environment's database", e.Env, e.EnvSource, e.URL)
	}
	return fmt.Sprintf("guard: environment %q (from %s) is about to use %s, which is marked as the %s database (since %s): refusing to start; "+
		"point DATABASE_URL at this environment's database, or, if the mark is wrong (a restored copy), re-mark it with plinth mark --env %s",
		e.Env, e.EnvSource, e.URL, e.Mark, e.MarkedAt.UTC().Format(time.RFC3339), e.Env)
}

// Is reports whether target is ErrWrongDatabase.
func (e *WrongDatabaseError) Is(target error) bool { return target == ErrWrongDatabase }

// Config says what Check compares. Its zero value reads everything from
// the environment.
type Config struct {
	// Env is the environment of this process. Empty means the first of
	// EnvVars that is set, and Development when none is: an unconfigured
	// process is treated as a non-production one, so a production
	// deployment that forgot its APP_ENV fails loudly on a marked
	// production database instead of another deployment writing to it
	// silently.
	Env string
	// EnvVars are the variables read when Env is empty; nil means
	// DefaultEnvVars.
	EnvVars []string
	// URL is the database URL the process is about to use; empty means
	// $DATABASE_URL.
	URL string
	// ProductionURLs are the production database's URLs, for the URL
	// comparison; nil means $PROD_DATABASE_URL when it is set. Only
	// production needs to know them; a preview deployment seldom does,
	// which is why the mark exists.
	ProductionURLs []string
	// DB reads the mark. Nil means Check connects to URL once with pgx;
	// pass the application's *plinth.DB when connecting needs more than
	// the URL (WithCredentials).
	DB Querier
	// SkipMark turns the database mark check off: Check then compares URLs only.
	SkipMark bool
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

func (c *Config) getenv(key string) string {
	if c.Getenv != nil {
		return c.Getenv(key)
	}
	return os.Getenv(key)
}

// Check refuses to let a process use another environment's database. Call
// it at boot, before serving, and exit on error. It fails with a
// *WrongDatabaseError when
//
//   - a non-production process's database URL equals, after NormalizeURL,
//     one of the production URLs; or
//   - the database itself says it is the production database (Mark) and
//     the process is not production, whatever URL reached it (another host
//     name, an IP address, a proxy, a socket); or
//   - a production process finds a database marked non-production.
//
// An unmarked database passes the second check: mark production once, and
// copies of it stay caught until they are re-marked. Any other failure
// (malformed URL, unreachable database, unreadable mark) is returned too:
// a guard that cannot check must not pass.
func Check(ctx context.Context, cfg Config) error {
	env, source := resolveEnv(&cfg)
	raw := cfg.URL
	if raw == "" {
		raw = cfg.getenv("DATABASE_URL")
	}
	if raw == "" && cfg.DB == nil {
		return errors.New("guard: no database to check: set DATABASE_URL, or Config.URL or Config.DB")
	}
	norm := "(Config.DB)"
	if raw != "" {
		var err error
		if norm, err = NormalizeURL(raw); err != nil {
			return err
		}
	}
	if !IsProduction(env) && raw != "" {
		if err := checkURL(&cfg, norm); err != nil {
			var wrong *WrongDatabaseError
			if errors.As(err, &wrong) {
				wrong.Env, wrong.EnvSource = env, source
			}
			return err
		}
	}
	if cfg.SkipMark {
		return nil
	}
	mark, at, err := readMarkOf(ctx, &cfg, raw)
	if err != nil {
		return err
	}
	if mark != "" && IsProduction(mark) != IsProduction(env) {
		return &WrongDatabaseError{Env: env, EnvSource: source, URL: norm, Mark: mark, MarkedAt: at}
	}
	return nil
}

func checkURL(cfg *Config, norm string) error {
	prod := cfg.ProductionURLs
	if prod == nil {
		if u := cfg.getenv("PROD_DATABASE_URL"); u != "" {
			prod = []string{u}
		}
	}
	for i, p := range prod {
		pn, err := NormalizeURL(p)
		if err != nil {
			return fmt.Errorf("guard: production URL %d: %w", i+1, err)
		}
		if pn == norm {
			return &WrongDatabaseError{URL: norm}
		}
	}
	return nil
}

func readMarkOf(ctx context.Context, cfg *Config, raw string) (string, time.Time, error) {
	if cfg.DB != nil {
		return ReadMark(ctx, cfg.DB)
	}
	conn, err := pgx.Connect(ctx, raw)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("guard: connecting to read the database's environment mark: %w", err)
	}
	defer conn.Close(context.Background())
	return ReadMark(ctx, conn)
}
