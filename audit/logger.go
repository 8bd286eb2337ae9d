package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// DB is what a Logger writes through: *pgxpool.Pool and *plinth.DB have it.
type DB interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Config configures a Logger. The zero value is usable.
type Config struct {
	// Table is the activity log table, optionally schema-qualified
	// ("audit.fleet_admin_actions"). Default "admin_actions".
	Table string
	// QueueSize bounds how many events wait for the writer; Log drops
	// events beyond it. Default 8192.
	QueueSize int
	// BatchSize bounds how many events one COPY writes. Default 1024.
	BatchSize int
	// FlushInterval is how long the writer waits, after the first event of
	// a batch, for more to arrive before it writes (unless the batch fills
	// first): the longest an event waits in a healthy Logger. Negative
	// means do not wait. Default 100ms.
	FlushInterval time.Duration
	// Timeout bounds how long one batch write waits for a lock on the
	// table (its lock_timeout). Its statements may run twice as long
	// (statement_timeout), and its context ends a second after that, so a
	// locked or stalled table costs the writer at most 2×Timeout+1s per
	// batch and the application nothing. Default 2s.
	Timeout time.Duration
	// OnError, when set, receives what the writer could not do: a
	// *WriteError for a batch it could not write, a *DropError for events
	// Log dropped because the queue was full. It is called from the
	// writer's goroutine, one call at a time, never from Log; a slow
	// OnError slows the writer, not the caller of Log.
	OnError func(error)
}

const (
	defaultTable     = "admin_actions"
	defaultQueueSize = 8192
	defaultBatchSize = 1024
	defaultTimeout   = 2 * time.Second
	defaultInterval  = 100 * time.Millisecond
)

// ErrQueueFull is matched (errors.Is) by every *DropError.
var ErrQueueFull = errors.New("audit: queue full")

// DropError reports events that Log dropped because the queue was full,
// or because the Logger was closed.
type DropError struct {
	// Events is how many were dropped since the previous report.
	Events uint64
}

// Error says how many events were dropped.
func (e *DropError) Error() string {
	return fmt.Sprintf("audit: queue full: %d events dropped (raise Config.QueueSize, or see why the writer is slow)", e.Events)
}

// Is reports whether target is ErrQueueFull.
func (e *DropError) Is(target error) bool { return target == ErrQueueFull }

// WriteError reports a batch of events the writer could not write; the
// events are lost. Err is the database's error.
type WriteError struct {
	// Table is the activity log table.
	Table string
	// Events is how many events were lost.
	Events int
	// Err is why: the database's error, a timeout, or invalid metadata.
	Err error
}

// Error names the table, the count and the cause.
func (e *WriteError) Error() string {
	return fmt.Sprintf("audit: writing %d events to %s: %v", e.Events, e.Table, e.Err)
}

// Unwrap returns the database's error.
func (e *WriteError) Unwrap() error { return e.Err }

// Stats counts what a Logger did with the events it was given.
type Stats struct {
	// Queued is how many events wait for the writer now.
	Queued int
	// Written is how many events were committed to the table.
	Written uint64
	// Dropped is how many events Log dropped: queue full, or Logger closed.
	Dropped uint64
	// Failed is how many events the writer lost: failed batches, invalid metadata.
	Failed uint64
}

// Logger writes activity log rows in the background. Log never blocks and
// never fails; a Logger is safe for concurrent use. Create it with New and
// Close it on shutdown.
type Logger struct {
	db                       DB
	cfg                      Config
	table                    pgx.Identifier
	insert                   string // the LogTx statement
	lockTimeout, stmtTimeout string // in milliseconds, for set_config

	mu      sync.RWMutex // guards closed against sends to queue
	closed  bool
	queue   chan Event
	closing chan struct{} // closed by Close: drain the queue and stop
	full    chan struct{} // Log's signal to a lingering writer that a batch is ready
	fullAt  int           // the queue length that makes a batch ready: min(BatchSize, QueueSize)
	done    chan struct{} // closed by the writer when it has stopped
	ctx     context.Context
	cancel  context.CancelFunc // abandons the writer's work when Close's context ends

	written, dropped, failed atomic.Uint64
	reportedDrops            uint64 // dropped at the last DropError; writer-owned
}

// New starts a Logger that writes to cfg.Table through db.
func New(db DB, cfg Config) *Logger {
	if db == nil {
		panic("audit: New with a nil DB")
	}
	cfg.Table = cmpOr(cfg.Table, defaultTable)
	cfg.QueueSize = cmpOr(cfg.QueueSize, defaultQueueSize)
	cfg.BatchSize = cmpOr(cfg.BatchSize, defaultBatchSize)
	cfg.Timeout = cmpOr(cfg.Timeout, defaultTimeout)
	cfg.FlushInterval = cmpOr(cfg.FlushInterval, defaultInterval)
	l := &Logger{
		db:          db,
		cfg:         cfg,
		table:       pgx.Identifier(strings.Split(cfg.Table, ".")),
		lockTimeout: fmt.Sprint(cfg.Timeout.Milliseconds()),
		stmtTimeout: fmt.Sprint(2 * cfg.Timeout.Milliseconds()),
		queue:       make(chan Event, cfg.QueueSize),
		closing:     make(chan struct{}),
		done:        make(chan struct{}),
	}
	l.insert = insertSQL(l.table)
	l.ctx, l.cancel = context.WithCancel(context.Background())
	go l.run()
	return l
}

func cmpOr[T comparable](v, fallback T) T {
	var zero T
	if v == zero {
		return fallback
	}
	return v
}

// Log queues e for the writer and returns at once. When the queue is full,
// or the Logger is closed, e is dropped and counted (Stats.Dropped, and a
// *DropError to OnError); the database's errors never reach the caller.
func (l *Logger) Log(e Event) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		l.dropped.Add(1)
		return
	}
	select {
	case l.queue <- e:
	default:
		l.dropped.Add(1)
		return
	}
	if len(l.queue) >= l.fullAt {
		select {
		case l.full <- struct{}{}:
		default:
		}
	}
}

// Stats returns the Logger's counters.
func (l *Logger) Stats() Stats {
	return Stats{
		Queued:  len(l.queue),
		Written: l.written.Load(),
		Dropped: l.dropped.Load(),
		Failed:  l.failed.Load(),
	}
}

// Close stops accepting events, writes every queued one, and returns when
// they are written or ctx ends; then it abandons what is left and returns
// ctx's error. Calling Close again waits the same way. Close the Logger
// before the pool it writes through.
func (l *Logger) Close(ctx context.Context) error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.closing)
	}
	l.mu.Unlock()
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		l.cancel()
		<-l.done
		return fmt.Errorf("audit: closing before every event was written (Stats().Failed counts them): %w", ctx.Err())
	}
}
