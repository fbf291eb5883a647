// Package cli is aula-server's command line: it parses commands and flags and calls the app.
package cli

import (
	"io"
	"os"

	"aula/internal/cliflags"
)

// usage is printed for help and for unknown commands.
const usage = `aula-server: Aula's central course server

Commands:
  aula-server [serve] [--addr HOST:PORT] [--data DIR]          run the center
  aula-server user add --data DIR --username U --role admin|coordinator|trainer|auditor [--agency CODE] --password-stdin
  aula-server agency add --data DIR --code CODE --name NAME    a police force
  aula-server station add --data DIR --code CODE --name NAME [--agency CODE] [--state NAME]
                                                               prints the enrollment token last
  aula-server station commander --data DIR --code CODE --badge BADGE [--remove]
  aula-server requirement add --data DIR --course ID [--agency CODE] [--station CODE] [--rank RANK]
      (--due-date YYYY-MM-DD | --due-days N) [--window-days N]  required training
  aula-server requirement list --data DIR                      the required training in force
  aula-server station token --data DIR --code CODE             a new one-time token (replacement PC)
  aula-server officer import --data DIR --csv FILE             all rows or none
  aula-server course lint [--strict] [--previous DIR] PATH...  every problem as FILE:LINE: message
                                                               (item-writing warnings fail only with --strict)
  aula-server course gift --in FILE --out DIR                  import a Moodle GIFT file into DIR/quiz.yaml
  aula-server course publish --data DIR PATH                   lint, then publish a new version
  aula-server certificate revoke --data DIR --id ID --reason TEXT  revoke a certificate
  aula-server sync import --data DIR --in FILE --out REPLY     apply a node's USB sync file
  aula-server backup --data DIR --out FILE                     consistent copy while running (SQLite)
  aula-server migrate-store --from DIR --to URL                copy a SQLite center into an empty PostgreSQL
  aula-server audit verify --data DIR [--against HEADS]        walk the audit chain (and a station's heads)
  aula-server evidence verify --in FILE [--key center.key]     check an officer's evidence bundle offline
  aula-server xapi export --data DIR --out FILE --public-url URL  every xAPI statement as JSON lines

Every command that opens the store takes --db URL (AULA_DB): a postgres:// URL keeps the store in
PostgreSQL; keys and files stay in --data. Without it the store is SQLite in --data.

Run a command with -h for its flags.
`

var program = cliflags.Program{
	Name: "aula-server", Usage: usage,
	Commands: map[string]cliflags.Command{
		"serve":              serve,
		"user add":           userAdd,
		"station add":        stationAdd,
		"agency add":         agencyAdd,
		"station commander":  stationCommander,
		"requirement add":    requirementAdd,
		"requirement list":   requirementList,
		"station token":      stationToken,
		"officer import":     officerImport,
		"course publish":     coursePublish,
		"certificate revoke": certificateRevoke,
		"backup":             backupCommand,
		"sync import":        syncImport,
		"migrate-store":      migrateStore,
		"audit verify":       auditVerify,
		"evidence verify":    evidenceVerify,
		"xapi export":        xapiExport,
		"course lint": func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
			return courseLint(args, stdout, stderr)
		},
		"course gift": courseGift,
	},
	Default: serve,
}

// Version is the program's version, stamped at build time by scripts/release.sh
// (-ldflags "-X aula/...internal/cli.Version=v1.2.3").
var Version = "dev"

// Run runs the command in args and returns the process exit code. Without a command, or with
// only flags, it serves.
func Run(args []string, stdout, stderr io.Writer) int {
	return RunWithInput(args, os.Stdin, stdout, stderr)
}

// RunWithInput is Run with standard input given (tests).
func RunWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	program.Version = Version
	return program.Run(args, stdin, stdout, stderr)
}
