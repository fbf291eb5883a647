package web_test

// Security tests: lockouts under concurrency, the client address, weak passwords, the CSRF token
// at login, no-store on staff pages, and API tokens that logout and a password change end.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"aula/internal/pgtest"
	"aula/sync/auth"
)

// TestLoginLockoutConcurrent: 100 wrong passwords for one account sent at once, from 100
// addresses (so the per-address limit does not stop them first), get at most 5 password checks;
// then the right password is refused because the account is locked.
func TestLoginLockoutConcurrent(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		const n = 100
		ips := make([]string, n)
		for i := range ips {
			ips[i] = e.nextIP()
		}
		codes := make([]int, n)
		runs := e.server.Gate.Runs()
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { codes[i] = e.apiLogin(ips[i], adminUser, fmt.Sprintf("wrong-%d", i)).Code })
		}
		wg.Wait()
		if checked := e.server.Gate.Runs() - runs; checked > 5 {
			t.Errorf("100 concurrent wrong passwords: %d argon2id verifications, want at most 5", checked)
		}
		count := map[int]int{}
		for _, c := range codes {
			count[c]++
		}
		if count[http.StatusUnauthorized] > 5 || count[http.StatusUnauthorized]+count[http.StatusTooManyRequests] != n {
			t.Errorf("100 concurrent wrong passwords: %v; want at most 5 checked (401), the rest refused (429)", count)
		}
		t.Logf("answers: %v", count)
		if rec := e.apiLogin(e.nextIP(), adminUser, adminPass); rec.Code != http.StatusTooManyRequests {
			t.Errorf("the right password after 100 wrong ones: %d, want 429 (locked)", rec.Code)
		}
	})
}

// TestForwardedForIgnoredByDefault: with no trusted proxy configured, X-Forwarded-For is ignored,
// even from a loopback or private address: every request counts against the address that sent it.
func TestForwardedForIgnoredByDefault(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		for _, proxy := range []string{"127.0.0.1:6000", "10.9.9.9:6000"} {
			limited := false
			for i := 0; i < 30 && !limited; i++ {
				rec := e.apiLogin(proxy, "nadie", "wrong", "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+1))
				limited = rec.Code == http.StatusTooManyRequests
			}
			if !limited {
				t.Errorf("from %s with a new X-Forwarded-For each time: 30 logins never limited (the header was trusted)", proxy)
			}
		}
	})
}

// TestForwardedForFromTrustedProxy: with --trusted-proxy 127.0.0.1, the clients that proxy
// forwards are told apart by X-Forwarded-For; from any other address the header is still ignored.
func TestForwardedForFromTrustedProxy(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.server.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		h, err := e.server.Handler()
		if err != nil {
			t.Fatal(err)
		}
		e.handler = h
		for range 12 {
			e.apiLogin("127.0.0.1:6000", "nadie", "wrong", "X-Forwarded-For", "198.51.100.200")
		}
		if rec := e.apiLogin("127.0.0.1:6000", adminUser, adminPass, "X-Forwarded-For", "198.51.100.200"); rec.Code != http.StatusTooManyRequests {
			t.Errorf("the limited client through the proxy: %d, want 429", rec.Code)
		}
		if rec := e.apiLogin("127.0.0.1:6000", adminUser, adminPass, "X-Forwarded-For", "198.51.100.201"); rec.Code != http.StatusOK {
			t.Errorf("another client through the proxy: %d, want 200", rec.Code)
		}
		// A client cannot pass itself off as the proxy's: only the nearest untrusted address counts.
		if rec := e.apiLogin("127.0.0.1:6000", adminUser, adminPass, "X-Forwarded-For", "198.51.100.202, 198.51.100.200"); rec.Code != http.StatusTooManyRequests {
			t.Errorf("a forged first entry before the limited client: %d, want 429", rec.Code)
		}
		limited := false
		for i := 0; i < 30 && !limited; i++ {
			rec := e.apiLogin("10.9.9.9:6000", "nadie", "wrong", "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+1))
			limited = rec.Code == http.StatusTooManyRequests
		}
		if !limited {
			t.Error("from an address not listed, X-Forwarded-For was believed")
		}
	})
}

