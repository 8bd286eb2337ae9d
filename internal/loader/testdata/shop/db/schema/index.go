package schema

import "github.com/factory-kit/plinth/schema"

// Schema lists every table of the shop.
var Schema = schema.Registry{Organizations, Orders}
