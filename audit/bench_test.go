package audit_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/factory-kit/plinth/audit"
	"github.com/google/uuid"
)

// BenchmarkUpdate measures a single-row UPDATE through pgx, alone and
// followed by Log, with each iteration's latency percentiles. In
// "audit=held" the writer is held on a locked table, which isolates what
// Log itself costs the mutation from what the writer's background work
// (its goroutine, its COPY on the server) costs a machine it shares.
func BenchmarkUpdate(b *testing.B) {
	for _, mode := range []string{"off", "on", "held"} {
		b.Run("audit="+mode, func(b *testing.B) {
			ctx := context.Background()
			pool := setup(b)
			var l *audit.Logger
			if mode != "off" {
				l = audit.New(pool, audit.Config{Table: table, QueueSize: b.N + 1, Timeout: time.Minute})
			}
			unlock := func() {}
			if mode == "held" {
				unlock = lockTable(b, pool)
			}
			actor := uuid.New()
			meta := []byte(`{"field":"name"}`)
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				start := time.Now()
				if _, err := pool.Exec(ctx, `UPDATE customers SET name = $2 WHERE id = $1`, i%100+1, "renamed"); err != nil {
					b.Fatal(err)
				}
				if l != nil {
					l.Log(audit.Event{ActorID: actor, Action: "customer.update", SubjectType: "customer", Metadata: meta})
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportPercentiles(b, lat)
			unlock()
			if l != nil {
				if err := l.Close(ctx); err != nil {
					b.Fatal(err)
				}
				if s := l.Stats(); s.Dropped+s.Failed > 0 {
					b.Fatalf("audit lost events: %+v", s)
				}
			}
		})
	}
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	at := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
}

// BenchmarkLogThroughput measures how many events per second the batched
// COPY writer commits: b.N events logged, timed until Close has written
// them all.
func BenchmarkLogThroughput(b *testing.B) {
	ctx := context.Background()
	pool := setup(b)
	l := audit.New(pool, audit.Config{Table: table, QueueSize: b.N + 1})
	ev := audit.Event{ActorID: uuid.New(), Action: "customer.update", SubjectType: "customer", SubjectID: uuid.New(), Metadata: []byte(`{"field":"name"}`)}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		l.Log(ev)
	}
	if err := l.Close(ctx); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	if s := l.Stats(); s.Written != uint64(b.N) {
		b.Fatalf("Stats = %+v, want %d written", s, b.N)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
}

// BenchmarkLog measures Log alone, the cost a mutation pays for auditing.
// The writer runs as usual and Log is called far faster than one writer
// drains, so the queue fills and later events are dropped: the figure is
// the mix of the enqueue and the drop paths, neither of which blocks.
func BenchmarkLog(b *testing.B) {
	pool := setup(b)
	l := audit.New(pool, audit.Config{Table: table})
	ev := audit.Event{ActorID: uuid.New(), Action: "customer.update", SubjectType: "customer", Metadata: []byte(`{}`)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l.Log(ev)
	}
	b.StopTimer()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := l.Close(ctx); err != nil {
		b.Fatal(err)
	}
	if s := l.Stats(); s.Failed > 0 || s.Written+s.Dropped != uint64(b.N) {
		b.Fatalf("Stats = %+v for %d events", s, b.N)
	}
}
