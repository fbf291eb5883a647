// Package cliflags gives both programs the same flag handling: every flag also reads an AULA_*
// environment variable, and a flag on the command line wins.
package cliflags

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Set is a flag set whose every flag also reads an AULA_* environment variable
// (--data <-> AULA_DATA, --no-starter-courses <-> AULA_NO_STARTER_COURSES). A flag given on the
// command line wins over the variable.
type Set struct {
	*flag.FlagSet
}

// New returns an empty set for the command name, printing its errors to stderr.
func New(name string, stderr io.Writer) Set {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return Set{fs}
}

// EnvName is the environment variable of a flag.
func EnvName(flagName string) string {
	return "AULA_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Str defines a string flag whose default comes from its variable when set.
func (f Set) Str(name, def, usage string) *string {
	if v, ok := os.LookupEnv(EnvName(name)); ok {
		def = v
	}
	return f.String(name, def, usage+" (env "+EnvName(name)+")")
}

// Boolean defines a boolean flag whose default comes from its variable (1, true, yes).
func (f Set) Boolean(name string, usage string) *bool {
	def := false
	if v, ok := os.LookupEnv(EnvName(name)); ok {
		def = v == "1" || strings.EqualFold(v, "true") || strings.EqualFold(v, "yes")
	}
	return f.Bool(name, def, usage+" (env "+EnvName(name)+")")
}

// Parse parses args and reports whether the command should go on; code is the exit code otherwise.
func (f Set) Parse(args []string) (ok bool, code int) {
	if err := f.FlagSet.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return false, 0
		}
		return false, 2
	}
	return true, 0
}

// Require reports missing required flags on stderr and returns false if any is missing.
func (f Set) Require(stderr io.Writer, values map[string]string) bool {
	ok := true
	for name, v := range values {
		if strings.TrimSpace(v) == "" {
			fmt.Fprintf(stderr, "%s: --%s is required\n", f.Name(), name)
			ok = false
		}
	}
	return ok
}

// Logger returns a text or, with format "json", a JSON logger on stderr.
func Logger(format string, stderr io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(stderr, nil))
	}
	return slog.New(slog.NewTextHandler(stderr, nil))
}
