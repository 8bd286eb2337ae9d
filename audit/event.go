package audit

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// Event is one row of the activity log: who (ActorID) did what (Action) to
// which subject (SubjectType, SubjectID), with free-form details (Metadata).
type Event struct {
	// ID is the row's id; the zero UUID means a new time-ordered (v7) one.
	ID uuid.UUID
	// ActorID is the user or service that acted.
	ActorID uuid.UUID
	// Action names what was done, for example "customer.update".
	Action string
	// SubjectType is the kind of thing acted on ("customer"); empty is NULL.
	SubjectType string
	// SubjectID is the thing acted on; the zero UUID is NULL.
	SubjectID uuid.UUID
	// Metadata is a JSON document (jsonb); nil is NULL. An event whose
	// Metadata is not valid JSON is dropped by the writer and reported.
	Metadata json.RawMessage
	// At is when it happened; the zero time means the time of Log.
	At time.Time
}

// columns are the activity log's columns, in the order row writes them.
var columns = []string{"id", "actor_id", "action", "subject_type", "subject_id", "metadata", "created_at"}

// row fills dst with e's column values, NULL for the empty optional ones.
func (e *Event) row(dst []any) []any {
	id := e.ID
	if id == uuid.Nil {
		id = newID()
	}
	// pgtype.UUID encodes straight to the binary format; uuid.UUID would
	// go through its driver.Valuer text form, at a dozen allocations a value.
	dst = append(dst[:0], pgtype.UUID{Bytes: id, Valid: true}, pgtype.UUID{Bytes: e.ActorID, Valid: true}, e.Action, nil, nil, nil, e.At)
	if e.SubjectType != "" {
		dst[3] = e.SubjectType
	}
	if e.SubjectID != uuid.Nil {
		dst[4] = pgtype.UUID{Bytes: e.SubjectID, Valid: true}
	}
	if e.Metadata != nil {
		dst[5] = []byte(e.Metadata)
	}
	return dst
}

// newID returns a v7 UUID, whose time order keeps the primary key index
// append-only, or a random one if the clock fails.
func newID() uuid.UUID {
	if id, err := uuid.NewV7(); err == nil {
		return id
	}
	return uuid.New()
}
