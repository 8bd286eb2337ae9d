package bench

import (
	"context"
	"database/sql"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/factory-kit/plinth/bench/ent"
	"github.com/factory-kit/plinth/bench/ent/item"
	"github.com/factory-kit/plinth/bench/ent/model"
	"github.com/factory-kit/plinth/bench/ent/post"
)

// ent: the generated client over ent's dialect/sql driver, on database/sql
// with pgx's stdlib driver (pgx's default statement cache), as ent's
// "sql.DB integration" docs show. The schema is never migrated by ent.

func openEnt(b *testing.B, url string) Ops {
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))
	b.Cleanup(func() { client.Close() })
	m := newModel()
	create := func() *ent.ModelCreate {
		return client.Model.Create().
			SetName(m.Name).SetTitle(m.Title).SetFax(m.Fax).SetWeb(m.Web).
			SetAge(m.Age).SetRight(m.Right).SetCounter(m.Counter)
	}
	return Ops{
		Insert: func(ctx context.Context) (int64, error) {
			r, err := create().Save(ctx)
			if err != nil {
				return 0, err
			}
			return r.ID, nil
		},
		InsertMulti: func(ctx context.Context) (int64, error) {
			builders := make([]*ent.ModelCreate, multiRows)
			for i := range builders {
				builders[i] = create()
			}
			rs, err := client.Model.CreateBulk(builders...).Save(ctx)
			return int64(len(rs)), err
		},
		Update: func(ctx context.Context, id, counter int64) (int64, error) {
			// UpdateOneID is ent's update-by-id; it reports a missing row as
			// an error, so success means one row.
			err := client.Model.UpdateOneID(id).
				SetName(m.Name).SetTitle(m.Title).SetFax(m.Fax).SetWeb(m.Web).
				SetAge(m.Age).SetRight(m.Right).SetCounter(counter).
				Exec(ctx)
			if err != nil {
				return 0, err
			}
			return 1, nil
		},
		Read: func(ctx context.Context, id int64) (Model, error) {
			r, err := client.Model.Get(ctx, id)
			if err != nil {
				return Model{}, err
			}
			return entModel(r), nil
		},
		ReadSlice: func(ctx context.Context) (int, Model, error) {
			rs, err := client.Model.Query().Where(model.IDGT(0)).Limit(100).All(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Model{}, err
			}
			return len(rs), entModel(rs[0]), nil
		},
		TenantList: func(ctx context.Context, org uuid.UUID) (int, Item, Item, error) {
			rs, err := client.Item.Query().
				Where(item.OrgID(org), item.DeletedAtIsNil()).
				Order(item.ByID()).
				Limit(tenantListLen).
				All(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Item{}, Item{}, err
			}
			return len(rs), entItem(rs[0]), entItem(rs[len(rs)-1]), nil
		},
		Relation: func(ctx context.Context, id int64) (Family, error) {
			p, err := client.Post.Query().Where(post.ID(id)).WithComments().Only(ctx)
			if err != nil {
				return Family{}, err
			}
			f := Family{ID: p.ID, Title: p.Title, Children: len(p.Edges.Comments)}
			for _, c := range p.Edges.Comments {
				f.ChildIDs += c.ID
				if c.PostID != p.ID {
					f.Orphans++
				}
			}
			return f, nil
		},
	}
}

func entModel(r *ent.Model) Model {
	return Model{ID: r.ID, Name: r.Name, Title: r.Title, Fax: r.Fax, Web: r.Web, Age: r.Age, Right: r.Right, Counter: r.Counter}
}

func entItem(r *ent.Item) Item {
	return Item{ID: r.ID, OrgID: r.OrgID, Name: r.Name, Qty: r.Qty, Deleted: r.DeletedAt != nil}
}
