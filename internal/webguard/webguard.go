// Package webguard holds the request guards both web layers share that need no web framework:
// the trusted-proxy ranges in the form the framework takes, the CSRF cookie replaced at login,
// and the test for a password check the argon2id gate refused.
package webguard

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	"aula/sync/auth"
)

// IPNets converts the operator's trusted-proxy ranges to the form echo.TrustIPRange takes.
func IPNets(prefixes []netip.Prefix) []*net.IPNet {
	out := make([]*net.IPNet, 0, len(prefixes))
	for _, p := range prefixes {
		out = append(out, &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())})
	}
	return out
}

// ReplaceCSRFCookie sets a new random value for the CSRF cookie named name in the response
// headers h, dropping any Set-Cookie for it already there (the CSRF middleware sets the old one
// on every request). Called at login: the login form's token, which whoever saw that page before
// the login could know, stops working.
func ReplaceCSRFCookie(h http.Header, name string, secure bool) {
	kept := slices.DeleteFunc(slices.Clone(h.Values("Set-Cookie")), func(v string) bool { return strings.HasPrefix(v, name+"=") })
	h.Del("Set-Cookie")
	for _, v := range kept {
		h.Add("Set-Cookie", v)
	}
	ck := &http.Cookie{Name: name, Value: auth.RandomToken(24), Path: "/", HttpOnly: true, Secure: secure,
		SameSite: http.SameSiteStrictMode, MaxAge: 86400}
	h.Add("Set-Cookie", ck.String())
}

// Refused reports whether err from auth.Gate means the check did not run because the gate was
// full or the client left while waiting: the caller answers 429 with Retry-After.
func Refused(ctx context.Context, err error) bool {
	return errors.Is(err, auth.ErrBusy) || ctx.Err() != nil && errors.Is(err, ctx.Err())
}
