package bench

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// bun: pgdialect over database/sql with pgx's stdlib driver, configured as
// bun's pgx docs say: bun renders arguments into the statement text itself,
// so pgx runs it with the simple protocol instead of preparing every
// distinct text. (bun's own pgdriver has no v1.3.0 release, and pgx keeps
// the wire driver the same as every other contender's.)

type bunModel struct {
	bun.BaseModel `bun:"table:models"`

	ID      int64 `bun:",pk,autoincrement"`
	Name    string
	Title   string
	Fax     string
	Web     string
	Age     int
	Right   bool
	Counter int64
}

type bunItem struct {
	bun.BaseModel `bun:"table:items"`

	ID        int64 `bun:",pk,autoincrement"`
	OrgID     uuid.UUID
	Name      string
	Qty       int
	DeletedAt *time.Time
}

type bunPost struct {
	bun.BaseModel `bun:"table:posts,alias:post"`

	ID       int64 `bun:",pk,autoincrement"`
	Title    string
	Comments []bunComment `bun:"rel:has-many,join:id=post_id"`
}

type bunComment struct {
	bun.BaseModel `bun:"table:comments"`

	ID     int64 `bun:",pk,autoincrement"`
	PostID int64
	Body   string
}

func openBun(b *testing.B, url string) Ops {
	config, err := pgx.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	config.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	db := bun.NewDB(stdlib.OpenDB(*config), pgdialect.New())
	b.Cleanup(func() { db.Close() })
	m, u := newBunModel(), newBunModel()
	rows := make([]bunModel, multiRows)
	return Ops{
		Insert: func(ctx context.Context) (int64, error) {
			m.ID = 0
			_, err := db.NewInsert().Model(&m).Exec(ctx)
			return m.ID, err
		},
		InsertMulti: func(ctx context.Context) (int64, error) {
			for i := range rows {
				rows[i] = newBunModel()
			}
			res, err := db.NewInsert().Model(&rows).Exec(ctx)
			if err != nil {
				return 0, err
			}
			return res.RowsAffected()
		},
		Update: func(ctx context.Context, id, counter int64) (int64, error) {
			u.ID, u.Counter = id, counter
			res, err := db.NewUpdate().Model(&u).WherePK().Exec(ctx)
			if err != nil {
				return 0, err
			}
			return res.RowsAffected()
		},
		Read: func(ctx context.Context, id int64) (Model, error) {
			var r bunModel
			err := db.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx)
			return r.model(), err
		},
		ReadSlice: func(ctx context.Context) (int, Model, error) {
			var rs []bunModel
			err := db.NewSelect().Model(&rs).Where("id > ?", 0).Limit(100).Scan(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Model{}, err
			}
			return len(rs), rs[0].model(), nil
		},
		TenantList: func(ctx context.Context, org uuid.UUID) (int, Item, Item, error) {
			var rs []bunItem
			err := db.NewSelect().Model(&rs).
				Where("org_id = ?", org).
				Where("deleted_at IS NULL").
				Order("id").
				Limit(tenantListLen).
				Scan(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Item{}, Item{}, err
			}
			return len(rs), rs[0].item(), rs[len(rs)-1].item(), nil
		},
		Relation: func(ctx context.Context, id int64) (Family, error) {
			var p bunPost
			err := db.NewSelect().Model(&p).Relation("Comments").Where("post.id = ?", id).Scan(ctx)
			if err != nil {
				return Family{}, err
			}
			f := Family{ID: p.ID, Title: p.Title, Children: len(p.Comments)}
			for _, c := range p.Comments {
				f.ChildIDs += c.ID
				if c.PostID != p.ID {
					f.Orphans++
				}
			}
			return f, nil
		},
	}
}

func newBunModel() bunModel {
	m := newModel()
	return bunModel{Name: m.Name, Title: m.Title, Fax: m.Fax, Web: m.Web, Age: m.Age, Right: m.Right, Counter: m.Counter}
}

func (m *bunModel) model() Model {
	return Model{ID: m.ID, Name: m.Name, Title: m.Title, Fax: m.Fax, Web: m.Web, Age: m.Age, Right: m.Right, Counter: m.Counter}
}

func (it *bunItem) item() Item {
	return Item{ID: it.ID, OrgID: it.OrgID, Name: it.Name, Qty: it.Qty, Deleted: it.DeletedAt != nil}
}