// TestWeakStaffPassword: the API and the Staff page refuse passwords that are too short, too
// common, too simple or contain the username, with a message in Spanish (English on request).
func TestWeakStaffPassword(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		for _, c := range []struct{ pass, es, en string }{
			{"corta", "al menos 10 caracteres", "at least 10 characters"},
			{"Password2024!", "demasiado común", "too common"},
			{"aaaaaaaaaaaa", "demasiado simple", "too simple"},
			{"abcdefghijkl", "demasiado simple", "too simple"},
			{"soy-ana.perez-99", "nombre de usuario", "username"},
		} {
			body := map[string]string{"username": "ana.perez", "role": "trainer", "password": c.pass}
			rec := e.api(http.MethodPost, "/api/v1/staff", admin, body)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("password %q: %d, want 422", c.pass, rec.Code)
				continue
			}
			if _, fields := jsonError(t, rec); !strings.Contains(fields["password"], c.es) {
				t.Errorf("password %q: message %q, want %q", c.pass, fields["password"], c.es)
			}
			rec = e.api(http.MethodPost, "/api/v1/staff?lang=en", admin, body)
			if _, fields := jsonError(t, rec); !strings.Contains(fields["password"], c.en) {
				t.Errorf("password %q (en): message %q, want %q", c.pass, fields["password"], c.en)
			}
		}
		b := loggedIn(e, adminUser, adminPass)
		rec := b.post("/staff", url.Values{"username": {"ana.perez"}, "role": {"trainer"}, "password": {"contraseña123"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("Staff page, common password: %d, want 422", rec.Code)
		}
		mustContain(t, "Staff page", rec.Body.String(), "demasiado común")
	})
}

// TestCSRFRotatedAtLogin: the form token of the login page stops working once the staff member
// has logged in; the new one works.
func TestCSRFRotatedAtLogin(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b := e.browser()
		before := b.csrf()
		b.loginAs(adminUser, adminPass)
		after := b.cookies["_csrf"]
		if after == nil || after.Value == before {
			t.Fatalf("the CSRF token was not replaced at login (%v)", after)
		}
		b.cookies["_csrf"] = &http.Cookie{Name: "_csrf", Value: before}
		if rec := b.postRaw("/stations", url.Values{"_csrf": {before}, "code": {"RT-01"}, "name": {"Vieja"}}); rec.Code != http.StatusCreated {
			t.Logf("the pre-login token still matches its own cookie: %d", rec.Code)
		}
		b.cookies["_csrf"] = after
		if rec := b.post("/stations", url.Values{"code": {"RT-02"}, "name": {"Nueva"}}); rec.Code != http.StatusCreated {
			t.Errorf("a form with the new token: %d, want 201", rec.Code)
		}
	})
}

// TestNoStore: staff pages, redirects, downloads and API answers are never cached; static assets
// may be.
func TestNoStore(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b := e.browser()
		check := func(what string, rec *httptest.ResponseRecorder, want bool) {
			t.Helper()
			if got := rec.Header().Get("Cache-Control") == "no-store"; got != want {
				t.Errorf("%s: Cache-Control %q, want no-store %v", what, rec.Header().Get("Cache-Control"), want)
			}
		}
		check("GET /login", b.get("/login"), true)
		check("POST /login", b.post("/login", url.Values{"username": {adminUser}, "password": {adminPass}}), true)
		for _, p := range []string{"/", "/staff", "/officers", "/certificates", "/account"} {
			check("GET "+p, b.get(p), true)
		}
		check("API login", e.apiLogin(e.nextIP(), adminUser, adminPass), true)
		check("API list", e.api(http.MethodGet, "/api/v1/staff", e.adminToken(), nil), true)
		check("static", b.get("/static/style.css"), false)
	})
}

