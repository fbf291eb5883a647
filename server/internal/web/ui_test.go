package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// uiPages are the staff pages behind a login.
var uiPages = []string{"/", "/courses", "/courses/curso-de-prueba/1", "/courses/curso-de-prueba/1/files/media/esquema.svg",
	"/stations", "/officers", "/officers/import", "/officers/PNB-1001", "/attempts", "/completions", "/certificates", "/staff"}

// TestUILoginRequired: every staff page and form answers 401 with the Spanish login form when
// there is no session (or a made-up one).
func TestUILoginRequired(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, p := range uiPages {
		for _, cookie := range []string{"", "made-up-session"} {
			b := e.browser()
			if cookie != "" {
				b.cookies["aula_session"] = &http.Cookie{Name: "aula_session", Value: cookie}
			}
			rec := b.get(p)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("GET %s (session %q): %d, want 401", p, cookie, rec.Code)
				continue
			}
			body := rec.Body.String()
			notice := "Inicie sesión para continuar."
			if cookie != "" { // a session cookie the center does not hold: ended, or never was
				notice = "Su sesión terminó"
			}
			mustContain(t, "GET "+p, body, "Iniciar sesión", `<form method="post" action="/login">`, `name="password"`,
				`name="next" value="`+p+`"`, notice)
			if strings.Contains(body, `class="error"`) {
				t.Errorf("GET %s without a session shows an error box: a first visit is no error", p)
			}
			if m := csrfField.FindStringSubmatch(body); m == nil || m[1] != b.cookies["_csrf"].Value {
				t.Errorf("GET %s: the form's CSRF token does not match the _csrf cookie", p)
			}
		}
	}
	b := e.browser()
	for _, p := range []string{"/stations", "/staff", "/officers/import", "/courses", "/certificates/C1/revoke"} {
		if rec := b.post(p, url.Values{"code": {"X-1"}}); rec.Code != http.StatusUnauthorized {
			t.Errorf("POST %s without a session: %d, want 401", p, rec.Code)
		}
	}
}

