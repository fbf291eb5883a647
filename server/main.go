// Command aula-server is Aula's central course server. See docs/operations.md.
package main

import (
	"os"

	"aula/server/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
