package web

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"aula/courses"
	"aula/internal/i18n"
	"aula/internal/tmpl"
	"aula/server/internal/store"
)

// page is the data of one page; render adds the common fields.
type page map[string]any

var funcs = template.FuncMap{
	"t":          func(lang, id string, args ...any) string { return messages.T(lang, id, args...) },
	"text":       func(tx courses.Text, lang string) string { return tx.In(lang, i18n.Default) },
	"add":        func(a, b int) int { return a + b },
	"clockWrong": nodeClockWrong,
	"deref": func(v any) any {
		switch x := v.(type) {
		case *bool:
			return *x
		case *float64:
			return *x
		}
		return v
	},
}

// parseTemplates parses every page with the layout. A broken or missing template fails start-up.
func (s *Server) parseTemplates() (err error) {
	s.pages, err = tmpl.ParseLocalized(templateFS, i18n.Supported, s.funcsFor, "login", "error", "dashboard", "courses", "course", "stations",
		"officers", "officer", "import", "attempts", "certificates", "staff", "verify", "rejects", "approvals", "account",
		"revoke", "answers", "drafts", "draft", "draftlesson", "draftquiz", "draftquestion", "draftreview", "workshops", "workshop", "workshop_new",
		"analysis", "analysis_question", "agencies", "requirements", "requirement_delete", "compliance")
	return err
}

func (s *Server) render(c echo.Context, name string, data page) error {
	return s.renderStatus(c, http.StatusOK, name, data)
}

// renderStatus renders a page with the common fields: language, user, CSRF token, path.
func (s *Server) renderStatus(c echo.Context, status int, name string, data page) error {
	if data == nil {
		data = page{}
	}
	data["Lang"] = lang(c)
	data["LangLink"] = i18n.SwitchLink(c.Request(), lang(c))
	if data["Form"] == nil {
		data["Form"] = map[string]string{}
	}
	data["Path"] = c.Request().URL.Path
	data["Nav"] = navView{}
	if u, ok := c.Get(userKey).(*store.Staff); ok {
		data["User"] = u
		data["Nav"] = navFor(u.Role, c.Request().URL.Path)
		data["Admin"] = u.Role == store.RoleAdmin
		data["CanChange"] = slices.Contains(orgWrite, u.Role) // the programme's forms: requirements, commanders
		// SeesOfficers: stations, officers and results (not a trainer's); ReadsAdmin: approvals, staff.
		data["SeesOfficers"] = slices.Contains(orgRead, u.Role)
		data["ReadsAdmin"] = slices.Contains(adminRead, u.Role)
		data["Authors"] = slices.Contains(authors, u.Role) // the studio: course drafts
	}
	if err := s.addTitles(c, name, data); err != nil {
		return err
	}
	if tok, ok := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string); ok {
		data["CSRF"] = tok
	}
	body, err := s.pages.Render(lang(c), name, data)
	if err != nil {
		return err
	}
	i18n.Remember(c.Response(), c.Request())
	return c.HTMLBlob(status, body)
}
