package cliflags

import (
	"fmt"
	"io"
	"strings"
)

// Command is one subcommand: it gets the arguments after its words and returns the exit code.
type Command func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Program is a program's command table: "aula-server station add ..." runs
// Commands["station add"], a one-word command Commands["backup"].
type Program struct {
	Name     string // e.g. "aula-server"
	Usage    string // printed for help and unknown commands
	Version  string // printed by "version" and "--version"
	Commands map[string]Command
	// Default runs when there is no command word, or only flags: "aula-node --addr :80" serves.
	Default Command
}

// Run runs the command in args and returns the process exit code: 0 after help or version, 2 for
// an unknown command (with the usage on stderr).
func (p Program) Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "version") {
		fmt.Fprintln(stdout, p.Name+" "+p.Version)
		return 0
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return p.Default(args, stdin, stdout, stderr)
	}
	if len(args) >= 2 {
		if cmd, ok := p.Commands[args[0]+" "+args[1]]; ok {
			return cmd(args[2:], stdin, stdout, stderr)
		}
	}
	if cmd, ok := p.Commands[args[0]]; ok {
		return cmd(args[1:], stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, p.Usage)
		return 0
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n\n%s", p.Name, strings.Join(args, " "), p.Usage)
	return 2
}

// Backup is the "backup" command of the program prog: --data (default defaultData) and --out (required),
// then backup(data, out), which writes a consistent copy of the store while the program may be
// running. It reminds the operator to keep keyFile (from the data folder) with the copy, and why.
func Backup(prog, defaultData, keyFile, why string, backup func(data, out string) error) Command {
	return func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
		f := New("backup", stderr)
		data := f.Str("data", defaultData, "data folder")
		out := f.Str("out", "", "backup file to write (must not exist)")
		if ok, code := f.Parse(args); !ok {
			return code
		}
		if !f.Require(stderr, map[string]string{"out": *out}) {
			return 2
		}
		if err := backup(*data, *out); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", prog, err)
			return 1
		}
		fmt.Fprintf(stdout, "backup written to %s\nkeep %s from %s with it: %s\n", *out, keyFile, *data, why)
		return 0
	}
}
