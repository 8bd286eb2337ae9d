// Command plinth is the plinth CLI: a throwaway development database,
// schema loading, code generation and migrations. Run `plinth -h`.
package main

import (
	"os"

	"github.com/factory-kit/plinth/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
