package web

import (
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/auth"
)

const (
	userKey       = "user"
	badTokenKey   = "bad_token"
	sessionCookie = "aula_session"
)

// dummyHash is verified when a username does not exist, so a wrong username takes as long as a
// wrong password and does not reveal which accounts exist.
var dummyHash, _ = auth.HashSecret("not a password")

// withSession puts the staff member of a valid session cookie into the context. It never fails:
// allow decides what an anonymous request may do.
func (s *Server) withSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			if u, err := s.Store.FindSession(auth.HashToken(ck.Value)); err == nil {
				c.Set(userKey, u)
			}
		}
		return next(c)
	}
}

// withBearer puts the staff member of a valid API token into the context. The account is read
// again so a deleted account or a changed role takes effect at once.
func (s *Server) withBearer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get("Authorization")
		if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
			claims, err := auth.ParseToken(s.pub(), Issuer, strings.TrimSpace(tok), s.Now())
			var u *store.Staff
			if err == nil {
				u, err = s.Store.FindStaff(claims.Subject)
			}
			if err != nil {
				// A stale token must not break public routes (verify); allow() reports it.
				c.Set(badTokenKey, true)
				return next(c)
			}
			c.Set(userKey, u)
		}
		return next(c)
	}
}

// allow is where roles are enforced: the route table wraps every protected route in it. No user
// is 401; a user whose role is not listed is 403.
func allow(roles ...string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u, ok := c.Get(userKey).(*store.Staff)
			if !ok {
				if c.Get(badTokenKey) != nil {
					return courses.Errorf(courses.Unauthorized, "%s", t(c, "err.token"))
				}
				return courses.Errorf(courses.Unauthorized, "%s", t(c, "err.login_required"))
			}
			if !slices.Contains(roles, u.Role) {
				return courses.Errorf(courses.Forbidden, "%s", t(c, "err.forbidden"))
			}
			return next(c)
		}
	}
}

// Role sets used in the route table.
var (
	anyStaff  = []string{store.RoleAdmin, store.RoleTrainer}
	adminOnly = []string{store.RoleAdmin}
)

func currentUser(c echo.Context) *store.Staff { u, _ := c.Get(userKey).(*store.Staff); return u }

// checkPassword verifies a login and applies the lockout rule. It returns the account, or an
// Unauthorized or TooMany error with a message for the person.
func (s *Server) checkPassword(c echo.Context, username, password string) (*store.Staff, error) {
	u, err := s.Store.FindStaff(strings.TrimSpace(username))
	if err != nil {
		_, _ = auth.VerifySecret(dummyHash, password)
		return nil, courses.Errorf(courses.Unauthorized, "%s", t(c, "err.bad_login"))
	}
	if u.LockedUntil.After(s.Now()) {
		mins := int(math.Ceil(u.LockedUntil.Sub(s.Now()).Minutes()))
		return nil, courses.Errorf(courses.TooMany, "%s", t(c, "err.locked", mins))
	}
	ok, err := auth.VerifySecret(u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if err := s.Store.RecordLogin(u.ID, ok); err != nil {
		return nil, err
	}
	if !ok {
		return nil, courses.Errorf(courses.Unauthorized, "%s", t(c, "err.bad_login"))
	}
	return u, nil
}

// handleLoginPage shows the login form.
func (s *Server) handleLoginPage(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	return s.render(c, "login", page{"Next": c.QueryParam("next")})
}

// handleLogin checks the form and starts a session.
func (s *Server) handleLogin(c echo.Context) error {
	next := c.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	u, err := s.checkPassword(c, c.FormValue("username"), c.FormValue("password"))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.renderStatus(c, statusOf(err), "login", page{"Next": next, "Error": err.Error(), "Username": c.FormValue("username")})
	}
	tok := auth.RandomToken(32)
	if err := s.Store.CreateSession(auth.HashToken(tok), u.ID, sessionTTL); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: int(sessionTTL / time.Second)})
	return c.Redirect(http.StatusSeeOther, next)
}

// handleLogout ends the session.
func (s *Server) handleLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.Store.DeleteSession(auth.HashToken(ck.Value)); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.SecureCookies})
	return c.Redirect(http.StatusSeeOther, "/login")
}

// handleAPILogin exchanges a username and password for a short-lived API token.
func (s *Server) handleAPILogin(c echo.Context) error {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Username == "" || in.Password == "" {
		return invalid(c, map[string]string{"username": t(c, "v.required"), "password": t(c, "v.required")})
	}
	u, err := s.checkPassword(c, in.Username, in.Password)
	if err != nil {
		return err
	}
	now := s.Now()
	tok, err := auth.IssueToken(s.Key, Issuer, u.Username, u.Role, apiTokenTTL, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"token": tok, "expires_at": now.Add(apiTokenTTL).UTC().Format(time.RFC3339), "role": u.Role})
}
