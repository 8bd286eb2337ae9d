package integration_test

import (
	"context"
	"testing"

	"github.com/factory-kit/plinth/gen/internal/testgen/models"
	"github.com/jackc/pgx/v5"
)

// The benchmarks run go-orm-benchmarks' operations on its models table,
// each twice: through the generated code (Plinth) and hand-written with
// pgx v5 doing the same work (Pgx). Each checks its result once before
// the timed loop.

const (
	pgxColumns = `id, name, title, fax, web, age, "right", counter`
	pgxInsert  = `INSERT INTO models (name, title, fax, web, age, "right", counter) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ` + pgxColumns
	pgxUpdate  = `UPDATE models SET name = $1, title = $2, fax = $3, web = $4, age = $5, "right" = $6, counter = $7 WHERE id = $8`
	pgxRead    = `SELECT ` + pgxColumns + ` FROM models WHERE id = $1`
	pgxSlice   = `SELECT ` + pgxColumns + ` FROM models WHERE id > $1 LIMIT $2`
)

func benchModel() models.NewModel {
	return models.NewModel{Name: "Orm Benchmark", Title: "Just a Benchmark for fun", Fax: "99909990", Web: "http://blog.milkpod29.me", Age: 100, Right: true, Counter: 1000}
}

func pgxScan(row pgx.Row, m *models.Model) error {
	return row.Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
}

func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	d := setup(b, "models", false)
	q := models.New(d.pool)
	n := benchModel()
	b.Run("Plinth", func(b *testing.B) {
		if m, err := q.Models.Insert(n).Returning(ctx); err != nil || m.ID == 0 || m.Web != n.Web {
			b.Fatal(m, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := q.Models.Insert(n).Returning(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Pgx", func(b *testing.B) {
		var m models.Model
		if err := pgxScan(d.pool.QueryRow(ctx, pgxInsert, n.Name, n.Title, n.Fax, n.Web, n.Age, n.Right, n.Counter), &m); err != nil || m.ID == 0 || m.Web != n.Web {
			b.Fatal(m, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			var m models.Model
			if err := pgxScan(d.pool.QueryRow(ctx, pgxInsert, n.Name, n.Title, n.Fax, n.Web, n.Age, n.Right, n.Counter), &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkInsertMulti(b *testing.B) {
	ctx := context.Background()
	d := setup(b, "models", false)
	q := models.New(d.pool)
	rows := make([]models.NewModel, 100)
	for i := range rows {
		rows[i] = benchModel()
	}
	b.Run("Plinth", func(b *testing.B) {
		if n, err := q.Models.InsertMany(rows).Exec(ctx); err != nil || n != 100 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := q.Models.InsertMany(rows).Exec(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Pgx", func(b *testing.B) {
		cols := []string{"name", "title", "fax", "web", "age", "right", "counter"}
		load := func() (int64, error) {
			src := make([][]any, len(rows))
			for i, n := range rows {
				src[i] = []any{n.Name, n.Title, n.Fax, n.Web, n.Age, n.Right, n.Counter}
			}
			return d.pool.CopyFrom(ctx, pgx.Identifier{"models"}, cols, pgx.CopyFromRows(src))
		}
		if n, err := load(); err != nil || n != 100 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := load(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkUpdate(b *testing.B) {
	ctx := context.Background()
	d := setup(b, "models", false)
	q := models.New(d.pool)
	m, err := q.Models.Insert(benchModel()).Returning(ctx)
	if err != nil {
		b.Fatal(err)
	}
	c := models.Models
	b.Run("Plinth", func(b *testing.B) {
		update := func() (int64, error) {
			return q.Models.Update().Set(c.Name.To(m.Name), c.Title.To(m.Title), c.Fax.To(m.Fax), c.Web.To(m.Web),
				c.Age.To(m.Age), c.Right.To(m.Right), c.Counter.To(m.Counter)).Where(c.ID.Eq(m.ID)).Exec(ctx)
		}
		if n, err := update(); err != nil || n != 1 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := update(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Pgx", func(b *testing.B) {
		update := func() (int64, error) {
			tag, err := d.pool.Exec(ctx, pgxUpdate, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter, m.ID)
			return tag.RowsAffected(), err
		}
		if n, err := update(); err != nil || n != 1 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := update(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	d := setup(b, "models", false)
	q := models.New(d.pool)
	m, err := q.Models.Insert(benchModel()).Returning(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Plinth", func(b *testing.B) {
		if got, err := q.Models.Get(ctx, m.ID); err != nil || got != m {
			b.Fatal(got, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := q.Models.Get(ctx, m.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Pgx", func(b *testing.B) {
		var got models.Model
		if err := pgxScan(d.pool.QueryRow(ctx, pgxRead, m.ID), &got); err != nil || got != m {
			b.Fatal(got, err)
		}
		b.ReportAllocs()
		for b.Loop() {
			var got models.Model
			if err := pgxScan(d.pool.QueryRow(ctx, pgxRead, m.ID), &got); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReadSlice(b *testing.B) {
	ctx := context.Background()
	d := setup(b, "models", false)
	q := models.New(d.pool)
	rows := make([]models.NewModel, 100)
	for i := range rows {
		rows[i] = benchModel()
	}
	if _, err := q.Models.InsertMany(rows).Exec(ctx); err != nil {
		b.Fatal(err)
	}
	b.Run("Plinth", func(b *testing.B) {
		read := func() ([]models.Model, error) {
			return q.Models.Select().Where(models.Models.ID.Gt(0)).Limit(100).All(ctx)
		}
		if ms, err := read(); err != nil || len(ms) != 100 || ms[99].Web != rows[0].Web {
			b.Fatal(len(ms), err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := read(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Pgx", func(b *testing.B) {
		read := func() ([]models.Model, error) {
			rs, err := d.pool.Query(ctx, pgxSlice, 0, 100)
			if err != nil {
				return nil, err
			}
			defer rs.Close()
			ms := make([]models.Model, 0, 100)
			for rs.Next() {
				var m models.Model
				if err := pgxScan(rs, &m); err != nil {
					return nil, err
				}
				ms = append(ms, m)
			}
			return ms, rs.Err()
		}
		if ms, err := read(); err != nil || len(ms) != 100 || ms[99].Web != rows[0].Web {
			b.Fatal(len(ms), err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := read(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
