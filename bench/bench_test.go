// Package bench measures plinth's generated queries against hand-written
// pgx and against ent, bun and gorm, on the workload of go-orm-benchmarks
// plus a tenant-scoped list and a relation load. See README.md.
package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bschema "github.com/factory-kit/plinth/bench/db/schema"
	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/schema"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestMain(m *testing.M) {
	// A "key: value" line is configuration to benchfmt and benchstat: it
	// labels every result that follows with the server's version.
	if v := serverVersion(); v != "" {
		fmt.Printf("postgres: %s\n", v)
	}
	os.Exit(devdb.Main(m))
}

// serverVersion is the version of the server the benchmarks will use: the
// one PLINTH_TEST_DATABASE_URL names, or else devdb's local binaries.
func serverVersion() string {
	ctx := context.Background()
	if url := os.Getenv(devdb.TestURLEnv); url != "" {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return ""
		}
		defer conn.Close(ctx)
		var v string
		_ = conn.QueryRow(ctx, "SHOW server_version").Scan(&v)
		return v
	}
	dir, err := devdb.FindBinDir()
	if err != nil {
		return ""
	}
	out, err := exec.Command(filepath.Join(dir, "postgres"), "--version").Output()
	if err != nil {
		return ""
	}
	// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
	v := strings.TrimSpace(string(out))
	if _, after, ok := strings.Cut(v, ") "); ok {
		v = after
	}
	return v
}

// Model is the go-orm-benchmarks row, as every contender reports it.
type Model struct {
	ID      int64
	Name    string
	Title   string
	Fax     string
	Web     string
	Age     int
	Right   bool
	Counter int64
}

// newModel is the row every insert writes (go-orm-benchmarks' NewModel).
func newModel() Model {
	return Model{
		Name:    "Orm Benchmark",
		Title:   "Just a Benchmark for fun",
		Fax:     "99909990",
		Web:     "http://blog.milkpod29.me",
		Age:     100,
		Right:   true,
		Counter: 1000,
	}
}

// Item is a row of the tenant-scoped, soft-delete table.
type Item struct {
	ID      int64
	OrgID   uuid.UUID
	Name    string
	Qty     int
	Deleted bool
}

// Family summarises a post loaded with its comments.
type Family struct {
	ID       int64
	Title    string
	Children int
	ChildIDs int64 // sum of the comments' ids
	Orphans  int   // comments whose post_id is not the post's id
}

// Ops is one contender's implementation of the workload. A contender's
// open function builds it once per database, so whatever an ORM's docs
// reuse across calls (a model struct, a client) is built outside timing.
type Ops struct {
	// Insert inserts newModel() and returns its id.
	Insert func(ctx context.Context) (int64, error)
	// InsertMulti inserts multiRows rows and returns how many it inserted.
	InsertMulti func(ctx context.Context) (int64, error)
	// Update writes every column of row id, counter set to counter, and
	// returns the number of rows updated.
	Update func(ctx context.Context, id, counter int64) (int64, error)
	// Read returns the row id.
	Read func(ctx context.Context, id int64) (Model, error)
	// ReadSlice runs WHERE id > 0 LIMIT 100; it returns the number of rows
	// and the first one.
	ReadSlice func(ctx context.Context) (int, Model, error)
	// TenantList lists org's live items: WHERE org_id = $1 AND deleted_at
	// IS NULL ORDER BY id LIMIT 100; it returns the count, first and last.
	TenantList func(ctx context.Context, org uuid.UUID) (int, Item, Item, error)
	// Relation loads post id with its comments, eagerly.
	Relation func(ctx context.Context, id int64) (Family, error)
}

// contender names an implementation and opens it on a database URL; it
// closes what it opened with b.Cleanup.
type contender struct {
	name string
	open func(b *testing.B, url string) Ops
}

// contenders run in this order in every benchmark; pgx is the floor.
var contenders = []contender{
	{"pgx", openPgx},
	{"plinth", openPlinth},
	{"ent", openEnt},
	{"bun", openBun},
	{"gorm", openGorm},
}

// Seed data, made by seedSQL.
const (
	multiRows     = 100
	seedModels    = 200
	seedItems     = 300
	seedPosts     = 20
	postChildren  = 10
	relationPost  = 7
	readID        = 1
	updateID      = 2
	tenantListLen = 100
)

var (
	orgA = uuid.MustParse("00000000-0000-4000-8000-00000000000a")
	orgB = uuid.MustParse("00000000-0000-4000-8000-00000000000b")
)

// seedSQL fills the tables. Items alternate between the two tenants and
// every fifth is soft-deleted, so a list that forgets either filter
// returns other rows; comments are interleaved across posts.
const seedSQL = `
INSERT INTO models (name, title, fax, web, age, "right", counter)
SELECT 'Orm Benchmark', 'Just a Benchmark for fun', '99909990', 'http://blog.milkpod29.me', 100, true, 1000
FROM generate_series(1, 200);
INSERT INTO orgs (id, name) VALUES
  ('00000000-0000-4000-8000-00000000000a', 'A'),
  ('00000000-0000-4000-8000-00000000000b', 'B');
INSERT INTO items (org_id, name, qty, deleted_at)
SELECT CASE WHEN i % 3 = 2 THEN '00000000-0000-4000-8000-00000000000b'::uuid
            ELSE '00000000-0000-4000-8000-00000000000a'::uuid END,
       'item ' || i, i, CASE WHEN i % 5 = 0 THEN now() END
FROM generate_series(1, 300) AS i ORDER BY i;
INSERT INTO posts (title) SELECT 'post ' || i FROM generate_series(1, 20) AS i ORDER BY i;
INSERT INTO comments (post_id, body)
SELECT p, 'comment ' || c || ' on post ' || p
FROM generate_series(1, 10) AS c, generate_series(1, 20) AS p ORDER BY c, p;
ANALYZE;
`

// shared is the server and the template database every branch clones.
var shared struct {
	once sync.Once
	tpl  *devdb.Template
	err  error
}

// ddl is the benchmark schema rendered by plinth: every contender gets the
// same tables, and none of the ORMs migrates.
func ddl() (string, error) {
	m, err := schema.New(bschema.Schema...)
	if err != nil {
		return "", err
	}
	return m.SQL(), nil
}

// database returns the URL of a new database for b, cloned from a template
// holding the DDL and the seed data, and dropped when b ends.
func database(b *testing.B) string {
	b.Helper()
	srv := devdb.ForTest(b)
	shared.once.Do(func() {
		var sql string
		if sql, shared.err = ddl(); shared.err != nil {
			return
		}
		shared.tpl, shared.err = srv.Template(context.Background(), "plinth-bench\n"+sql+seedSQL,
			func(ctx context.Context, conn *pgx.Conn) error {
				_, err := conn.Exec(ctx, sql+seedSQL)
				return err
			})
	})
	if shared.err != nil {
		b.Fatal(shared.err)
	}
	return shared.tpl.Branch(b)
}

// newPool opens a pgxpool on url with its defaults, closed when b ends.
func newPool(b *testing.B, url string) *pgxpool.Pool {
	b.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	return pool
}

// each runs fn as the sub-benchmark of every contender, on a database of
// its own. fn checks the operation once, then times it with b.Loop.
func each(b *testing.B, fn func(b *testing.B, o Ops, check *pgxpool.Pool)) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			url := database(b)
			check := newPool(b, url)
			o := c.open(b, url)
			fn(b, o, check)
		})
	}
}
