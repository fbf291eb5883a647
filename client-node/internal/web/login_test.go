package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/store"
	"aula/sync/auth"
)

const badLogin = "Credencial o PIN incorrectos"

func loginBody(badge, pin string) map[string]string {
	return map[string]string{"badge": badge, "pin": pin}
}

// Badge + PIN against the station's roster: the token and the officer on success, 401 for a
// wrong PIN, a badge not on the roster or a deactivated officer (whose sessions end too).
func TestAPILogin(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	var out struct {
		Token   string         `json:"token"`
		Idle    int            `json:"idle_timeout_seconds"`
		Officer map[string]any `json:"officer"`
	}
	n.apiOK(http.StatusOK, "POST", "/api/v1/session", "", loginBody("PNB-1", "1234"), &out)
	if len(out.Token) < 32 || out.Idle != 600 {
		t.Errorf("token %q, idle %d: want a long token and 600 s", out.Token, out.Idle)
	}
	want := map[string]any{"badge": "PNB-1", "given_names": "María José", "family_names": "Pérez Rojas", "rank": "Oficial", "commander": false}
	for k, v := range want {
		if out.Officer[k] != v {
			t.Errorf("officer.%s = %v, want %v", k, out.Officer[k], v)
		}
	}
	var list []map[string]any
	n.apiOK(http.StatusOK, "GET", "/api/v1/courses", out.Token, nil, &list)
	if len(list) != 1 || list[0]["id"] != sampleID {
		t.Errorf("courses %v, want the sample course", list)
	}
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", "", nil)
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", "not-a-token", nil)

	// The badge is read the way officers type it.
	n.login(" pnb-2 ", "5678")

	for _, tc := range []struct{ name, badge, pin string }{
		{"wrong PIN", "PNB-1", "9999"},
		{"badge not on the roster", "PNB-99", "1234"},
		{"empty PIN", "PNB-1", ""},
	} {
		if msg := n.apiError(http.StatusUnauthorized, "POST", "/api/v1/session", "", loginBody(tc.badge, tc.pin)); !strings.Contains(msg, badLogin) {
			t.Errorf("%s: message %q", tc.name, msg)
		}
	}

	// The roster from the center no longer lists PNB-1: deactivated, its session ends.
	o := nodetest.Officers[1]
	h, err := auth.HashSecret(o.PIN)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.st.ReplaceRoster(context.Background(), []store.Officer{{Badge: o.Badge, GivenNames: o.Given, FamilyNames: o.Family, Rank: "Oficial", PINHash: h}}); err != nil {
		t.Fatal(err)
	}
	n.apiError(http.StatusUnauthorized, "POST", "/api/v1/session", "", loginBody("PNB-1", "1234"))
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", out.Token, nil)
	n.login("PNB-2", "5678")
}

// Five wrong PINs lock the badge for 15 minutes, even against the right PIN; other badges are not
// affected; after 15 minutes the officer logs in, and a success clears the count.
func TestLoginLockout(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	for i := 1; i <= 5; i++ {
		n.apiError(http.StatusUnauthorized, "POST", "/api/v1/session", "", loginBody("PNB-1", "0000"))
	}
	msg := n.apiError(http.StatusTooManyRequests, "POST", "/api/v1/session", "", loginBody("PNB-1", "1234"))
	if !strings.Contains(msg, "bloqueada") || !strings.Contains(msg, "en 15 minutos") {
		t.Errorf("lockout message %q: want the lock and its 15 minutes, in Spanish", msg)
	}
	n.login("PNB-2", "5678")

	n.clk.Advance(14 * time.Minute)
	n.apiError(http.StatusTooManyRequests, "POST", "/api/v1/session", "", loginBody("PNB-1", "1234"))
	n.clk.Advance(time.Minute)
	n.login("PNB-1", "1234")

	// The success cleared the failures: four more do not lock, the fifth does.
	for i := 1; i <= 4; i++ {
		n.apiError(http.StatusUnauthorized, "POST", "/api/v1/session", "", loginBody("PNB-1", "0000"))
	}
	n.login("PNB-1", "1234")
}

