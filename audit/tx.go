package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// LogTx writes e in the caller's transaction tx, so that the row commits
// or rolls back with the mutation it records: nothing is lost, at the
// price the default mode exists to avoid. The mutation now waits for the
// activity log table (a lock on it stalls the transaction), fails when the
// insert fails, and pays one more round trip. Use it where losing an audit
// row is worse than failing the mutation; Log everywhere else.
func (l *Logger) LogTx(ctx context.Context, tx pgx.Tx, e Event) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	var buf [7]any
	if _, err := tx.Exec(ctx, l.insert, e.row(buf[:0])...); err != nil {
		return fmt.Errorf("audit: inserting into %s: %w", l.cfg.Table, err)
	}
	return nil
}

func insertSQL(table pgx.Identifier) string {
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		table.Sanitize(), strings.Join(columns, ", "))
}
