package devdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Server is a PostgreSQL server that devdb creates template and branch
// databases on: a cluster it started, or an existing server named by URL.
type Server struct {
	adminURL string // a superuser (or CREATEDB) connection to a maintenance database

	mu        sync.Mutex           // guards templates
	templates map[string]*Template // built templates by name, to skip the lock on reuse

	poolMu sync.Mutex    // guards pool
	pool   *pgxpool.Pool // admin connections for CREATE and DROP DATABASE, nil until used
}

// NewServer returns a Server for the existing server at rawURL. The role in
// the URL needs CREATEDB.
func NewServer(rawURL string) (*Server, error) {
	if _, err := pgx.ParseConfig(rawURL); err != nil {
		return nil, fmt.Errorf("devdb: server URL: %w", err)
	}
	return &Server{adminURL: rawURL, templates: map[string]*Template{}}, nil
}

// Server returns the Server of the cluster.
func (c *Cluster) Server() *Server {
	s, _ := NewServer(c.URL("postgres"))
	return s
}

// URL returns the server URL with its database replaced by dbname.
func (s *Server) URL(dbname string) string {
	u, err := url.Parse(s.adminURL)
	if err != nil || u.Scheme == "" {
		// keyword/value form: "host=... dbname=..."
		return s.adminURL + " dbname=" + dbname
	}
	u.Path = "/" + dbname
	u.RawPath = ""
	return u.String()
}

// Template is a database built once per content key, cloned by Branch.
type Template struct {
	srv  *Server
	name string
}

// Name is the template database's name.
func (t *Template) Name() string { return t.name }

// TemplateName returns the database name devdb uses for a content key.
func TemplateName(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "plinth_tpl_" + hex.EncodeToString(sum[:10])
}

// Template returns the template database for key, building it with migrate
// if no process has yet. key identifies the content (for example a hash of
// the DDL or of the migrations applied): the same key reuses the same
// database on this server, in this process, in other processes, and in later
// runs. Builders in concurrent processes are serialized by an advisory lock,
// so exactly one of them runs migrate.
func (s *Server) Template(ctx context.Context, key string, migrate func(ctx context.Context, conn *pgx.Conn) error) (*Template, error) {
	name := TemplateName(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.templates[name]; ok {
		return t, nil
	}
	admin, err := pgx.Connect(ctx, s.adminURL)
	if err != nil {
		return nil, fmt.Errorf("devdb: connecting to %s: %w", redact(s.adminURL), err)
	}
	defer admin.Close(context.Background())
	lock := lockKey(name)
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", lock); err != nil {
		return nil, fmt.Errorf("devdb: locking template %s: %w", name, err)
	}
	defer admin.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", lock)

	var ready bool
	err = admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)", name).Scan(&ready)
	if err != nil {
		return nil, fmt.Errorf("devdb: looking up template %s: %w", name, err)
	}
	if !ready {
		if err := s.build(ctx, admin, name, migrate); err != nil {
			return nil, err
		}
	}
	t := &Template{srv: s, name: name}
	s.templates[name] = t
	return t, nil
}

// build creates the template under the caller's lock. It works in a
// scratch database renamed only when migrate succeeded, so a template that
// exists is always complete.
func (s *Server) build(ctx context.Context, admin *pgx.Conn, name string, migrate func(context.Context, *pgx.Conn) error) error {
	scratch := name + "_build"
	for _, stmt := range []string{
		"DROP DATABASE IF EXISTS " + quoteIdent(scratch) + " WITH (FORCE)", // left by a builder that died
		"DROP DATABASE IF EXISTS " + quoteIdent(name) + " WITH (FORCE)",    // renamed but never marked ready
		"CREATE DATABASE " + quoteIdent(scratch),
	} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("devdb: preparing template %s: %w", name, err)
		}
	}
	conn, err := pgx.Connect(ctx, s.URL(scratch))
	if err != nil {
		return fmt.Errorf("devdb: connecting to template %s: %w", scratch, err)
	}
	err = migrate(ctx, conn)
	conn.Close(context.Background())
	if err != nil {
		_, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+quoteIdent(scratch)+" WITH (FORCE)")
		return fmt.Errorf("devdb: building template %s: %w", name, err)
	}
	for _, stmt := range []string{
		"ALTER DATABASE " + quoteIdent(scratch) + " RENAME TO " + quoteIdent(name),
		"ALTER DATABASE " + quoteIdent(name) + " IS_TEMPLATE true",
	} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("devdb: finishing template %s: %w", name, err)
		}
	}
	return nil
}

