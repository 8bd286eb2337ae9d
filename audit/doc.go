// Package audit writes the activity log (who did what to which subject)
// without ever making the mutation it records wait for it or fail with it.
//
//	log := audit.New(db, audit.Config{Table: "fleet_admin_actions", OnError: func(err error) {
//		slog.Warn("audit", "err", err)
//	}})
//	defer log.Close(shutdownCtx) // writes what is still queued
//
//	n, err := q.Customers.Update().Set(...).Where(...).Exec(ctx)
//	if err != nil {
//		return err
//	}
//	log.Log(audit.Event{ActorID: user, Action: "customer.update", SubjectType: "customer", SubjectID: id})
//
// The table has the columns id uuid, actor_id uuid, action text,
// subject_type text, subject_id uuid, metadata jsonb and created_at
// timestamptz; its name is Config.Table.
//
// # Fire and forget
//
// Log puts the event in a bounded in-memory queue and returns: it never
// blocks, never touches the database, and has no error to return. A single
// background writer takes the queued events in batches and writes each
// batch with one COPY, in a transaction with a short lock_timeout and
// statement_timeout, so that a locked table (a migration, a long LOCK
// TABLE), a missing one, or a slow database costs the writer one timeout
// per batch and the application nothing but the one pool connection the
// writer holds while it writes. What cannot be written is lost
// and counted (Stats) and reported to Config.OnError: a full queue as a
// *DropError, a failed batch as a *WriteError carrying the database's
// error. Close writes everything still queued; only a crash, or a Close
// whose context ends first, loses queued events.
//
// # Transactional mode
//
// LogTx writes the event in the caller's transaction instead, so the row
// commits and rolls back with the mutation. Nothing is lost, but the
// trade-off is the one the default avoids: the mutation waits on the log
// table's locks and fails when the insert fails. Choose it per call, where
// a missing audit row is worse than a failed request.
package audit
