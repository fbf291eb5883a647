// Package cli is aula-node's command line: it parses commands and flags and calls the app.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"aula/client-node/internal/app"
	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
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

Run a command with -h for its flags.
`

const defaultData = "./aula-node-data"

type command func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

var commands = map[string]command{
	"serve":       serve,
	"enroll":      enroll,
	"sync":        syncRound,
	"sync export": syncExport,
	"sync import": syncImport,
	"backup":      backup,
}

// Version is the program's version, stamped at build time by scripts/release.sh
// (-ldflags "-X aula/...internal/cli.Version=v1.2.3").
var Version = "dev"

// Run runs the command in args and returns the exit code. Without a command it serves.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	syncer.Version = Version // reported to the center with every sync
	if len(args) > 0 && (args[0] == "--version" || args[0] == "version") {
		fmt.Fprintln(stdout, "aula-node "+Version)
		return 0
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return serve(args, stdin, stdout, stderr)
	}
	if len(args) >= 2 {
		if cmd, ok := commands[args[0]+" "+args[1]]; ok {
			return cmd(args[2:], stdin, stdout, stderr)
		}
	}
	if cmd, ok := commands[args[0]]; ok {
		return cmd(args[1:], stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "aula-node: unknown command %q\n\n%s", strings.Join(args, " "), usage)
	return 2
}

// serve runs the node until SIGINT or SIGTERM. It needs no center to serve officers.
func serve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("serve", stderr)
	addr := f.Str("addr", ":8090", "listen address HOST:PORT")
	data := f.Str("data", defaultData, "data folder")
	secure := f.Boolean("secure-cookies", "mark cookies Secure (when served over HTTPS)")
	logFormat := f.Str("log-format", "text", "log format: text or json")
	proxies := f.List("trusted-proxy", "AULA_TRUSTED_PROXIES", "address or CIDR range of a reverse proxy whose X-Forwarded-For is believed")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	trusted, err := cliflags.CIDRs(*proxies)
	if err != nil {
		fmt.Fprintf(stderr, "serve: --trusted-proxy: %v\n", err)
		return 2
	}
	log := cliflags.Logger(*logFormat, stderr)
	m, err := app.Open(app.Config{Addr: *addr, Data: *data, SecureCookies: *secure, BackgroundSync: true, TrustedProxies: trusted}, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer m.Close()
	if err := m.Listen(); err != nil {
		return fail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := m.Run(ctx); err != nil {
		return fail(stderr, err)
	}
	return 0
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "aula-node: %v\n", err)
	return 1
}

// backup writes a consistent copy of the node's store while it runs. Keep node.key with it.
// Restoring a node from a copy loses nothing: records made after the copy still reach the
// center (see docs/sync.md).
func backup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("backup", stderr)
	data := f.Str("data", defaultData, "data folder")
	out := f.Str("out", "", "backup file to write (must not exist)")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"out": *out}) {
		return 2
	}
	st, err := store.Open(*data)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	if err := st.Backup(context.Background(), *out); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "backup written to %s; keep node.key from %s with it\n", *out, *data)
	return 0
}
