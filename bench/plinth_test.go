package bench

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/factory-kit/plinth/bench/db/gen"
)

// plinth: the code plinth generate wrote into bench/db/gen from
// bench/db/schema, over a pgxpool with pgx's defaults. The tenant scope is
// made inside the timed call, as a request handler makes it, and the
// soft-delete filter is the generated default rather than written by hand.

func openPlinth(b *testing.B, url string) Ops {
	q := gen.New(newPool(b, url))
	m := newModel()
	n := gen.NewModel{Name: m.Name, Title: m.Title, Fax: m.Fax, Web: m.Web, Age: int32(m.Age), Right: m.Right, Counter: m.Counter}
	rows := make([]gen.NewModel, multiRows)
	for i := range rows {
		rows[i] = n
	}
	return Ops{
		Insert: func(ctx context.Context) (int64, error) {
			r, err := q.Models.Insert(n).Returning(ctx)
			return r.ID, err
		},
		InsertMulti: func(ctx context.Context) (int64, error) {
			return q.Models.InsertMany(rows).Exec(ctx)
		},
		Update: func(ctx context.Context, id, counter int64) (int64, error) {
			return q.Models.Update().
				Set(
					gen.Models.Name.To(n.Name), gen.Models.Title.To(n.Title),
					gen.Models.Fax.To(n.Fax), gen.Models.Web.To(n.Web),
					gen.Models.Age.To(n.Age), gen.Models.Right.To(n.Right),
					gen.Models.Counter.To(counter),
				).
				Where(gen.Models.ID.Eq(id)).
				Exec(ctx)
		},
		Read: func(ctx context.Context, id int64) (Model, error) {
			r, err := q.Models.Get(ctx, id)
			return plinthModel(&r), err
		},
		ReadSlice: func(ctx context.Context) (int, Model, error) {
			rs, err := q.Models.Select().Where(gen.Models.ID.Gt(0)).Limit(100).All(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Model{}, err
			}
			return len(rs), plinthModel(&rs[0]), nil
		},
		TenantList: func(ctx context.Context, org uuid.UUID) (int, Item, Item, error) {
			rs, err := q.Tenant(org).Items.Select().OrderBy(gen.Items.ID.Asc()).Limit(tenantListLen).All(ctx)
			if err != nil || len(rs) == 0 {
				return 0, Item{}, Item{}, err
			}
			return len(rs), plinthItem(&rs[0]), plinthItem(&rs[len(rs)-1]), nil
		},
		Relation: func(ctx context.Context, id int64) (Family, error) {
			p, err := q.Posts.Get(ctx, id)
			if err != nil {
				return Family{}, err
			}
			children, err := q.Posts.LoadComments(ctx, []gen.Post{p})
			if err != nil {
				return Family{}, err
			}
			cs := children[p.ID]
			f := Family{ID: p.ID, Title: p.Title, Children: len(cs)}
			for _, c := range cs {
				f.ChildIDs += c.ID
				if c.PostID != p.ID {
					f.Orphans++
				}
			}
			return f, nil
		},
	}
}

func plinthModel(r *gen.Model) Model {
	return Model{ID: r.ID, Name: r.Name, Title: r.Title, Fax: r.Fax, Web: r.Web, Age: int(r.Age), Right: r.Right, Counter: r.Counter}
}

func plinthItem(r *gen.Item) Item {
	return Item{ID: r.ID, OrgID: r.OrgID, Name: r.Name, Qty: int(r.Qty), Deleted: r.DeletedAt != nil}
}
