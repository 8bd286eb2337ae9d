package bench

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The floor: hand-written SQL on pgxpool with pgx's defaults (statements
// prepared and cached per connection), scanned by hand straight into the
// result slice, bulk insert with COPY.

const (
	pgxInsert = `INSERT INTO models (name, title, fax, web, age, "right", counter)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	pgxUpdate = `UPDATE models SET name = $1, title = $2, fax = $3, web = $4, age = $5, "right" = $6, counter = $7
WHERE id = $8`
	pgxRead      = `SELECT id, name, title, fax, web, age, "right", counter FROM models WHERE id = $1`
	pgxReadSlice = `SELECT id, name, title, fax, web, age, "right", counter FROM models WHERE id > $1 LIMIT $2`
	pgxTenant    = `SELECT id, org_id, name, qty, deleted_at FROM items
WHERE org_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT $2`
	pgxPostSQL     = `SELECT id, title FROM posts WHERE id = $1`
	pgxCommentsSQL = `SELECT id, post_id, body FROM comments WHERE post_id = $1`
)

var pgxModelColumns = []string{"name", "title", "fax", "web", "age", "right", "counter"}

// pgxComment is a row of comments.
type pgxComment struct {
	ID     int64
	PostID int64
	Body   string
}

// pgxPost is a post with its comments.
type pgxPost struct {
	ID       int64
	Title    string
	Comments []pgxComment
}

func openPgx(b *testing.B, url string) Ops {
	pool := newPool(b, url)
	m := newModel()
	rows := make([]Model, multiRows)
	for i := range rows {
		rows[i] = newModel()
	}
	return Ops{
		Insert: func(ctx context.Context) (int64, error) {
			var id int64
			err := pool.QueryRow(ctx, pgxInsert, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter).Scan(&id)
			return id, err
		},
		InsertMulti: func(ctx context.Context) (int64, error) {
			return pool.CopyFrom(ctx, pgx.Identifier{"models"}, pgxModelColumns,
				pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
					r := &rows[i]
					return []any{r.Name, r.Title, r.Fax, r.Web, r.Age, r.Right, r.Counter}, nil
				}))
		},
		Update: func(ctx context.Context, id, counter int64) (int64, error) {
			tag, err := pool.Exec(ctx, pgxUpdate, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, counter, id)
			return tag.RowsAffected(), err
		},
		Read: func(ctx context.Context, id int64) (Model, error) {
			var r Model
			err := pool.QueryRow(ctx, pgxRead, id).
				Scan(&r.ID, &r.Name, &r.Title, &r.Fax, &r.Web, &r.Age, &r.Right, &r.Counter)
			return r, err
		},
		ReadSlice: func(ctx context.Context) (int, Model, error) {
			ms, err := pgxModels(ctx, pool)
			if err != nil || len(ms) == 0 {
				return 0, Model{}, err
			}
			return len(ms), ms[0], nil
		},
		TenantList: func(ctx context.Context, org uuid.UUID) (int, Item, Item, error) {
			items, err := pgxItems(ctx, pool, org)
			if err != nil || len(items) == 0 {
				return 0, Item{}, Item{}, err
			}
			return len(items), items[0].item(), items[len(items)-1].item(), nil
		},
		Relation: func(ctx context.Context, id int64) (Family, error) {
			p, err := pgxLoadPost(ctx, pool, id)
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

func pgxModels(ctx context.Context, pool *pgxpool.Pool) ([]Model, error) {
	rows, err := pool.Query(ctx, pgxReadSlice, 0, 100)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ms := make([]Model, 0, 100)
	for rows.Next() {
		ms = append(ms, Model{})
		r := &ms[len(ms)-1]
		if err := rows.Scan(&r.ID, &r.Name, &r.Title, &r.Fax, &r.Web, &r.Age, &r.Right, &r.Counter); err != nil {
			return nil, err
		}
	}
	return ms, rows.Err()
}

// pgxItem is a row of items.
type pgxItem struct {
	ID        int64
	OrgID     uuid.UUID
	Name      string
	Qty       int
	DeletedAt *time.Time
}

func (it *pgxItem) item() Item {
	return Item{ID: it.ID, OrgID: it.OrgID, Name: it.Name, Qty: it.Qty, Deleted: it.DeletedAt != nil}
}

func pgxItems(ctx context.Context, pool *pgxpool.Pool, org uuid.UUID) ([]pgxItem, error) {
	rows, err := pool.Query(ctx, pgxTenant, org, tenantListLen)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := make([]pgxItem, 0, tenantListLen)
	for rows.Next() {
		items = append(items, pgxItem{})
		it := &items[len(items)-1]
		if err := rows.Scan(&it.ID, &it.OrgID, &it.Name, &it.Qty, &it.DeletedAt); err != nil {
			return nil, err
		}
	}
	return items, rows.Err()
}

// pgxLoadPost loads the post and then its comments: the two queries every
// ORM here runs for a has-many eager load.
func pgxLoadPost(ctx context.Context, pool *pgxpool.Pool, id int64) (pgxPost, error) {
	var p pgxPost
	if err := pool.QueryRow(ctx, pgxPostSQL, id).Scan(&p.ID, &p.Title); err != nil {
		return p, err
	}
	rows, err := pool.Query(ctx, pgxCommentsSQL, id)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	p.Comments = make([]pgxComment, 0, 16)
	for rows.Next() {
		p.Comments = append(p.Comments, pgxComment{})
		c := &p.Comments[len(p.Comments)-1]
		if err := rows.Scan(&c.ID, &c.PostID, &c.Body); err != nil {
			return p, err
		}
	}
	return p, rows.Err()
}
