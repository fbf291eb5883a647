package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// apiLogin posts a login from addr and returns the response.
func (e *env) apiLogin(addr, user, pass string, header ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := apiRequest(e.t, http.MethodPost, "/api/v1/auth/login", map[string]string{"username": user, "password": pass})
	req.RemoteAddr = addr
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return e.serve(req)
}

// TestAPILogin: the right password gives a token; a wrong password or an unknown account gives the
// same 401.
func TestAPILogin(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		rec := e.apiLogin(e.nextIP(), adminUser, adminPass)
		if rec.Code != http.StatusOK {
			t.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		var out map[string]string
		decode(t, rec, &out)
		exp, err := time.Parse(time.RFC3339, out["expires_at"])
		if out["token"] == "" || out["role"] != "admin" || err != nil || exp.Sub(e.clock.Now()) != 15*time.Minute {
			t.Errorf("login answer: %s", rec.Body)
		}
		if rec := e.api(http.MethodGet, "/api/v1/staff", out["token"], nil); rec.Code != http.StatusOK {
			t.Errorf("the token does not work: %d", rec.Code)
		}

		wrong := e.apiLogin(e.nextIP(), adminUser, "not-the-password")
		unknown := e.apiLogin(e.nextIP(), "nadie", "not-the-password")
		for name, rec := range map[string]*httptest.ResponseRecorder{"wrong password": wrong, "unknown account": unknown} {
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%s: %d, want 401", name, rec.Code)
			}
			if msg, _ := jsonError(t, rec); msg != "Usuario o contraseña incorrectos." {
				t.Errorf("%s: message %q", name, msg)
			}
		}
		// Usernames are trimmed, and Spanish is the default; ?lang=en answers in English.
		if rec := e.apiLogin(e.nextIP(), " trainer ", trainerPass); rec.Code != http.StatusOK {
			t.Errorf("username with spaces: %d", rec.Code)
		}
		req := apiRequest(t, http.MethodPost, "/api/v1/auth/login?lang=en", map[string]string{"username": adminUser, "password": "nope"})
		req.RemoteAddr = e.nextIP()
		if msg, _ := jsonError(t, e.serve(req)); msg != "Wrong username or password." {
			t.Errorf("English message: %q", msg)
		}
	})
}

// TestLoginLockout: the fifth wrong password in a row locks the account for 15 minutes, even for
// the right password (429), on the API and the web form; other accounts are not affected; a
// success resets the count.
func TestLoginLockout(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		for i := 1; i <= 5; i++ {
			if rec := e.apiLogin(e.nextIP(), adminUser, fmt.Sprintf("wrong-%d", i)); rec.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i, rec.Code)
			}
		}
		rec := e.apiLogin(e.nextIP(), adminUser, adminPass)
		if rec.Code != http.StatusTooManyRequests {
			t.Fatalf("right password while locked: %d, want 429 (%s)", rec.Code, rec.Body)
		}
		if msg, _ := jsonError(t, rec); !strings.HasSuffix(msg, "Intente de nuevo en 15 minutos.") {
			t.Errorf("lockout message: %q", msg)
		}
		b := e.browser()
		form := b.post("/login", url.Values{"username": {adminUser}, "password": {adminPass}})
		if form.Code != http.StatusTooManyRequests || b.cookies["aula_session"] != nil {
			t.Errorf("web login while locked: %d, session %v", form.Code, b.cookies["aula_session"])
		}
		mustContain(t, "web login while locked", form.Body.String(), "bloqueada", `name="password"`)

		if rec := e.apiLogin(e.nextIP(), trainerUser, trainerPass); rec.Code != http.StatusOK {
			t.Errorf("another account while admin is locked: %d", rec.Code)
		}
		staff := e.api(http.MethodGet, "/api/v1/staff", e.trainerToken(), nil)
		if staff.Code != http.StatusForbidden {
			t.Errorf("trainer listing staff: %d", staff.Code)
		}

		e.clock.Advance(14 * time.Minute)
		if rec := e.apiLogin(e.nextIP(), adminUser, adminPass); rec.Code != http.StatusTooManyRequests {
			t.Errorf("after 14 minutes: %d, want 429", rec.Code)
		}
		e.clock.Advance(2 * time.Minute)
		if rec := e.apiLogin(e.nextIP(), adminUser, adminPass); rec.Code != http.StatusOK {
			t.Fatalf("after 16 minutes: %d, want 200 (%s)", rec.Code, rec.Body)
		}

		// Four failures, a success, four more failures: never five in a row, so no lock.
		for round := 0; round < 2; round++ {
			for i := 0; i < 4; i++ {
				e.apiLogin(e.nextIP(), adminUser, "wrong")
			}
			if rec := e.apiLogin(e.nextIP(), adminUser, adminPass); rec.Code != http.StatusOK {
				t.Fatalf("round %d: %d, want 200 (a success resets the failure count)", round, rec.Code)
			}
		}
	})
}

// TestLoginRateLimit: many rapid logins from one address end in 429 on the API and the web form
// (they share one limit), whatever the password; another address is still served; a forged
// X-Forwarded-For header does not escape the limit (security_test.go: a listed proxy's is believed).
func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		const addr = "203.0.113.7:5000"
		limited := 0
		for i := 0; i < 30 && limited == 0; i++ {
			rec := e.apiLogin(addr, "nadie", "wrong", "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+1))
			switch rec.Code {
			case http.StatusTooManyRequests:
				limited = i + 1
				jsonError(t, rec)
			case http.StatusUnauthorized:
			default:
				t.Fatalf("attempt %d: %d", i+1, rec.Code)
			}
		}
		if limited == 0 {
			t.Fatal("30 rapid logins from one address were never refused with 429")
		}
		t.Logf("refused from attempt %d", limited)
		if rec := e.apiLogin(addr, adminUser, adminPass); rec.Code != http.StatusTooManyRequests {
			t.Errorf("right password from a limited address: %d, want 429", rec.Code)
		}
		b := e.browser()
		b.csrf()
		b.ip = addr
		if rec := b.post("/login", url.Values{"username": {adminUser}, "password": {adminPass}}); rec.Code != http.StatusTooManyRequests {
			t.Errorf("web login from a limited address: %d, want 429", rec.Code)
		}
		if rec := e.apiLogin("203.0.113.8:5000", adminUser, adminPass); rec.Code != http.StatusOK {
			t.Errorf("another address: %d, want 200", rec.Code)
		}

	})
}
