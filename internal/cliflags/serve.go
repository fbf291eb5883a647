package cliflags

import (
	"fmt"
	"io"
	"log/slog"
	"net/netip"
)

// Serve is the flags both programs' serve commands have. Define the program's own flags on Set
// after Flags, then call Parse.
type Serve struct {
	Set           Set
	Addr, Data    *string
	SecureCookies *bool
	// After Parse: the --trusted-proxy ranges and the logger --log-format asks for.
	Trusted []netip.Prefix
	Log     *slog.Logger

	logFormat *string
	proxies   *[]string
	stderr    io.Writer
}

// ServeFlags defines --addr, --data, --secure-cookies, --log-format and --trusted-proxy.
func ServeFlags(defaultAddr, defaultData string, stderr io.Writer) *Serve {
	f := New("serve", stderr)
	return &Serve{
		Set:           f,
		Addr:          f.Str("addr", defaultAddr, "listen address HOST:PORT"),
		Data:          f.Str("data", defaultData, "data folder"),
		SecureCookies: f.Boolean("secure-cookies", "mark cookies Secure (set when served over HTTPS, e.g. behind a TLS proxy)"),
		logFormat:     f.Str("log-format", "text", "log format: text or json"),
		proxies:       f.List("trusted-proxy", "AULA_TRUSTED_PROXIES", "address or CIDR range of a reverse proxy whose X-Forwarded-For is believed"),
		stderr:        stderr,
	}
}

// Parse parses args and reads --trusted-proxy and --log-format. It reports whether the command
// should go on; code is the exit code otherwise (2 for a bad range).
func (s *Serve) Parse(args []string) (ok bool, code int) {
	if ok, code := s.Set.Parse(args); !ok {
		return false, code
	}
	trusted, err := CIDRs(*s.proxies)
	if err != nil {
		fmt.Fprintf(s.stderr, "serve: --trusted-proxy: %v\n", err)
		return false, 2
	}
	s.Trusted, s.Log = trusted, Logger(*s.logFormat, s.stderr)
	return true, 0
}
