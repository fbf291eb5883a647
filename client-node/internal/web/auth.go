package web

import (
	"errors"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/internal/webguard"
	"aula/sync/auth"
)

const officerKey = "officer"

// dummyHash is checked for unknown badges so they take as long as a wrong PIN.
var dummyHash, _ = auth.HashPIN("0000")

func officer(c echo.Context) *store.Officer { o, _ := c.Get(officerKey).(*store.Officer); return o }

// sessionToken returns the session token of a request: the Bearer token (API) or the cookie (UI).
func sessionToken(c echo.Context) string {
	if strings.HasPrefix(c.Request().URL.Path, "/api/") {
		tok, _ := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		return strings.TrimSpace(tok)
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

// withOfficer puts the officer of a live session into the context; an idle session ends here.
func (s *Server) withOfficer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if tok := sessionToken(c); tok != "" {
			if o, err := s.Store.TouchSession(c.Request().Context(), auth.HashToken(tok), s.Idle); err == nil {
				c.Set(officerKey, o)
			} else {
				c.Set(staleKey, true) // ended by inactivity (or logged out elsewhere)
			}
		}
		return next(c)
	}
}

// requireOfficer is where access is enforced: every officer route goes through it (routes.go).
func requireOfficer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if officer(c) == nil {
			return courses.E(courses.Unauthorized, "err.login_required")
		}
		return next(c)
	}
}

// login checks a badge and PIN against this station's roster, offline, with the lockout rules,
// and starts a session. It returns the session token.
//
// The lockouts hold under concurrency: the check is reserved (ReservePIN, one write transaction)
// before the PIN is verified, so parallel guesses cannot all pass the lockout check; and every
// argon2id computation goes through the gate, so a burst of logins cannot exhaust memory.
func (s *Server) login(c echo.Context, badge, pin string) (*store.Officer, string, error) {
	o, err := s.checkPIN(c, badge, pin)
	if err != nil {
		return nil, "", err
	}
	tok := auth.RandomToken(32)
	if err := s.Store.CreateSession(c.Request().Context(), auth.HashToken(tok), o.Badge); err != nil {
		return nil, "", err
	}
	return o, tok, nil
}

// checkPIN checks a badge and PIN against this station's roster with the lockout rules, without
// starting a session: the login, and an officer signing a workshop's attendance list on a
// terminal someone else may be using, go through it alike.
func (s *Server) checkPIN(c echo.Context, badge, pin string) (*store.Officer, error) {
	badge = strings.ToUpper(strings.TrimSpace(badge))
	client := c.RealIP()
	refusal, until, err := s.Store.ReservePIN(c.Request().Context(), badge, client)
	// Whole minutes left, rounded up: right after the lock it says 15, not 16.
	mins := int((until.Sub(s.Store.Now()) + time.Minute - 1) / time.Minute)
	switch {
	case err != nil:
		return nil, err
	case refusal == store.BadgeLocked:
		return nil, courses.Errorf(courses.TooMany, "%s", tn(c, "err.locked", mins))
	case refusal == store.ClientLocked:
		return nil, courses.Errorf(courses.TooMany, "%s", tn(c, "err.client_locked", mins))
	case refusal == store.InFlight:
		c.Response().Header().Set("Retry-After", "2")
		return nil, courses.E(courses.TooMany, "err.in_flight")
	}
	o, err := s.Store.FindOfficer(c.Request().Context(), badge)
	known := err == nil && o.Active
	if err != nil && courses.ErrorCode(err) != courses.NotFound {
		return nil, errors.Join(err, s.Store.FinishPIN(c.Request().Context(), badge, client, store.NotChecked))
	}
	hash := dummyHash // an unknown badge takes as long as a wrong PIN
	if known {
		hash = o.PINHash
	}
	ok, err := s.Gate.Verify(c.Request().Context(), hash, strings.TrimSpace(pin))
	ok = ok && known
	outcome := store.Failed
	switch {
	case err != nil:
		outcome = store.NotChecked
	case ok:
		outcome = store.OK
	}
	if ferr := s.Store.FinishPIN(c.Request().Context(), badge, client, outcome); ferr != nil {
		return nil, ferr
	}
	if err != nil {
		return nil, busy(c, err)
	}
	releaseMemory()
	if !ok {
		return nil, s.badLoginMessage(c, badge)
	}
	return o, nil
}

// busy answers a PIN check the gate refused (too many at once, or the client left while
// waiting): 429 with Retry-After. Other errors pass through.
func busy(c echo.Context, err error) error {
	if webguard.Refused(c.Request().Context(), err) {
		c.Response().Header().Set("Retry-After", "2")
		return courses.E(courses.TooMany, "err.busy")
	}
	return err
}

// handleLoginPage shows the badge + PIN form.
func (s *Server) handleLoginPage(c echo.Context) error {
	if o := officer(c); o != nil {
		return c.Redirect(http.StatusSeeOther, s.afterLogin(o, c.QueryParam("next")))
	}
	return s.loginPage(c, http.StatusOK, page{})
}

// handleLogin logs an officer in on this terminal.
func (s *Server) handleLogin(c echo.Context) error {
	o, tok, err := s.login(c, c.FormValue("badge"), c.FormValue("pin"))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.renderStatus(c, statusOf(err), "login", page{"Error": errText(c, err), "Badge": c.FormValue("badge"),
			"Next": localPath(c.FormValue("next"))})
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteLaxMode})
	webguard.ReplaceCSRFCookie(c.Response().Header(), "_csrf", s.SecureCookies)
	return c.Redirect(http.StatusSeeOther, s.afterLogin(o, c.FormValue("next")))
}

// handleLogout ends the session ("Salir" and "Cambiar de funcionario").
func (s *Server) handleLogout(c echo.Context) error {
	if tok := sessionToken(c); tok != "" {
		if err := s.Store.DeleteSession(c.Request().Context(), auth.HashToken(tok)); err != nil {
			return err
		}
	}
	s.endTerminalSession(c) // the next officer starts in Spanish, with no cookie of this one
	return c.Redirect(http.StatusSeeOther, "/login?out=1")
}

// idleSeconds is shown so the page can warn before the session ends (and the node enforces it).
func (s *Server) idleSeconds() int { return int(s.Idle / time.Second) }

var releasing atomic.Bool

// releaseMemory returns to the operating system, soon after a PIN check, the memory argon2id
// just used: a node on a small PC should not keep it for minutes. At most one runs at a time.
func releaseMemory() {
	if !releasing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer releasing.Store(false)
		time.Sleep(100 * time.Millisecond) // let the request finish first
		debug.FreeOSMemory()
	}()
}
