// Package schema is the shop's data model, one file per domain.
package schema

import "github.com/factory-kit/plinth/schema"

var table = schema.TableCreator(func(name string) string { return "shop_" + name })
