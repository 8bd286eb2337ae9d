package integration_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/factory-kit/plinth/gen/internal/testgen/models"
	"github.com/factory-kit/plinth/query"
)

func newModel(i int) models.NewModel {
	return models.NewModel{Name: fmt.Sprintf("name %d", i), Title: "title", Fax: "fax", Web: "web", Age: int32(i), Right: i%2 == 0, Counter: int64(i)}
}

func TestCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := setup(t, "models", false)
	q := models.New(d.pool)

	m, err := q.Models.Insert(newModel(7)).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.Name != "name 7" || m.Age != 7 || m.Right {
		t.Fatalf("inserted %+v", m)
	}
	got, err := q.Models.Get(ctx, m.ID)
	if err != nil || got != m {
		t.Fatalf("Get = %+v, %v; want %+v", got, err, m)
	}
	if _, err := q.Models.Get(ctx, m.ID+1000); !errors.Is(err, query.ErrNotFound) {
		t.Fatalf("Get of a missing id: %v, want ErrNotFound", err)
	}

	n, err := q.Models.InsertMany([]models.NewModel{newModel(1), newModel(2), newModel(3)}).Exec(ctx)
	if err != nil || n != 3 {
		t.Fatalf("InsertMany.Exec = %d, %v", n, err)
	}
	many, err := q.Models.InsertMany([]models.NewModel{newModel(10), newModel(11)}).Returning(ctx)
	if err != nil || len(many) != 2 || many[1].Name != "name 11" || many[0].ID == 0 {
		t.Fatalf("InsertMany.Returning = %+v, %v", many, err)
	}

	list, err := q.Models.Select().Where(models.Models.Age.Between(2, 10), models.Models.Name.Like("name %")).
		OrderBy(models.Models.Age.Desc()).Limit(2).Offset(1).All(ctx)
	if err != nil || len(list) != 2 || list[0].Age != 7 || list[1].Age != 3 {
		t.Fatalf("Select = %+v, %v", list, err)
	}
	cnt, err := q.Models.Select().Where(query.Or(models.Models.Age.Lt(2), models.Models.Age.Gt(10))).Count(ctx)
	if err != nil || cnt != 2 {
		t.Fatalf("Count = %d, %v, want 2", cnt, err)
	}
	in, err := q.Models.Select().Where(models.Models.Age.In(1, 3, 99), query.Not(models.Models.Right.Eq(true))).All(ctx)
	if err != nil || len(in) != 2 {
		t.Fatalf("In/Not = %+v, %v", in, err)
	}
	if ok, err := q.Models.Select().Where(models.Models.Name.ILike("NAME 11")).Exists(ctx); err != nil || !ok {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	if _, err := q.Models.Select().Where(models.Models.Age.Gt(0)).One(ctx); !errors.Is(err, query.ErrNotSingular) {
		t.Fatalf("One of many: %v", err)
	}
	first, err := q.Models.Select().OrderBy(models.Models.Age.Asc()).First(ctx)
	if err != nil || first.Age != 1 {
		t.Fatalf("First = %+v, %v", first, err)
	}

	n, err = q.Models.Update().Set(models.Models.Title.To("boss"), models.Models.Counter.To(42)).
		Where(models.Models.ID.Eq(m.ID)).Exec(ctx)
	if err != nil || n != 1 {
		t.Fatalf("Update = %d, %v", n, err)
	}
	got, _ = q.Models.Get(ctx, m.ID)
	if got.Title != "boss" || got.Counter != 42 || got.Name != m.Name {
		t.Fatalf("after update %+v", got)
	}
	upd, err := q.Models.Update().Set(models.Models.Web.To("w")).Where(models.Models.Age.NotIn(7)).Returning(ctx)
	if err != nil || len(upd) != 5 || upd[0].Web != "w" {
		t.Fatalf("Update.Returning = %d rows, %v", len(upd), err)
	}
	if _, err := q.Models.Update().Where(models.Models.ID.Eq(1)).Exec(ctx); !errors.Is(err, query.ErrNoAssignment) {
		t.Fatalf("update without Set: %v", err)
	}

	n, err = q.Models.Delete().Where(models.Models.Age.Le(2)).Exec(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Delete = %d, %v", n, err)
	}
	n, err = q.Models.Delete().All().Exec(ctx)
	if err != nil || n != 4 {
		t.Fatalf("Delete.All = %d, %v", n, err)
	}
}

func TestRaw(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := models.New(setup(t, "models", false).pool)
	if _, err := q.Raw().Exec(ctx, "INSERT INTO models (name, title, fax, web, age, \"right\", counter) VALUES ($1, '', '', '', 1, true, 1)", "raw"); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := q.Raw().QueryRow(ctx, "SELECT name FROM models").Scan(&name); err != nil || name != "raw" {
		t.Fatalf("raw select = %q, %v", name, err)
	}
}
