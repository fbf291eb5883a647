package web

import (
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/internal/webguard"
	"aula/server/internal/store"
	"aula/sync/auth"
)

const (
	userKey       = "user"
	claimsKey     = "claims"
	badTokenKey   = "bad_token"
	sessionCookie = "aula_session"
	// staleSessionKey marks a request whose session cookie names a session that has ended.
	staleSessionKey = "stale_session"
	csrfCookie      = "_csrf"
)

// dummyHash is verified when a username does not exist, so a wrong username takes as long as a
// wrong password and does not reveal which accounts exist.
var dummyHash, _ = auth.HashSecret("not a password")

// withSession puts the staff member of a valid session cookie into the context. It never fails:
// allow decides what an anonymous request may do.
func (s *Server) withSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			if u, err := s.Store.FindSession(c.Request().Context(), auth.HashToken(ck.Value)); err == nil {
				c.Set(userKey, u)
			} else if courses.ErrorCode(err) == courses.Unauthorized {
				// The browser still holds a session that ended (it ran out or was closed
				// elsewhere): the login page says so instead of a bare "log in".
				c.Set(staleSessionKey, true)
			}
		}
		return next(c)
	}
}

// withBearer puts the staff member of a valid API token into the context. The account is read
// again so a deleted account or a changed role takes effect at once; a token issued before the
// account's last password change, or ended by logout, is refused.
func (s *Server) withBearer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get("Authorization")
		if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
			claims, err := auth.ParseToken(s.pub(), Issuer, strings.TrimSpace(tok), s.Now())
			var u *store.Staff
			if err == nil {
				u, err = s.Store.FindStaff(c.Request().Context(), claims.Subject)
			}
			if err == nil && claims.Gen != u.TokenGen {
				err = auth.ErrInvalidToken
			}
			if err == nil {
				var revoked bool
				if revoked, err = s.Store.TokenRevoked(c.Request().Context(), claims.ID); err == nil && revoked {
					err = auth.ErrInvalidToken
				}
			}
			if err != nil {
				// A stale token must not break public routes (verify); allow() reports it.
				c.Set(badTokenKey, true)
				return next(c)
			}
			c.Set(userKey, u)
			c.Set(claimsKey, claims)
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
					return courses.E(courses.Unauthorized, "err.token")
				}
				return courses.E(courses.Unauthorized, "err.login_required")
			}
			if !slices.Contains(roles, u.Role) {
				return courses.E(courses.Forbidden, "err.forbidden")
			}
			return next(c)
		}
	}
}

// Role sets used in the route table (docs/programme.md, "Roles and scopes"). An auditor reads
// every GET and changes nothing; a coordinator's rows are limited to his agency by the service's
// scope filter (service.Scope); a trainer has courses and the programme's reports, not the
// roster or officers' records.
var (
	anyStaff  = []string{store.RoleAdmin, store.RoleCoordinator, store.RoleTrainer, store.RoleAuditor}
	adminOnly = []string{store.RoleAdmin}
	// adminRead: administrators' pages (approvals, nodes, staff), read by auditors too.
	adminRead = []string{store.RoleAdmin, store.RoleAuditor}
	// orgRead: stations, officers, their results and certificates, sync rejects (coordinators:
	// their agency's).
	orgRead = []string{store.RoleAdmin, store.RoleCoordinator, store.RoleAuditor}
	// orgWrite: managing an agency: stations and their enrollment tokens, officers (import, PIN,
	// unlock, deactivate, move), certificates (issue, revoke), requirements and commanders
	// (coordinators: their agency's).
	orgWrite = []string{store.RoleAdmin, store.RoleCoordinator}
	// courseWrite: publishing courses.
	courseWrite = []string{store.RoleAdmin, store.RoleTrainer}
	// authors write course drafts; reviewers approve or return them (never their own: the
	// service refuses the one who submitted). An auditor changes nothing; a coordinator runs his
	// agency's programme, not its course content.
	authors   = []string{store.RoleAdmin, store.RoleTrainer}
	reviewers = []string{store.RoleAdmin, store.RoleTrainer}
)

func currentUser(c echo.Context) *store.Staff { u, _ := c.Get(userKey).(*store.Staff); return u }

