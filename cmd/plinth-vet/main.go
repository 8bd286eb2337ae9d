// Command plinth-vet runs plinth's data-layer analyzers as a vet tool:
//
//	go install github.com/factory-kit/plinth/cmd/plinth-vet
//	go vet -vettool=$(which plinth-vet) ./...
//	go vet -vettool=$(which plinth-vet) -softdelete.schema=$PWD/db/schema.json ./...
//
// See package github.com/factory-kit/plinth/lint for the checks.
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/factory-kit/plinth/lint"
)

func main() { unitchecker.Main(lint.Analyzers...) }
