package lint

import "golang.org/x/tools/go/analysis"

// Analyzers are plinth's vet checks, in the order they are documented.
var Analyzers = []*analysis.Analyzer{
	MutationWhere,
	RawDriver,
	JSONBQuery,
	SoftDelete,
	Tenant,
}
