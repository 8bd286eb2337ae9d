package schema

import "github.com/factory-kit/plinth/schema"

// Users are people who sign in; they join organizations through Members.
var Users = table("users",
	id(),
	schema.Global(),
	schema.Text("name").NotNull(),
	schema.Text("email").NotNull().Unique(),
	schema.Boolean("email_verified").NotNull().Default("false"),
	schema.Text("image"),
	schema.Timestamps(),
)

// Sessions are signed-in browser sessions.
var Sessions = table("sessions",
	id(),
	schema.Global(),
	schema.UUID("user_id").NotNull().References(Users.Col("id")).OnDelete(schema.Cascade),
	schema.Text("token").NotNull().Unique(),
	schema.Timestamptz("expires_at").NotNull(),
	schema.Text("ip_address"),
	schema.Text("user_agent"),
	schema.UUID("active_org_id").References(Organizations.Col("id")).OnDelete(schema.SetNull),
	schema.Index("user_id"),
	schema.Timestamps(),
)

// Accounts are the identity-provider accounts linked to a user.
var Accounts = table("accounts",
	id(),
	schema.Global(),
	schema.UUID("user_id").NotNull().References(Users.Col("id")).OnDelete(schema.Cascade),
	schema.Text("provider_id").NotNull(),
	schema.Text("account_id").NotNull(),
	schema.Text("access_token"),
	schema.Text("refresh_token"),
	schema.Timestamptz("access_token_expires_at"),
	schema.Text("password_hash"),
	schema.Unique("provider_id", "account_id"),
	schema.Index("user_id"),
	schema.Timestamps(),
)

// Verifications are one-time codes (email verification, password reset).
var Verifications = table("verifications",
	id(),
	schema.Global(),
	schema.Text("identifier").NotNull(),
	schema.Text("value").NotNull(),
	schema.Timestamptz("expires_at").NotNull(),
	schema.Index("identifier"),
	schema.Timestamps(),
)
