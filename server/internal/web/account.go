package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// changePassword checks the current password (with the login lockout) and sets a new one, which
// ends every web session and API token of the account. It returns the account as it now is.
func (s *Server) changePassword(c echo.Context, old, new string) (*store.Staff, error) {
	u := currentUser(c)
	if old == "" || new == "" {
		fields := map[string]courses.Msg{}
		for name, v := range map[string]string{"old": old, "new": new} {
			if v == "" {
				fields[name] = courses.M("v.required")
			}
		}
		return nil, courses.InvalidFields(fields)
	}
	if _, err := s.checkPassword(c, u.Username, old); err != nil {
		if courses.ErrorCode(err) == courses.Unauthorized {
			return nil, courses.InvalidFields(map[string]courses.Msg{"old": courses.M("v.old_password")})
		}
		return nil, err
	}
	if id := service.PasswordProblem(new, u.Username); id != "" {
		return nil, courses.InvalidFields(map[string]courses.Msg{"new": courses.M(id)})
	}
	h, err := s.Gate.Hash(c.Request().Context(), new)
	if err != nil {
		return nil, busy(c, err)
	}
	return s.Store.ChangePassword(c.Request().Context(), u.ID, h)
}

// handleAccount shows the staff member's account page (the password form).
func (s *Server) handleAccount(c echo.Context) error {
	return s.render(c, "account", page{"Changed": c.QueryParam("changed") != ""})
}

// handleAccountPassword changes the password from the account page. This browser gets a new
// session; every other session and API token of the account ends.
func (s *Server) handleAccountPassword(c echo.Context) error {
	u, err := s.changePassword(c, c.FormValue("old"), c.FormValue("new"))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.renderStatus(c, statusOf(err), "account", page{"Error": errText(c, err), "Fields": fieldsOf(c, err)})
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/account?changed=1")
}

// apiPassword changes the password: {"old","new"}. It answers with a new token, since the one
// presented (and every other of the account) has ended.
func (s *Server) apiPassword(c echo.Context) error {
	var in struct {
		Old string `json:"old"`
		New string `json:"new"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.changePassword(c, in.Old, in.New)
	if err != nil {
		return err
	}
	return s.issueToken(c, u)
}

// apiLogout ends the presented API token.
func (s *Server) apiLogout(c echo.Context) error {
	claims, ok := c.Get(claimsKey).(*auth.Claims)
	if !ok || claims.ID == "" || claims.ExpiresAt == nil {
		return courses.E(courses.Unauthorized, "err.token")
	}
	if err := s.Store.RevokeToken(c.Request().Context(), claims.ID, claims.ExpiresAt.Time); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