// The login form: a bad PIN shows the form again (401) with the badge kept; a good one sets an
// HttpOnly session cookie and redirects to the course list; the lockout applies to the form too.
func TestFormLogin(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	resp, body := c.get("/")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `name="pin"`) {
		t.Fatalf("GET / without a session: %d, want 401 with the login form:\n%s", resp.StatusCode, body)
	}
	resp, body = c.get("/login")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="badge"`) || c.csrf == "" {
		t.Fatalf("GET /login: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = c.postRaw("/login", url.Values{"badge": {"PNB-1"}, "pin": {"1234"}})
	if resp.StatusCode != http.StatusBadRequest || sessionCookie(resp) != nil {
		t.Errorf("login without the CSRF token: %d, want 400 and no session", resp.StatusCode)
	}
	resp, body = c.post("/login", url.Values{"badge": {"PNB-1"}, "pin": {"9999"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, badLogin) || !strings.Contains(body, `value="PNB-1"`) {
		t.Errorf("wrong PIN: %d, want 401 with the message and the badge kept:\n%s", resp.StatusCode, body)
	}

	resp, body = c.post("/login", url.Values{"badge": {"PNB-1"}, "pin": {"1234"}})
	expectRedirect(t, resp, body, "/")
	ck := sessionCookie(resp)
	if ck == nil || ck.Value == "" || !ck.HttpOnly || ck.Path != "/" || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v: want HttpOnly, Path=/, SameSite=Lax", ck)
	}
	resp, body = c.get("/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "María José Pérez Rojas") || !strings.Contains(body, "Curso de prueba") {
		t.Fatalf("course list: %d\n%s", resp.StatusCode, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q on a shared terminal, want no-store", cc)
	}
	resp, body = c.get("/login")
	expectRedirect(t, resp, body, "/")

	// Lockout through the form.
	c2 := n.client()
	c2.get("/login")
	for i := 1; i <= 5; i++ {
		c2.post("/login", url.Values{"badge": {"PNB-2"}, "pin": {"0000"}})
	}
	resp, body = c2.post("/login", url.Values{"badge": {"PNB-2"}, "pin": {"5678"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "bloqueada") || sessionCookie(resp) != nil {
		t.Errorf("locked badge through the form: %d, want 429 with the message:\n%s", resp.StatusCode, body)
	}
}

func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "aula_officer" {
			return c
		}
	}
	return nil
}

// Shared terminals: 10 minutes without activity end the session (token and cookie); activity
// every 5 minutes keeps it alive.
func TestIdleLogout(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	tok := n.login("PNB-1", "1234")
	c := n.client()
	c.login("PNB-2", "5678")
	for i := 1; i <= 4; i++ { // 20 minutes in all, never 10 idle
		n.clk.Advance(5 * time.Minute)
		n.apiOK(http.StatusOK, "GET", "/api/v1/courses", tok, nil, nil)
		if resp, body := c.get("/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("session active every 5 minutes ended after %d minutes: %d\n%s", 5*i, resp.StatusCode, body)
		}
	}
	n.clk.Advance(11 * time.Minute)
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", tok, nil)
	resp, body := c.get("/")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `name="pin"`) || strings.Contains(body, "Luis Núñez") {
		t.Errorf("idle cookie: %d, want 401 with the login form and no officer:\n%s", resp.StatusCode, body)
	}
	// The session is gone, not just late.
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", tok, nil)
	if resp, _ := c.get("/courses/" + sampleID); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("idle cookie on a course page: %d, want 401", resp.StatusCode)
	}
}

// "Salir" (POST /logout with the CSRF token) ends the session, and the next officer logs in on
// the same browser; DELETE /api/v1/session ends an API session.
func TestLogoutAndSwitchOfficer(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.login("PNB-1", "1234")
	_, body := c.get("/")
	if !strings.Contains(body, "María José") || !strings.Contains(body, `action="/logout"`) {
		t.Fatalf("course list of PNB-1 without the logout button:\n%s", body)
	}
	u, _ := url.Parse(n.url)
	var old string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "aula_officer" {
			old = ck.Value
		}
	}
	if old == "" {
		t.Fatal("no session cookie in the jar")
	}

	if resp, _ := c.postRaw("/logout", url.Values{"_csrf": {"forged"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("logout with a forged CSRF token: %d, want 403", resp.StatusCode)
	}
	if resp, _ := c.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("a forged logout ended the session: %d", resp.StatusCode)
	}
	resp, body := c.post("/logout", nil)
	expectRedirect(t, resp, body, "/login")
	if ck := sessionCookie(resp); ck == nil || ck.MaxAge >= 0 {
		t.Errorf("logout does not clear the session cookie: %+v", ck)
	}
	if resp, _ := c.get("/"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after logout: %d, want 401", resp.StatusCode)
	}
	// The old cookie, kept by someone, is dead on the node too.
	req, _ := http.NewRequest("GET", n.url+"/", nil)
	req.AddCookie(&http.Cookie{Name: "aula_officer", Value: old})
	if resp, _ := n.client().do(req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the logged-out cookie still opens the course list: %d", resp.StatusCode)
	}

	c.login("PNB-2", "5678")
	_, body = c.get("/")
	if !strings.Contains(body, "Luis Núñez") || strings.Contains(body, "María José") {
		t.Errorf("after switching officer the page shows:\n%s", body)
	}

	tok := n.login("PNB-1", "1234")
	n.apiOK(http.StatusNoContent, "DELETE", "/api/v1/session", tok, nil, nil)
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/courses", tok, nil)
}
