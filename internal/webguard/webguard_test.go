package webguard

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"aula/sync/auth"
)

func TestIPNets(t *testing.T) {
	nets := IPNets([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8"), netip.MustParsePrefix("127.0.0.1/32")})
	for ip, want := range map[string]bool{"10.2.3.4": true, "11.0.0.1": false, "fd12::1": true, "fe80::1": false, "127.0.0.1": true, "127.0.0.2": false} {
		got := false
		for _, n := range nets {
			got = got || n.Contains(net.ParseIP(ip))
		}
		if got != want {
			t.Errorf("%s in the ranges: %v, want %v", ip, got, want)
		}
	}
}

func TestReplaceCSRFCookie(t *testing.T) {
	h := http.Header{}
	h.Add("Set-Cookie", "_csrf=old; Path=/")
	h.Add("Set-Cookie", "aula_session=s; Path=/")
	ReplaceCSRFCookie(h, "_csrf", true)
	resp := http.Response{Header: h}
	var csrf []*http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "_csrf" {
			csrf = append(csrf, c)
		}
	}
	if len(csrf) != 1 || csrf[0].Value == "old" || len(csrf[0].Value) < 30 || !csrf[0].HttpOnly || !csrf[0].Secure ||
		csrf[0].SameSite != http.SameSiteStrictMode || !strings.Contains(strings.Join(h.Values("Set-Cookie"), ";"), "aula_session=s") {
		t.Errorf("Set-Cookie after the replacement: %q", h.Values("Set-Cookie"))
	}
}

func TestRefused(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if !Refused(ctx, auth.ErrBusy) || Refused(ctx, auth.ErrBadHash) || Refused(ctx, context.Canceled) {
		t.Error("before the cancel")
	}
	cancel()
	if !Refused(ctx, context.Canceled) {
		t.Error("a waiter whose client left")
	}
}