// TestUILogin: the form sets an HttpOnly, SameSite session cookie and redirects to a local page
// only; a wrong password shows the form again.
func TestUILogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	rec := b.get("/login")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /login: %d", rec.Code)
	}
	csrf := b.cookies["_csrf"]
	if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteStrictMode {
		t.Errorf("CSRF cookie: %+v", csrf)
	}

	rec = b.post("/login", url.Values{"username": {adminUser}, "password": {"wrong"}, "next": {"/staff"}})
	if rec.Code != http.StatusUnauthorized || b.cookies["aula_session"] != nil {
		t.Fatalf("wrong password: %d, session %v", rec.Code, b.cookies["aula_session"])
	}
	mustContain(t, "wrong password", rec.Body.String(), "Usuario o contraseña incorrectos.", `value="admin"`, `name="next" value="/staff"`)

	rec = b.post("/login", url.Values{"username": {adminUser}, "password": {adminPass}, "next": {"/staff"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/staff" {
		t.Fatalf("login: %d Location %q", rec.Code, rec.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "aula_session" {
			session = c
		}
	}
	if session == nil || session.Value == "" {
		t.Fatal("no session cookie")
	}
	if !session.HttpOnly || (session.SameSite != http.SameSiteLaxMode && session.SameSite != http.SameSiteStrictMode) ||
		session.Path != "/" || session.Secure || session.MaxAge != int((8*time.Hour).Seconds()) {
		t.Errorf("session cookie: %+v", session)
	}
	if rec := b.get("/staff"); rec.Code != http.StatusOK {
		t.Errorf("after login: GET /staff %d", rec.Code)
	}
	if rec := b.get("/login"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Errorf("GET /login when logged in: %d %q", rec.Code, rec.Header().Get("Location"))
	}

	// Only local paths are followed after login.
	for _, next := range []string{"//evil.example/x", "https://evil.example/", `/\evil.example`, "javascript:alert(1)", ""} {
		b := e.browser()
		rec := b.post("/login", url.Values{"username": {trainerUser}, "password": {trainerPass}, "next": {next}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
			t.Errorf("next=%q: %d Location %q, want /", next, rec.Code, rec.Header().Get("Location"))
		}
	}

	// Sessions end after eight hours.
	e.clock.Advance(8*time.Hour + time.Minute)
	if rec := b.get("/"); rec.Code != http.StatusUnauthorized {
		t.Errorf("after eight hours: %d, want 401", rec.Code)
	}
}

// TestUISecureCookies: with SecureCookies the session and CSRF cookies are Secure and HSTS is on.
func TestUISecureCookies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.server.SecureCookies = true
	h, err := e.server.Handler()
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	b := e.browser()
	b.loginAs(adminUser, adminPass)
	if !b.cookies["aula_session"].Secure || !b.cookies["_csrf"].Secure {
		t.Errorf("cookies not Secure: %+v %+v", b.cookies["aula_session"], b.cookies["_csrf"])
	}
	r := newGet("/")
	r.Header.Set("X-Forwarded-Proto", "https") // HSTS is only sent over HTTPS
	if rec := b.send(r); !strings.Contains(rec.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("no HSTS: %v", rec.Header())
	}
}

// TestUILanguage: Spanish by default (whatever the browser asks), English with ?lang=en, which is
// remembered.
func TestUILanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.loginAs(adminUser, adminPass)
	req := b.get("/")
	mustContain(t, "dashboard", req.Body.String(), `<html lang="es">`, "<h1>Panel</h1>", "funcionarios", "Estaciones sin sincronizar", "Salir")
	r := newGet("/")
	r.Header.Set("Accept-Language", "en-US,en;q=0.9")
	mustContain(t, "dashboard, browser in English", b.send(r).Body.String(), "<h1>Panel</h1>")

	rec := b.get("/?lang=en")
	mustContain(t, "dashboard in English", rec.Body.String(), `<html lang="en">`, "<h1>Dashboard</h1>", "officers", "Stations not synced", "Log out")
	mustNotContain(t, "dashboard in English", rec.Body.String(), "funcionarios")
	mustContain(t, "next page", b.get("/stations").Body.String(), "<h1>Stations</h1>")
	mustContain(t, "back to Spanish", b.get("/stations?lang=es").Body.String(), "<h1>Estaciones</h1>")
}

// TestUICSRF: a form without the CSRF token, with a wrong one or from another site is refused and
// changes nothing.
func TestUICSRF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.loginAs(adminUser, adminPass)
	other := e.browser()
	other.csrf()

	station := url.Values{"code": {"CSRF-01"}, "name": {"Ataque"}}
	tests := []struct {
		name  string
		token string // "" = no _csrf field
		site  string // Sec-Fetch-Site header
	}{
		{"no token", "", ""},
		{"wrong token", "not-the-token", ""},
		{"another browser's token", other.cookies["_csrf"].Value, ""},
		{"cross-site with a token", b.csrf(), "cross-site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range station {
				form[k] = v
			}
			if tt.token != "" {
				form.Set("_csrf", tt.token)
			}
			r := newPost("/stations", form)
			if tt.site != "" {
				r.Header.Set("Sec-Fetch-Site", tt.site)
			}
			rec := b.send(r)
			if rec.Code != http.StatusForbidden && rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 403 or 400", rec.Code)
			}
			mustContain(t, tt.name, rec.Body.String(), "El formulario venció o no viene de esta página.")
		})
	}
	if _, err := e.store.FindStation(context.Background(), "CSRF-01"); err == nil {
		t.Error("a form without a valid CSRF token created a station")
	}
	// Logging out and logging in need the token too.
	if rec := b.postRaw("/logout", nil); rec.Code != http.StatusBadRequest && rec.Code != http.StatusForbidden {
		t.Errorf("logout without a token: %d", rec.Code)
	}
	if rec := b.get("/"); rec.Code != http.StatusOK {
		t.Errorf("the session ended by a logout without a token: %d", rec.Code)
	}
	fresh := e.browser()
	if rec := fresh.postRaw("/login", url.Values{"username": {adminUser}, "password": {adminPass}}); rec.Code == http.StatusSeeOther || fresh.cookies["aula_session"] != nil {
		t.Errorf("login without a token: %d", rec.Code)
	}
	// The same form with the token works.
	if rec := b.post("/stations", station); rec.Code != http.StatusCreated {
		t.Errorf("with the token: %d", rec.Code)
	}
}

// TestUISecurityHeaders: pages, errors and API answers carry the security headers; the CSP allows
// no inline script.
func TestUISecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.loginAs(adminUser, adminPass)
	responses := map[string]http.Header{
		"login page":  e.browser().get("/login").Header(),
		"dashboard":   b.get("/").Header(),
		"401 page":    e.browser().get("/stations").Header(),
		"404 page":    b.get("/no/such/page").Header(),
		"403 page":    loggedIn(e, trainerUser, trainerPass).get("/staff").Header(),
		"API":         e.api(http.MethodGet, "/api/v1/stations", e.adminToken(), nil).Header(),
		"API 401":     e.api(http.MethodGet, "/api/v1/stations", "", nil).Header(),
		"verify page": e.browser().get("/verify/NOPE").Header(),
		"stylesheet":  e.browser().get("/static/style.css").Header(),
	}
	for name, h := range responses {
		csp := h.Get("Content-Security-Policy")
		script := ""
		for _, d := range strings.Split(csp, ";") {
			if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
				script = d
			}
		}
		if script == "" || strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") {
			t.Errorf("%s: CSP script-src %q (CSP %q)", name, script, csp)
		}
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "object-src 'none'") {
			t.Errorf("%s: CSP %q", name, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", name, h)
		}
	}
	// Pages hold no inline script, which the CSP would block.
	for _, p := range []string{"/", "/stations", "/courses", "/officers", "/staff", "/officers/import", "/certificates", "/attempts"} {
		body := b.get(p).Body.String()
		if strings.Contains(body, "<script>") || strings.Contains(body, "<script ") && !strings.Contains(body, "src=") {
			t.Errorf("%s has an inline script", p)
		}
	}
}

