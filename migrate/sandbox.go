package migrate

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

// Sandbox makes the throwaway databases a diff needs on a devdb.Server: a
// template per content (the desired DDL, or the migrations replayed), so
// that the same content is built once per server, and a scratch clone of
// it for each use.
type Sandbox struct {
	srv *devdb.Server
}

// NewSandbox returns a Sandbox on srv: a throwaway cluster's
// (devdb.Start(…).Server()) or an existing server's (devdb.NewServer).
func NewSandbox(srv *devdb.Server) *Sandbox { return &Sandbox{srv: srv} }

// with builds (or reuses) the template for key with build, clones it into
// a scratch database, and calls use with a connection to the clone, which
// is dropped afterwards.
func (s *Sandbox) with(ctx context.Context, key string, build func(context.Context, *pgx.Conn) error, use func(context.Context, *pgx.Conn) error) error {
	sum := sha256.Sum256([]byte(key))
	tpl, err := s.srv.Template(ctx, "plinth migrate "+hex.EncodeToString(sum[:]), build)
	if err != nil {
		return err
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	name := "plinth_scratch_" + hex.EncodeToString(rnd[:])
	url, err := tpl.CreateBranch(ctx, name)
	if err != nil {
		return err
	}
	defer s.srv.DropDatabase(context.WithoutCancel(ctx), name)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connecting to scratch database: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return use(ctx, conn)
}

// Normalize returns desired as PostgreSQL records it: its DDL applied to a
// throwaway database and read back with Inspect. The RenamedFrom fields
// and the Reference and Seed fields of desired are carried over (the
// seed rows as read back, spelled by quote_nullable), and tables keep
// desired's order. The result is what Diff and Compare expect.
func (s *Sandbox) Normalize(ctx context.Context, desired *schema.Model) (*schema.Model, error) {
	ddl := desired.SQL()
	var out *schema.Model
	err := s.with(ctx, "desired\x00"+ddl, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, ddl)
		return err
	}, func(ctx context.Context, conn *pgx.Conn) error {
		var err error
		out, err = Inspect(ctx, conn, InspectOpts{Seed: seedColumns(desired)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("normalizing the schema on a throwaway database: %w", err)
	}
	carryOver(out, desired)
	return out, nil
}

// carryOver copies the DSL-only fields the differ uses from src into the
// normalized model m, and puts m's tables in src's order.
func carryOver(m, src *schema.Model) {
	order := map[string]int{}
	for i, t := range src.Tables {
		order[t.Name] = i
	}
	slices.SortStableFunc(m.Tables, func(a, b schema.Table) int { return order[a.Name] - order[b.Name] })
	for i := range m.Tables {
		t := &m.Tables[i]
		st, ok := src.Table(t.Name)
		if !ok {
			continue
		}
		t.RenamedFrom, t.Reference = st.RenamedFrom, st.Reference
		for j := range t.Columns {
			if sc, ok := st.Column(t.Columns[j].Name); ok {
				t.Columns[j].RenamedFrom = sc.RenamedFrom
			}
		}
	}
}

// Replay applies every file of dir, from zero, to a throwaway database and
// calls use with a connection to it. The replayed template is kept on the
// server under a hash of the files, so replaying the same directory again
// reuses it.
func (s *Sandbox) Replay(ctx context.Context, dir *Dir, use func(ctx context.Context, conn *pgx.Conn) error) error {
	key := "replay"
	for _, f := range dir.Files {
		key += "\x00" + f.Name + "\x00" + f.SQL
	}
	return s.with(ctx, key, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := Up(ctx, conn, dir, UpOpts{})
		return err
	}, use)
}
