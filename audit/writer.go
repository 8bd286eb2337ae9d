package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// run is the writer: from the first event queued, it collects events for
// FlushInterval or until BatchSize, writes them with one COPY, and starts
// over, until Close.
func (l *Logger) run() {
	defer close(l.done)
	defer l.cancel()
	batch := make([]Event, 0, l.cfg.BatchSize)
	for {
		select {
		case e := <-l.queue:
			l.write(l.collect(append(batch[:0], e)))
		case <-l.closing:
			l.drain(batch)
			return
		}
	}
}

// collect waits FlushInterval, or until Log says a full batch is queued,
// or Close, and then adds what is queued to batch. It sleeps rather than
// receives: a writer woken by every Log would cost the callers of Log CPU
// on a busy machine. Lingering keeps the writer's cost per event low when
// events trickle in: one transaction per interval, not per event.
func (l *Logger) collect(batch []Event) []Event {
	if l.cfg.FlushInterval > 0 && len(l.queue) < l.fullAt {
		timer := time.NewTimer(l.cfg.FlushInterval)
		select {
		case <-timer.C:
		case <-l.full:
		case <-l.closing:
		}
		timer.Stop()
	}
	return l.fill(batch)
}

// drain writes what is left in the queue; nothing is added to it once
// closing is closed.
func (l *Logger) drain(batch []Event) {
	for {
		batch = l.fill(batch[:0])
		if len(batch) == 0 {
			return
		}
		if l.ctx.Err() != nil { // Close gave up: count the rest as lost, once
			n := len(batch) + len(l.queue)
			l.failed.Add(uint64(n))
			l.report(&WriteError{Table: l.cfg.Table, Events: n, Err: l.ctx.Err()})
			return
		}
		l.write(batch)
	}
}

// fill appends queued events to batch without waiting, up to BatchSize.
func (l *Logger) fill(batch []Event) []Event {
	for len(batch) < l.cfg.BatchSize {
		select {
		case e := <-l.queue:
			batch = append(batch, e)
		default:
			return batch
		}
	}
	return batch
}

// write writes batch, counts the outcome, and reports failures and drops.
func (l *Logger) write(batch []Event) {
	batch = l.dropInvalid(batch)
	if len(batch) > 0 {
		ctx, cancel := context.WithTimeout(l.ctx, 2*l.cfg.Timeout+time.Second)
		err := l.copy(ctx, batch)
		cancel()
		if err != nil {
			l.failed.Add(uint64(len(batch)))
			l.report(&WriteError{Table: l.cfg.Table, Events: len(batch), Err: err})
		} else {
			l.written.Add(uint64(len(batch)))
		}
	}
	if d := l.dropped.Load(); d > l.reportedDrops {
		l.report(&DropError{Events: d - l.reportedDrops})
		l.reportedDrops = d
	}
}

// dropInvalid removes the events whose metadata would fail the whole COPY.
func (l *Logger) dropInvalid(batch []Event) []Event {
	valid := batch[:0]
	for _, e := range batch {
		if e.Metadata != nil && !json.Valid(e.Metadata) {
			l.failed.Add(1)
			l.report(&WriteError{Table: l.cfg.Table, Events: 1, Err: fmt.Errorf("event %q: metadata is not valid JSON", e.Action)})
			continue
		}
		valid = append(valid, e)
	}
	return valid
}

// copy writes batch in one transaction with the Logger's lock and
// statement timeouts (SET LOCAL), so that a locked table costs the writer at most
// that long, and the application's connections nothing.
func (l *Logger) copy(ctx context.Context, batch []Event) error {
	tx, err := l.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`, l.lockTimeout, l.stmtTimeout); err != nil {
		return err
	}
	row := make([]any, 0, len(columns))
	src := pgx.CopyFromSlice(len(batch), func(i int) ([]any, error) {
		row = batch[i].row(row) // CopyFrom encodes a row before asking for the next
		return row, nil
	})
	if _, err := tx.CopyFrom(ctx, l.table, columns, src); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func (l *Logger) report(err error) {
	if l.cfg.OnError != nil {
		l.cfg.OnError(err)
	}
}
