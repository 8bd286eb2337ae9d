package bench

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// gorm: gorm.io/driver/postgres (pgx's stdlib driver underneath) with the
// two settings gorm's performance docs recommend: PrepareStmt caches
// prepared statements, SkipDefaultTransaction drops the transaction gorm
// otherwise wraps around every write. Nothing is auto-migrated.

type gormModel struct {
	ID      int64
	Name    string
	Title   string
	Fax     string
	Web     string
	Age     int
	Right   bool
	Counter int64
}

func (gormModel) TableName() string { return "models" }

type gormItem struct {
	ID        int64
	OrgID     uuid.UUID
	Name      string
	Qty       int
	DeletedAt *time.Time
}

func (gormItem) TableName() string { return "items" }

type gormPost struct {
	ID       int64
	Title    string
	Comments []gormComment `gorm:"foreignKey:PostID"`
}

func (gormPost) TableName() string { return "posts" }

type gormComment struct {
	ID     int64
	PostID int64
	Body   string
}

func (gormComment) TableName() string { return "comments" }

func openGorm(b *testing.B, url string) Ops {
	db, err := gorm.Open(postgres.Open(url), &gorm.Config{
		PrepareStmt:            true,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		b.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sqlDB.Close() })
	m, u := newGormModel(), newGormModel()
	rows := make([]gormModel, multiRows)
	return Ops{
		Insert: func(ctx context.Context) (int64, error) {
			m.ID = 0
			err := db.WithContext(ctx).Create(&m).Error
			return m.ID, err
		},
		InsertMulti: func(ctx context.Context) (int64, error) {
			for i := range rows {
				rows[i] = newGormModel()
			}
			res := db.WithContext(ctx).Create(&rows)
			return res.RowsAffected, res.Error
		},
		Update: func(ctx context.Context, id, counter int64) (int64, error) {
			u.ID, u.Counter = id, counter
			res := db.WithContext(ctx).Save(&u)
			return res.RowsAffected, res.Error
		},
		Read: func(ctx context.Context, id int64) (Model, error) {
			var r gormModel
			err := db.WithContext(ctx).First(&r, id).Error
			return r.model(), err
		},
		ReadSlice: func(ctx context.Context) (int, Model, error) {
			var rs []gormModel
			err := db.WithContext(ctx).Where("id > ?", 0).Limit(100).Find(&rs).Error
			if err != nil || len(rs) == 0 {
				return 0, Model{}, err
			}
			return len(rs), rs[0].model(), nil
		},
		TenantList: func(ctx context.Context, org uuid.UUID) (int, Item, Item, error) {
			var rs []gormItem
			err := db.WithContext(ctx).
				Where("org_id = ? AND deleted_at IS NULL", org).
				Order("id").
				Limit(tenantListLen).
				Find(&rs).Error
			if err != nil || len(rs) == 0 {
				return 0, Item{}, Item{}, err
			}
			return len(rs), rs[0].item(), rs[len(rs)-1].item(), nil
		},
		Relation: func(ctx context.Context, id int64) (Family, error) {
			var p gormPost
			if err := db.WithContext(ctx).Preload("Comments").First(&p, id).Error; err != nil {
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

func newGormModel() gormModel {
	m := newModel()
	return gormModel{Name: m.Name, Title: m.Title, Fax: m.Fax, Web: m.Web, Age: m.Age, Right: m.Right, Counter: m.Counter}
}

func (m *gormModel) model() Model {
	return Model{ID: m.ID, Name: m.Name, Title: m.Title, Fax: m.Fax, Web: m.Web, Age: m.Age, Right: m.Right, Counter: m.Counter}
}

func (it *gormItem) item() Item {
	return Item{ID: it.ID, OrgID: it.OrgID, Name: it.Name, Qty: it.Qty, Deleted: it.DeletedAt != nil}
}
