// Package cli is aula-server's command line: it parses commands and flags and calls the app.
package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"aula/courses/coursepkg"
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
  aula-server course lint PATH...                              every problem as FILE:LINE: message
  aula-server course publish --data DIR PATH                   lint, then publish a new version
  aula-server certificate revoke --data DIR --id ID --reason TEXT  revoke a certificate
  aula-server sync import --data DIR --in FILE --out REPLY     apply a node's USB sync file
  aula-server backup --data DIR --out FILE                     consistent copy while running
  aula-server audit verify --data DIR [--against HEADS]        walk the audit chain (and a station's heads)
  aula-server evidence verify --in FILE [--key center.key]     check an officer's evidence bundle offline
  aula-server xapi export --data DIR --out FILE --public-url URL  every xAPI statement as JSON lines

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
		"backup":             cliflags.Backup("aula-server", defaultData, "center.key", "it signs courses and certificates", backup),
		"sync import":        syncImport,
		"audit verify":       auditVerify,
		"evidence verify":    evidenceVerify,
		"xapi export":        xapiExport,
		"course lint": func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
			return courseLint(args, stdout, stderr)
		},
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

// courseLint checks each course folder and prints every problem. It exits 1 when any folder has
// a problem, 2 when no folder was given.
func courseLint(paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: aula-server course lint PATH...")
		return 2
	}
	bad := 0
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			fmt.Fprintf(stdout, "%s:1: not a course folder\n", p)
			bad++
			continue
		}
		pkg, problems := coursepkg.Read(os.DirFS(p), p)
		for _, pr := range problems {
			fmt.Fprintln(stdout, pr.String())
		}
		if len(problems) > 0 {
			bad++
			continue
		}
		c := pkg.Course
		questions := 0
		if c.Quiz != nil {
			questions = len(c.Quiz.Questions)
		}
		fmt.Fprintf(stderr, "%s: ok (%s v%d, %d lessons, %d questions, languages %s)\n",
			p, c.ID, c.Version, len(c.Lessons), questions, strings.Join(c.Languages, ","))
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "%d of %d course folders have problems\n", bad, len(paths))
		return 1
	}
	return 0
}
