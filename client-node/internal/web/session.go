package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/internal/i18n"
)

// Shared terminals: what the login page says (session closed, ended by inactivity, tries left),
// where an officer returns after logging in again, and the language reset between officers.

const (
	staleKey = "stale_session" // the request carried a session cookie whose session has ended
	langKey  = "lang_override" // the language of this response when the request's is reset
)

// loginPage renders the login form with what happened to the last session, if anything: closed
// with "Salir" (?out=1) or ended by inactivity (?expired=1, or a dead session cookie). An ended
// session also resets the language, so the next officer starts in Spanish.
func (s *Server) loginPage(c echo.Context, status int, data page) error {
	q := c.QueryParams()
	switch {
	case q.Get("expired") == "1" || c.Get(staleKey) == true:
		data["Notice"] = "login.expired"
		s.endTerminalSession(c)
	case q.Get("out") == "1":
		data["Notice"] = "login.out"
	}
	if _, ok := data["Next"]; !ok {
		data["Next"] = localPath(q.Get("next"))
	}
	return s.renderStatus(c, status, "login", data)
}

// endTerminalSession forgets, in this browser, the officer whose session ended: the dead session
// cookie and the language he chose (unless this very request chooses one).
func (s *Server) endTerminalSession(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.SecureCookies})
	if c.QueryParam("lang") != "" {
		return
	}
	c.SetCookie(&http.Cookie{Name: i18n.CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	c.Set(langKey, i18n.Default)
}

// localPath returns p when it is a path on this node (not another site, not the login itself),
// else "".
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return ""
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "/login" || u.Path == "/logout" {
		return ""
	}
	return u.RequestURI()
}

// afterLogin is where an officer goes once logged in: back to the page he was on (next), when it
// is his to see, else his course list. Another officer's attempt, left in the address by the
// previous session, sends the new one home.
func (s *Server) afterLogin(o *store.Officer, next string) string {
	p := localPath(next)
	if p == "" {
		return "/"
	}
	if rest, ok := strings.CutPrefix(p, "/attempts/"); ok {
		id, _, _ := strings.Cut(rest, "/")
		if a, err := s.Store.FindAttempt(context.Background(), id); err != nil || a.Badge != o.Badge {
			return "/"
		}
	}
	if strings.HasPrefix(p, "/certificates/") {
		return "/certificates"
	}
	return p
}

// badLoginMessage says why a PIN was refused and how many tries are left before the badge is
// locked, or, when this failure locked it, who can unlock it.
func (s *Server) badLoginMessage(c echo.Context, badge string) error {
	left, err := s.Store.FailuresLeft(context.Background(), badge)
	if err != nil {
		return err
	}
	msg := t(c, "err.bad_login")
	switch {
	case left == 0:
		msg += " " + tn(c, "err.locked_now", int(store.LockoutPeriod.Minutes()))
	case left < store.MaxFailures:
		msg += " " + tn(c, "err.tries_left", left)
	}
	return courses.Errorf(courses.Unauthorized, "%s", msg)
}

// tn is t for a message that depends on a count: id+".one" when n is 1, else id; n is the first
// argument.
func tn(c echo.Context, id string, n int, args ...any) string {
	return plural(lang(c), id, n, args...)
}

// count reads a count a template passes: an int, an int64 or a pointer to one.
func count(n any) int {
	switch v := n.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case *int64:
		if v != nil {
			return int(*v)
		}
	}
	return 0
}

func plural(lang, id string, n int, args ...any) string { return messages.N(lang, id, n, args...) }

// idlePage tells an officer's page when his session ends by inactivity, so that the browser
// replaces it with the login page then (node.js; a meta refresh without JavaScript): on a shared
// terminal no name, course or answer stays on screen after the session is gone.
func (s *Server) idlePage(c echo.Context, data page) {
	expired := "/login?expired=1"
	if c.Request().Method == http.MethodGet {
		expired += "&next=" + url.QueryEscape(c.Request().URL.RequestURI())
	}
	data["IdleSeconds"] = s.idleSeconds()
	data["ExpiredURL"] = expired
	data["Refresh"] = strconv.Itoa(s.idleSeconds()+5) + "; url=" + expired
}
