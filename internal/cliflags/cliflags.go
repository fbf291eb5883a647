// Package cliflags is the command-line plumbing both programs share: flags that also read an
// AULA_* environment variable (a flag on the command line wins), the command table that
// dispatches "aula-server station add ..." (Program), and the backup command.
package cliflags

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
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

// listValue is a flag that may be given several times, each time with one or more values
// separated by commas. The first value given on the command line replaces the variable's.
type listValue struct {
	values  *[]string
	fromEnv bool
}

func (l *listValue) String() string {
	if l.values == nil {
		return ""
	}
	return strings.Join(*l.values, ",")
}

func (l *listValue) Set(v string) error {
	if l.fromEnv {
		*l.values, l.fromEnv = nil, false
	}
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l.values = append(*l.values, p)
		}
	}
	return nil
}

// List defines a repeatable flag whose values may also be separated by commas; its default comes
// from the variable env (comma-separated), which is named explicitly because the flag is singular
// (--trusted-proxy) and the variable plural (AULA_TRUSTED_PROXIES).
func (f Set) List(name, env, usage string) *[]string {
	values := new([]string)
	v := &listValue{values: values}
	if s, ok := os.LookupEnv(env); ok {
		_ = v.Set(s)
		v.fromEnv = true
	}
	f.Var(v, name, usage+" (repeatable or comma-separated; env "+env+")")
	return values
}

// CIDRs parses address ranges such as 10.0.0.0/8 or fd00::/8; a bare address is a range of one.
func CIDRs(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%q is neither an address nor a CIDR range (such as 10.0.0.0/8)", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
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
