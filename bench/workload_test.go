package bench

import (
	"context"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Every benchmark first runs its operation once and checks the result
// against the database through a separate pgx pool, so a contender that
// writes nothing or reads the wrong rows fails instead of looking fast.

func BenchmarkInsert(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		id, err := o.Insert(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if id <= seedModels {
			b.Fatalf("Insert returned id %d, want a new id above %d", id, seedModels)
		}
		got := readModel(b, check, id)
		want := newModel()
		want.ID = id
		if got != want {
			b.Fatalf("inserted row is %+v, want %+v", got, want)
		}
		loop(b, func() error {
			_, err := o.Insert(ctx)
			return err
		})
	})
}

func BenchmarkInsertMulti(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		before := countModels(b, check)
		n, err := o.InsertMulti(ctx)
		if err != nil {
			b.Fatal(err)
		}
		after := countModels(b, check)
		if n != multiRows || after-before != multiRows {
			b.Fatalf("InsertMulti reported %d rows and added %d, want %d", n, after-before, multiRows)
		}
		var distinct int64
		if err := check.QueryRow(ctx, `SELECT count(*) FROM models WHERE id > $1 AND name = $2 AND counter = $3`,
			before, newModel().Name, newModel().Counter).Scan(&distinct); err != nil {
			b.Fatal(err)
		}
		if distinct != multiRows {
			b.Fatalf("InsertMulti wrote %d rows with the expected values, want %d", distinct, multiRows)
		}
		loop(b, func() error {
			_, err := o.InsertMulti(ctx)
			return err
		})
	})
}

func BenchmarkUpdate(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		n, err := o.Update(ctx, updateID, 4242)
		if err != nil {
			b.Fatal(err)
		}
		got := readModel(b, check, updateID)
		want := newModel()
		want.ID, want.Counter = updateID, 4242
		if n != 1 || got != want {
			b.Fatalf("Update reported %d rows and left %+v, want 1 row and %+v", n, got, want)
		}
		var counter int64
		loop(b, func() error {
			counter++
			_, err := o.Update(ctx, updateID, counter)
			return err
		})
		if got := readModel(b, check, updateID); got.Counter != counter {
			b.Fatalf("after %d updates counter is %d", counter, got.Counter)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		got, err := o.Read(ctx, readID)
		if err != nil {
			b.Fatal(err)
		}
		want := newModel()
		want.ID = readID
		if got != want {
			b.Fatalf("Read returned %+v, want %+v", got, want)
		}
		loop(b, func() error {
			_, err := o.Read(ctx, readID)
			return err
		})
	})
}

func BenchmarkReadSlice(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		n, first, err := o.ReadSlice(ctx)
		if err != nil {
			b.Fatal(err)
		}
		want := newModel()
		want.ID = first.ID
		if n != 100 || first.ID <= 0 || first != want {
			b.Fatalf("ReadSlice returned %d rows, the first %+v; want 100 rows like %+v", n, first, want)
		}
		loop(b, func() error {
			_, _, err := o.ReadSlice(ctx)
			return err
		})
	})
}

func BenchmarkTenantList(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		n, first, last, err := o.TenantList(ctx, orgA)
		if err != nil {
			b.Fatal(err)
		}
		ids := tenantIDs()
		wantFirst := Item{ID: ids[0], OrgID: orgA, Name: itemName(ids[0]), Qty: int(ids[0])}
		wantLast := Item{ID: ids[len(ids)-1], OrgID: orgA, Name: itemName(ids[len(ids)-1]), Qty: int(ids[len(ids)-1])}
		if n != tenantListLen || first != wantFirst || last != wantLast {
			b.Fatalf("TenantList returned %d rows from %+v to %+v; want %d from %+v to %+v",
				n, first, last, tenantListLen, wantFirst, wantLast)
		}
		loop(b, func() error {
			_, _, _, err := o.TenantList(ctx, orgA)
			return err
		})
	})
}

func BenchmarkRelation(b *testing.B) {
	each(b, func(b *testing.B, o Ops, check *pgxpool.Pool) {
		ctx := context.Background()
		got, err := o.Relation(ctx, relationPost)
		if err != nil {
			b.Fatal(err)
		}
		want := Family{ID: relationPost, Title: "post 7", Children: postChildren}
		if err := check.QueryRow(ctx, `SELECT sum(id) FROM comments WHERE post_id = $1`, relationPost).Scan(&want.ChildIDs); err != nil {
			b.Fatal(err)
		}
		if got != want {
			b.Fatalf("Relation returned %+v, want %+v", got, want)
		}
		loop(b, func() error {
			_, err := o.Relation(ctx, relationPost)
			return err
		})
	})
}

// loop times op with b.Loop and also reports the CPU time the whole
// process (the client library, the driver and the garbage collector, not
// the server) spent per operation, as cpu-ns/op: a figure that a slow
// round trip or another program on the machine disturbs far less than the
// wall time.
func loop(b *testing.B, op func() error) {
	start := processCPU(b)
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU(b)-start)/float64(b.N), "cpu-ns/op")
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tenantIDs returns the ids TenantList must return for orgA, derived from
// seedSQL: item i has id i, belongs to orgB when i%3 == 2, and is deleted
// when i%5 == 0.
func tenantIDs() []int64 {
	var ids []int64
	for i := int64(1); i <= seedItems && len(ids) < tenantListLen; i++ {
		if i%3 != 2 && i%5 != 0 {
			ids = append(ids, i)
		}
	}
	return ids
}

func itemName(id int64) string {
	return "item " + strconv.FormatInt(id, 10)
}

func readModel(b *testing.B, check *pgxpool.Pool, id int64) Model {
	b.Helper()
	var m Model
	err := check.QueryRow(context.Background(), `SELECT id, name, title, fax, web, age, "right", counter FROM models WHERE id = $1`, id).
		Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
	if err != nil {
		b.Fatalf("reading model %d: %v", id, err)
	}
	return m
}

func countModels(b *testing.B, check *pgxpool.Pool) int64 {
	b.Helper()
	var n int64
	if err := check.QueryRow(context.Background(), `SELECT count(*) FROM models`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
