package broken

import "github.com/factory-kit/plinth/schema"

var Schema = schema.Registry{Missing}
