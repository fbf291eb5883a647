package cli

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// flags is a flag set whose every flag also reads an AULA_* environment variable
// (--data <-> AULA_DATA, --no-starter-courses <-> AULA_NO_STARTER_COURSES). A flag given on the
// command line wins over the variable.
type flags struct {
	*flag.FlagSet
}

func newFlags(name string, stderr io.Writer) flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return flags{fs}
}

func envName(flagName string) string {
	return "AULA_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f flags) str(name, def, usage string) *string {
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v
	}
	return f.String(name, def, usage+" (env "+envName(name)+")")
}

func (f flags) boolean(name string, usage string) *bool {
	def := false
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v == "1" || strings.EqualFold(v, "true") || strings.EqualFold(v, "yes")
	}
	return f.Bool(name, def, usage+" (env "+envName(name)+")")
}

// parse parses args and reports whether the command should go on; code is the exit code otherwise.
func (f flags) parse(args []string) (ok bool, code int) {
	if err := f.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return false, 0
		}
		return false, 2
	}
	return true, 0
}

// require reports missing required flags.
func (f flags) require(stderr io.Writer, values map[string]string) bool {
	ok := true
	for name, v := range values {
		if strings.TrimSpace(v) == "" {
			fmt.Fprintf(stderr, "%s: --%s is required\n", f.Name(), name)
			ok = false
		}
	}
	return ok
}

// newLogger returns a text or JSON logger on stderr.
func newLogger(format string, stderr io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(stderr, nil))
	}
	return slog.New(slog.NewTextHandler(stderr, nil))
}