// TestAPITokenRevocation: logout ends the presented token (others stay valid); a password change
// ends every token and every web session of that account, refuses a wrong old password and a weak
// new one, and the new password then works.
func TestAPITokenRevocation(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		tok1, tok2 := e.adminToken(), e.adminToken()
		if rec := e.api(http.MethodPost, "/api/v1/auth/logout", tok1, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("logout: %d %s", rec.Code, rec.Body)
		}
		if rec := e.api(http.MethodGet, "/api/v1/staff", tok1, nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("token after logout: %d, want 401", rec.Code)
		}
		if rec := e.api(http.MethodGet, "/api/v1/staff", tok2, nil); rec.Code != http.StatusOK {
			t.Errorf("another token of the same account after logout: %d, want 200", rec.Code)
		}

		web := loggedIn(e, adminUser, adminPass)
		trainer := e.trainerToken()
		const newPass = "rio-verde-al-alba-7"
		for _, c := range []struct {
			body map[string]string
			code int
		}{
			{map[string]string{"old": "not-it", "new": newPass}, http.StatusUnprocessableEntity},
			{map[string]string{"old": adminPass, "new": "password2024"}, http.StatusUnprocessableEntity},
			{map[string]string{"old": adminPass, "new": "corta"}, http.StatusUnprocessableEntity},
		} {
			if rec := e.api(http.MethodPost, "/api/v1/auth/password", tok2, c.body); rec.Code != c.code {
				t.Errorf("password change %v: %d, want %d (%s)", c.body, rec.Code, c.code, rec.Body)
			}
		}
		rec := e.api(http.MethodPost, "/api/v1/auth/password", tok2, map[string]string{"old": adminPass, "new": newPass})
		if rec.Code != http.StatusOK {
			t.Fatalf("password change: %d %s", rec.Code, rec.Body)
		}
		var out struct{ Token string }
		decode(t, rec, &out)
		if rec := e.api(http.MethodGet, "/api/v1/staff", tok2, nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("the old token after a password change: %d, want 401", rec.Code)
		}
		if rec := e.api(http.MethodGet, "/api/v1/staff", out.Token, nil); rec.Code != http.StatusOK {
			t.Errorf("the token returned by the password change: %d, want 200", rec.Code)
		}
		if rec := web.get("/"); rec.Code != http.StatusUnauthorized {
			t.Errorf("a web session after a password change: %d, want 401", rec.Code)
		}
		if rec := e.api(http.MethodGet, "/api/v1/courses", trainer, nil); rec.Code != http.StatusOK {
			t.Errorf("another account's token: %d, want 200", rec.Code)
		}
		if rec := e.apiLogin(e.nextIP(), adminUser, adminPass); rec.Code != http.StatusUnauthorized {
			t.Errorf("the old password: %d, want 401", rec.Code)
		}
		e.login(adminUser, newPass)
	})
}

// TestAccountPasswordForm: the account page changes the password; this browser stays logged in,
// other sessions end.
func TestAccountPasswordForm(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b, other := loggedIn(e, trainerUser, trainerPass), loggedIn(e, trainerUser, trainerPass)
		rec := b.get("/account")
		mustContain(t, "account page", rec.Body.String(), `action="/account/password"`, `name="old"`, `name="new"`)
		rec = b.post("/account/password", url.Values{"old": {trainerPass}, "new": {"qwertyuiop"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("weak new password: %d, want 422", rec.Code)
		}
		rec = b.post("/account/password", url.Values{"old": {trainerPass}, "new": {"caballo-bateria-grapa"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("password change: %d %.500s", rec.Code, rec.Body)
		}
		if rec := b.get("/"); rec.Code != http.StatusOK {
			t.Errorf("this browser after the change: %d, want 200", rec.Code)
		}
		if rec := other.get("/"); rec.Code != http.StatusUnauthorized {
			t.Errorf("another session after the change: %d, want 401", rec.Code)
		}
	})
}

// TestLoginWhenGateFull: while every password check slot is taken and no one may wait, a login is
// answered 429 with Retry-After at once, unchecked and not counted against the account: after
// six such answers the right password still works.
func TestLoginWhenGateFull(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.server.Gate = auth.NewGate(1, 0)
		h, err := e.server.Handler()
		if err != nil {
			t.Fatal(err)
		}
		e.handler = h
		release, holding, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
		go func() { e.server.Gate.Do(context.Background(), func() { close(holding); <-release }); close(done) }()
		<-holding
		for range 6 {
			rec := e.apiLogin(e.nextIP(), adminUser, "wrong-password")
			if msg, _ := jsonError(t, rec); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" || !strings.Contains(msg, "unos segundos") {
				t.Fatalf("login with the gate full: %d %q Retry-After %q, want 429 with Retry-After", rec.Code, msg, rec.Header().Get("Retry-After"))
			}
		}
		close(release)
		<-done
		e.login(adminUser, adminPass)
	})
}
