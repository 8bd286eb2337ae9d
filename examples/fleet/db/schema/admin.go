package schema

import "github.com/factory-kit/plinth/schema"

// AdminActions is the activity log, written fire-and-forget by plinth's
// audit.Logger: a failed or slow log write never blocks the mutation it
// records. It is not tenant-scoped, so the trail of a deleted organization
// survives its deletion.
var AdminActions = table("admin_actions",
	id(),
	schema.Global(),
	schema.UUID("actor_id").NotNull(),
	schema.Text("action").NotNull(),
	schema.Text("subject_type"),
	schema.UUID("subject_id"),
	schema.JSONB[map[string]any]("metadata"),
	schema.Timestamptz("created_at").NotNull().DefaultNow(),
	schema.Index("subject_type", "subject_id"),
	schema.Index("created_at"),
)
