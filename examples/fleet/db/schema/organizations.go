package schema

import "github.com/factory-kit/plinth/schema"

// Organizations are the tenants: every domain table belongs to one, and
// deleting an organization deletes its rows through ON DELETE CASCADE.
var Organizations = table("organizations",
	id(),
	schema.Text("name").NotNull(),
	schema.Varchar("slug", 64).NotNull().Unique(),
	schema.Timestamps(),
)

// MemberRole is what a user may do in an organization.
var MemberRole = schema.Enum("member_role", "owner", "admin", "member")

// Members link users to the organizations they belong to.
var Members = table("members",
	id(),
	tenant(),
	schema.UUID("user_id").NotNull().References(Users.Col("id")).OnDelete(schema.Cascade),
	MemberRole.Column("role").NotNull().Default("'member'"),
	schema.Unique("org_id", "user_id"),
	schema.Timestamps(),
)
