package web_test

// Security tests: the PIN lockout under concurrency, PIN spraying from one terminal, the client
// address behind a proxy, the CSRF token at login, no-store on officer pages.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/client-node/internal/web"
	"aula/sync/auth"
)

// loginFrom posts a badge and PIN with an X-Forwarded-For header (empty: none) and returns the
// status and the error message.
func (n *node) loginFrom(forwarded, badge, pin string) (int, string) {
	n.t.Helper()
	body, _ := json.Marshal(loginBody(badge, pin))
	req, err := http.NewRequest("POST", n.url+"/api/v1/session", bytes.NewReader(body))
	if err != nil {
		n.t.Error(err)
		return 0, ""
	}
	req.Header.Set("Content-Type", "application/json")
	if forwarded != "" {
		req.Header.Set("X-Forwarded-For", forwarded)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e struct{ Error string }
	_ = json.Unmarshal(data, &e)
	return resp.StatusCode, e.Error
}

// TestPINLockoutConcurrent: 100 wrong PINs for one badge sent at once, as from 100 terminals
// behind the station's proxy, get at most 5 PIN checks; then the right PIN is refused because the
// badge is locked (not merely because the terminal is rate limited).
func TestPINLockoutConcurrent(t *testing.T) {
	t.Parallel()
	var srv *web.Server
	n := newNodeWith(t, false, func(s *web.Server) { s.TrustedProxies, srv = behindLocalProxy, s })
	const count = 100
	codes := make([]int, count)
	var wg sync.WaitGroup
	for i := range count {
		wg.Go(func() {
			codes[i], _ = n.loginFrom(fmt.Sprintf("198.51.100.%d", i+1), "PNB-1", fmt.Sprintf("%04d", 5000+i))
		})
	}
	wg.Wait()
	if checked := srv.Gate.Runs(); checked > 5 {
		t.Errorf("100 concurrent wrong PINs: %d argon2id verifications, want at most 5", checked)
	}
	tally := map[int]int{}
	for _, c := range codes {
		tally[c]++
	}
	if tally[http.StatusUnauthorized] > 5 || tally[http.StatusUnauthorized]+tally[http.StatusTooManyRequests] != count {
		t.Errorf("100 concurrent wrong PINs: %v; want at most 5 checked (401), the rest refused (429)", tally)
	}
	t.Logf("answers: %v", tally)
	code, msg := n.loginFrom("203.0.113.50", "PNB-1", "1234")
	if code != http.StatusTooManyRequests || !strings.Contains(msg, "bloqueada") {
		t.Errorf("the right PIN after 100 wrong ones: %d %q, want 429 with the badge locked", code, msg)
	}
}

// behindLocalProxy trusts a reverse proxy on the node's own machine (--trusted-proxy 127.0.0.1).
var behindLocalProxy = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

// TestPINSprayLimitedPerClient: one PIN tried across many badges from one terminal is stopped
// after 10 failures, even for a badge with the right PIN, whatever X-Forwarded-For it sends; the
// limit lasts 15 minutes from the first failure.
func TestPINSprayLimitedPerClient(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	for i := 1; i <= 10; i++ {
		if code, _ := n.loginFrom(fmt.Sprintf("198.51.100.%d", i), fmt.Sprintf("PNB-%d", 100+i), "2580"); code != http.StatusUnauthorized {
			t.Fatalf("wrong PIN %d: %d, want 401", i, code)
		}
	}
	code, msg := n.loginFrom("198.51.100.99", "PNB-2", "5678")
	if code != http.StatusTooManyRequests || !strings.Contains(msg, "este equipo") || !strings.Contains(msg, "15 minutos") {
		t.Errorf("the 11th try from the terminal, right PIN: %d %q, want 429 for this computer, 15 minutes", code, msg)
	}
	n.clk.Advance(15*time.Minute + time.Second)
	n.login("PNB-2", "5678")
}

// TestNodeForwardedFor: with --trusted-proxy 127.0.0.1, terminals behind that proxy are told
// apart by X-Forwarded-For: one that sprayed PINs is stopped, another is served.
func TestNodeForwardedFor(t *testing.T) {
	t.Parallel()
	n := newNodeWith(t, false, func(s *web.Server) { s.TrustedProxies = behindLocalProxy })
	for i := 1; i <= 10; i++ {
		n.loginFrom("192.168.1.20", fmt.Sprintf("PNB-%d", 100+i), "2580")
	}
	if code, _ := n.loginFrom("192.168.1.20", "PNB-2", "5678"); code != http.StatusTooManyRequests {
		t.Errorf("the spraying terminal behind the proxy: %d, want 429", code)
	}
	if code, msg := n.loginFrom("192.168.1.21", "PNB-2", "5678"); code != http.StatusOK {
		t.Errorf("another terminal behind the proxy: %d %q, want 200", code, msg)
	}
}

// TestNodeCSRFRotatedAtLogin: the login answer replaces the form token of the login page.
func TestNodeCSRFRotatedAtLogin(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.get("/login")
	before := c.csrf
	resp, body := c.post("/login", url.Values{"badge": {"PNB-1"}, "pin": {"1234"}})
	expectRedirect(t, resp, body, "/")
	var after string
	for _, ck := range resp.Cookies() {
		if ck.Name == "_csrf" {
			after = ck.Value
		}
	}
	if after == "" || after == before {
		t.Fatalf("the CSRF token was not replaced at login (before %q, after %q)", before, after)
	}
	c.get("/")
	if resp, _ := c.post("/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout with the new token: %d, want 303", resp.StatusCode)
	}
}

// TestNodeNoStore: officer pages, redirects and certificates are never cached; static assets may be.
func TestNodeNoStore(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	check := func(what string, resp *http.Response, want bool) {
		t.Helper()
		if got := resp.Header.Get("Cache-Control") == "no-store"; got != want {
			t.Errorf("%s: Cache-Control %q, want no-store %v", what, resp.Header.Get("Cache-Control"), want)
		}
	}
	resp, _ := c.get("/login")
	check("GET /login", resp, true)
	resp, _ = c.post("/login", url.Values{"badge": {"PNB-1"}, "pin": {"1234"}})
	check("POST /login (redirect)", resp, true)
	resp, _ = c.get("/")
	check("GET /", resp, true)
	resp, _ = c.get("/certificates/none/pdf")
	check("certificate", resp, true)
	resp, _ = c.get("/static/node.css")
	check("static", resp, false)
	req, _ := http.NewRequest("POST", n.url+"/api/v1/session", strings.NewReader(`{"badge":"PNB-2","pin":"5678"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, _ = c.do(req)
	check("API login", resp, true)
}

// TestPINLoginWhenGateFull: while every PIN check slot is taken and no one may wait, a login is
// answered 429 with Retry-After at once, unchecked and not counted against the badge or the
// terminal: after six such answers the right PIN still works.
func TestPINLoginWhenGateFull(t *testing.T) {
	t.Parallel()
	gate := auth.NewGate(1, 0)
	n := newNodeWith(t, false, func(s *web.Server) { s.Gate = gate })
	release, holding, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { gate.Do(context.Background(), func() { close(holding); <-release }); close(done) }()
	<-holding
	for range 6 {
		code, msg := n.loginFrom("", "PNB-1", "0000")
		if code != http.StatusTooManyRequests || !strings.Contains(msg, "unos segundos") {
			t.Fatalf("login with the gate full: %d %q, want 429 (try again in a few seconds)", code, msg)
		}
	}
	close(release)
	<-done
	n.login("PNB-1", "1234")
}