func loggedIn(e *env, user, pass string) *browser {
	b := e.browser()
	b.loginAs(user, pass)
	return b
}

// TestUITrainerForbidden: a trainer gets 403 on the admin pages and forms, and sees no admin
// controls on the pages open to trainers.
func TestUITrainerForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seedResults(e.adminToken())
	b := loggedIn(e, trainerUser, trainerPass)
	forbidden := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "/staff", nil},
		{"POST", "/staff", url.Values{"username": {"intruso"}, "role": {"admin"}, "password": {"una-clave-larga"}}},
		{"POST", "/stations", url.Values{"code": {"TR-01"}, "name": {"De formador"}}},
		{"GET", "/officers/import", nil},
		{"POST", "/officers/import", nil},
		{"POST", "/certificates/C1/revoke", url.Values{"reason": {"Porque sí, formador"}}},
		{"GET", "/attempts", nil}, // officers' records: a trainer reads the reports instead
		{"GET", "/completions", nil},
		{"GET", "/certificates", nil},
		{"GET", "/officers", nil},
		{"GET", "/stations", nil},
	}
	for _, f := range forbidden {
		var rec = b.get(f.path)
		if f.method == "POST" {
			rec = b.post(f.path, f.form)
		}
		if rec.Code != http.StatusForbidden {
			t.Errorf("trainer %s %s: %d, want 403", f.method, f.path, rec.Code)
			continue
		}
		mustContain(t, f.method+" "+f.path, rec.Body.String(), "Su rol no permite esta acción.")
	}
	if _, err := e.store.FindStaff(context.Background(), "intruso"); err == nil {
		t.Error("a trainer created an account")
	}
	if _, err := e.store.FindStation(context.Background(), "TR-01"); err == nil {
		t.Error("a trainer created a station")
	}
	if c, _ := e.store.FindCertificate(context.Background(), "C1"); c.Status != "valid" {
		t.Errorf("a trainer revoked a certificate: %s", c.Status)
	}
	for _, p := range []string{"/", "/courses", "/courses/curso-de-prueba/1"} {
		rec := b.get(p)
		if rec.Code != http.StatusOK {
			t.Errorf("trainer GET %s: %d", p, rec.Code)
		}
		mustNotContain(t, "trainer GET "+p, rec.Body.String(), `href="/staff"`, `action="/stations"`, "/revoke", `href="/officers`)
	}
}

// TestUILogout: logging out ends the session; the old cookie no longer works.
func TestUILogout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := loggedIn(e, adminUser, adminPass)
	old := b.cookies["aula_session"].Value
	rec := b.post("/logout", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?out=1" {
		t.Fatalf("logout: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := b.get("/login?out=1"); !strings.Contains(rec.Body.String(), "Sesión cerrada.") || strings.Contains(rec.Body.String(), `class="error"`) {
		t.Errorf("the login page after logout does not say the session is closed:\n%s", rec.Body.String())
	}
	if b.cookies["aula_session"] != nil {
		t.Error("the session cookie was not cleared")
	}
	b.cookies["aula_session"] = &http.Cookie{Name: "aula_session", Value: old}
	if rec := b.get("/"); rec.Code != http.StatusUnauthorized {
		t.Errorf("the old session cookie after logout: %d, want 401", rec.Code)
	}
	if rec := b.post("/stations", url.Values{"code": {"LO-01"}, "name": {"Después de salir"}}); rec.Code != http.StatusUnauthorized {
		t.Errorf("a form with the old session cookie: %d, want 401", rec.Code)
	}
}

// TestUISessionRanOut: a page asked for with a session that has ended (it ran out) shows the
// login page saying so, with no error box, and logging in returns to that page.
func TestUISessionRanOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := loggedIn(e, adminUser, adminPass)
	e.clock.Advance(8*time.Hour + time.Minute) // past the 8-hour session
	rec := b.get("/certificates")
	body := rec.Body.String()
	if rec.Code != http.StatusUnauthorized || !strings.Contains(body, "Su sesión terminó") || strings.Contains(body, `class="error"`) ||
		!strings.Contains(body, `value="/certificates"`) {
		t.Errorf("a page after the session ran out: %d\n%s", rec.Code, body)
	}
	if rec := (&browser{e: e, cookies: map[string]*http.Cookie{}}).get("/certificates"); strings.Contains(rec.Body.String(), "Su sesión terminó") {
		t.Error("a first visit, with no session at all, says a session ended")
	}
}