// checkPassword verifies a login and applies the lockout rule. It returns the account, or an
// Unauthorized or TooMany error with a message for the person.
//
// The lockout holds under concurrency: the attempt is counted (ReserveLogin, one write
// transaction) before the password is checked, so parallel guesses cannot all pass the check;
// and every argon2id computation goes through the gate, so a burst of logins cannot exhaust memory.
func (s *Server) checkPassword(c echo.Context, username, password string) (*store.Staff, error) {
	ctx := c.Request().Context()
	u, err := s.Store.FindStaff(c.Request().Context(), strings.TrimSpace(username))
	if courses.ErrorCode(err) == courses.NotFound {
		if _, err := s.Gate.Verify(ctx, dummyHash, password); err != nil {
			return nil, busy(c, err)
		}
		return nil, courses.E(courses.Unauthorized, "err.bad_login")
	}
	if err != nil {
		return nil, err
	}
	until, inFlight, err := s.Store.ReserveLogin(c.Request().Context(), u.ID)
	switch {
	case err != nil:
		return nil, err
	case !until.IsZero():
		mins := int(math.Ceil(until.Sub(s.Now()).Minutes()))
		if mins <= 1 {
			return nil, courses.E(courses.TooMany, "err.locked_minute")
		}
		return nil, courses.E(courses.TooMany, "err.locked", mins)
	case inFlight:
		c.Response().Header().Set("Retry-After", "2")
		return nil, courses.E(courses.TooMany, "err.in_flight")
	}
	ok, err := s.Gate.Verify(ctx, u.PasswordHash, password)
	outcome := store.LoginFailed
	switch {
	case err != nil:
		outcome = store.LoginNotChecked
	case ok:
		outcome = store.LoginOK
	}
	if ferr := s.Store.FinishLogin(c.Request().Context(), u.ID, outcome); ferr != nil {
		return nil, ferr
	}
	if err != nil {
		return nil, busy(c, err)
	}
	if !ok {
		return nil, courses.E(courses.Unauthorized, "err.bad_login")
	}
	return u, nil
}

// busy answers a password check the gate refused (too many at once, or the client left while
// waiting): 429 with Retry-After. Other errors pass through.
func busy(c echo.Context, err error) error {
	if webguard.Refused(c.Request().Context(), err) {
		c.Response().Header().Set("Retry-After", "2")
		return courses.E(courses.TooMany, "err.busy")
	}
	return err
}

// handleLoginPage shows the login form.
func (s *Server) handleLoginPage(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	data := page{"Next": c.QueryParam("next")}
	if c.QueryParam("out") == "1" {
		data["Notice"] = t(c, "login.out")
	}
	return s.render(c, "login", data)
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
		return s.renderStatus(c, statusOf(err), "login", page{"Next": next, "Error": errText(c, err), "Username": c.FormValue("username")})
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// startSession starts a web session for u in this browser, with a new CSRF token.
func (s *Server) startSession(c echo.Context, u *store.Staff) error {
	tok := auth.RandomToken(32)
	if err := s.Store.CreateSession(c.Request().Context(), auth.HashToken(tok), u.ID, sessionTTL); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: int(sessionTTL / time.Second)})
	webguard.ReplaceCSRFCookie(c.Response().Header(), csrfCookie, s.SecureCookies)
	return nil
}

// handleLogout ends the session.
func (s *Server) handleLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.Store.DeleteSession(c.Request().Context(), auth.HashToken(ck.Value)); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.SecureCookies})
	return c.Redirect(http.StatusSeeOther, "/login?out=1")
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
		return courses.InvalidFields(map[string]courses.Msg{"username": courses.M("v.required"), "password": courses.M("v.required")})
	}
	u, err := s.checkPassword(c, in.Username, in.Password)
	if err != nil {
		return err
	}
	return s.issueToken(c, u)
}

// issueToken answers with a new API token for u, of u's current token generation.
func (s *Server) issueToken(c echo.Context, u *store.Staff) error {
	now := s.Now()
	tok, err := auth.IssueTokenGen(s.Key, Issuer, u.Username, u.Role, u.TokenGen, apiTokenTTL, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"token": tok, "expires_at": now.Add(apiTokenTTL).UTC().Format(time.RFC3339), "role": u.Role})
}
