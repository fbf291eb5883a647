// Command aula-node is Aula's station node. See docs/operations.md.
package main

import (
	"os"

	"aula/client-node/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