// Branch creates a database cloned from the template for the test tb and
// returns its URL. The database is dropped when the test passes and kept,
// with its URL logged, when it fails.
func (t *Template) Branch(tb testing.TB) string {
	tb.Helper()
	url, err := t.srv.clone(context.Background(), tb, t.name)
	if err != nil {
		tb.Fatal(err)
	}
	return url
}

// Database creates an empty database for the test tb and returns its URL,
// dropped or kept like a branch.
func (s *Server) Database(tb testing.TB) string {
	tb.Helper()
	url, err := s.clone(context.Background(), tb, "template0")
	if err != nil {
		tb.Fatal(err)
	}
	return url
}

// CreateBranch creates a database cloned from the template outside of a
// test. The caller drops it with DropDatabase.
func (t *Template) CreateBranch(ctx context.Context, name string) (string, error) {
	if err := t.srv.createFrom(ctx, name, t.name); err != nil {
		return "", err
	}
	return t.srv.URL(name), nil
}

func (s *Server) clone(ctx context.Context, tb testing.TB, template string) (string, error) {
	name := branchName(tb.Name())
	if err := s.createFrom(ctx, name, template); err != nil {
		return "", err
	}
	url := s.URL(name)
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("devdb: kept the database of failed test %s: %s", tb.Name(), url)
			return
		}
		if err := s.DropDatabase(context.Background(), name); err != nil {
			tb.Logf("devdb: %v", err)
		}
	})
	return url, nil
}

func (s *Server) createFrom(ctx context.Context, name, template string) error {
	stmt := fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", quoteIdent(name), quoteIdent(template))
	if err := s.exec(ctx, stmt); err != nil {
		return fmt.Errorf("devdb: creating database %s from %s: %w", name, template, err)
	}
	return nil
}

// DropDatabase drops database name, ending its sessions.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("devdb: dropping database %s: %w", name, err)
	}
	return nil
}

// EnsureDatabase creates the empty database name unless it exists; with
// fresh it drops an existing one first.
func (s *Server) EnsureDatabase(ctx context.Context, name string, fresh bool) error {
	if fresh {
		if err := s.DropDatabase(ctx, name); err != nil {
			return err
		}
	}
	pool, err := s.adminPool(ctx)
	if err != nil {
		return err
	}
	var exists bool
	if err := pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("devdb: looking up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if err := s.exec(ctx, "CREATE DATABASE "+quoteIdent(name)); err != nil {
		return fmt.Errorf("devdb: creating database %s: %w", name, err)
	}
	return nil
}

// exec runs one maintenance statement (CREATE or DROP DATABASE) on the
// server's admin pool, so that a test's branch costs no new connection.
func (s *Server) exec(ctx context.Context, stmt string) error {
	pool, err := s.adminPool(ctx)
	if err != nil {
		return err
	}
	_, err = pool.Exec(ctx, stmt)
	return err
}

// adminPool returns the pool of connections to the maintenance database,
// created on first use.
func (s *Server) adminPool(ctx context.Context) (*pgxpool.Pool, error) {
	s.poolMu.Lock()
	defer s.poolMu.Unlock()
	if s.pool != nil {
		return s.pool, nil
	}
	cfg, err := pgxpool.ParseConfig(s.adminURL)
	if err != nil {
		return nil, fmt.Errorf("devdb: server URL: %w", err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("devdb: connecting to %s: %w", redact(s.adminURL), err)
	}
	s.pool = pool
	return pool, nil
}

// Close releases the server's admin connections. The server itself, and
// its databases, are left as they are.
func (s *Server) Close() {
	s.poolMu.Lock()
	defer s.poolMu.Unlock()
	if s.pool != nil {
		s.pool.Close()
		s.pool = nil
	}
}

// branchName makes a unique, valid database name from a test name.
func branchName(testName string) string {
	var b strings.Builder
	b.WriteString("plinth_")
	for _, r := range strings.ToLower(testName) {
		if b.Len() >= 44 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	var rnd [5]byte
	_, _ = rand.Read(rnd[:])
	b.WriteByte('_')
	b.WriteString(hex.EncodeToString(rnd[:]))
	return b.String()
}

func lockKey(name string) int64 {
	sum := sha256.Sum256([]byte("plinth devdb template " + name))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

func quoteIdent(s string) string { return pgx.Identifier{s}.Sanitize() }

// redact hides the password of a URL in messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
