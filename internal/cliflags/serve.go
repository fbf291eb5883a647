package cliflags

import (
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"time"

	"aula/courses/format"
)

// Serve is the flags both programs' serve commands have. Define the program's own flags on Set
// after Flags, then call Parse.
type Serve struct {
	Set           Set
	Addr, Data    *string
	SecureCookies *bool
	// SignatoryName and SignatoryRole are who signs the certificates this program prints.
	SignatoryName, SignatoryRole *string
	// After Parse: the --trusted-proxy ranges, the logger --log-format asks for and the
	// --timezone pages, CSV files and certificates show times in.
	Trusted []netip.Prefix
	Log     *slog.Logger
	Zone    *time.Location

	logFormat *string
	proxies   *[]string
	zone      *string
	stderr    io.Writer
}

// ServeFlags defines --addr, --data, --secure-cookies, --log-format, --trusted-proxy,
// --timezone, --signatory-name and --signatory-role.
func ServeFlags(defaultAddr, defaultData string, stderr io.Writer) *Serve {
	f := New("serve", stderr)
	return &Serve{
		Set:           f,
		Addr:          f.Str("addr", defaultAddr, "listen address HOST:PORT"),
		Data:          f.Str("data", defaultData, "data folder"),
		SecureCookies: f.Boolean("secure-cookies", "mark cookies Secure (set when served over HTTPS, e.g. behind a TLS proxy)"),
		logFormat:     f.Str("log-format", "text", "log format: text or json"),
		proxies:       f.List("trusted-proxy", "AULA_TRUSTED_PROXIES", "address or CIDR range of a reverse proxy whose X-Forwarded-For is believed"),
		zone:          f.Str("timezone", format.DefaultZone, "time zone of the dates and times people read (IANA name)"),
		SignatoryName: f.Str("signatory-name", "", "name printed on the certificates' signature line"),
		SignatoryRole: f.Str("signatory-role", "", "role printed under the signatory's name, e.g. Director de formación"),
		stderr:        stderr,
	}
}

// Parse parses args and reads --trusted-proxy, --log-format and --timezone. It reports whether
// the command should go on; code is the exit code otherwise (2 for a bad range or zone).
func (s *Serve) Parse(args []string) (ok bool, code int) {
	if ok, code := s.Set.Parse(args); !ok {
		return false, code
	}
	trusted, err := CIDRs(*s.proxies)
	if err != nil {
		fmt.Fprintf(s.stderr, "serve: --trusted-proxy: %v\n", err)
		return false, 2
	}
	zone, err := format.Zone(*s.zone)
	if err != nil {
		fmt.Fprintf(s.stderr, "serve: --timezone: %v\n", err)
		return false, 2
	}
	s.Trusted, s.Log, s.Zone = trusted, Logger(*s.logFormat, s.stderr), zone
	return true, 0
}
