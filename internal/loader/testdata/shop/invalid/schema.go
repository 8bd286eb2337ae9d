package invalid

import "github.com/factory-kit/plinth/schema"

var table = schema.TableCreator(nil)

var orgs = table("orgs", schema.UUID("id").PrimaryKey())

var widgets = table("widgets",
	schema.UUID("id").PrimaryKey(),
	schema.UUID("org_id").References(orgs.Col("nope")),
)

var Schema = schema.Registry{orgs, widgets}
