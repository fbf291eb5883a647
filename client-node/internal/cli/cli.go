// Package cli is aula-node's command line: it parses commands and flags and calls the app.
package cli

import (
	"context"
	"fmt"
	"io"

	"aula/client-node/internal/app"
	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/internal/apprun"
	"aula/internal/cliflags"
)

const usage = `aula-node: Aula's station node

Commands:
  aula-node enroll --data DIR --server URL --token TOKEN   register this node with the center
  aula-node [serve] [--addr HOST:PORT] [--data DIR]        run the node; syncs in the background
  aula-node sync --data DIR                                one full sync round now (push, then pull)
  aula-node sync export --data DIR --out FILE              unacknowledged records into a signed file
  aula-node sync import --data DIR --in FILE               apply the center's reply file
  aula-node backup --data DIR --out FILE                   consistent copy of the node's store
  aula-node unlock --data DIR --badge BADGE                end a badge's lockout after wrong PINs
  aula-node audit heads --data DIR [--out FILE]            the center's signed audit heads seen here

Run a command with -h for its flags.
`

const defaultData = "./aula-node-data"

var program = cliflags.Program{
	Name: "aula-node", Usage: usage,
	Commands: map[string]cliflags.Command{
		"serve":       serve,
		"enroll":      enroll,
		"sync":        syncRound,
		"sync export": syncExport,
		"sync import": syncImport,
		"unlock":      unlock,
		"audit heads": auditHeads,
		"backup":      cliflags.Backup("aula-node", defaultData, "node.key", "it is this node's identity at the center", backup),
	},
	Default: serve,
}

// Version is the program's version, stamped at build time by scripts/release.sh
// (-ldflags "-X aula/...internal/cli.Version=v1.2.3").
var Version = "dev"

// Run runs the command in args and returns the exit code. Without a command it serves.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	syncer.Version = Version // reported to the center with every sync
	program.Version = Version
	return program.Run(args, stdin, stdout, stderr)
}

// serve runs the node until SIGINT or SIGTERM. It needs no center to serve officers.
func serve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.ServeFlags(":8090", defaultData, stderr)
	if ok, code := f.Parse(args); !ok {
		return code
	}
	m, err := app.Open(app.Config{Addr: *f.Addr, Data: *f.Data, SecureCookies: *f.SecureCookies, BackgroundSync: true,
		TrustedProxies: f.Trusted, Zone: f.Zone, SignatoryName: *f.SignatoryName, SignatoryRole: *f.SignatoryRole}, f.Log)
	if err != nil {
		return fail(stderr, err)
	}
	if err := apprun.UntilSignal(m); err != nil {
		return fail(stderr, err)
	}
	return 0
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "aula-node: %s\n", errText(err))
	return 1
}

// backup writes a consistent copy of the node's store while it runs. Restoring a node from a
// copy loses nothing: records made after the copy still reach the center (see docs/sync.md).
func backup(data, out string) error {
	st, err := store.Open(data)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Backup(context.Background(), out)
}
