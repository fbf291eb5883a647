package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"aula/courses"
	"aula/internal/i18n"
	"aula/server/internal/store"
)

// page is the data of one page; render adds the common fields.
type page map[string]any

var funcs = template.FuncMap{
	"t":    func(lang, id string, args ...any) string { return messages.T(lang, id, args...) },
	"text": func(tx courses.Text, lang string) string { return tx.In(lang, i18n.Default) },
	"date": func(tm time.Time) string {
		if tm.IsZero() {
			return "—"
		}
		return tm.UTC().Format("2006-01-02 15:04")
	},
	"day": func(tm time.Time) string {
		if tm.IsZero() {
			return "—"
		}
		return tm.UTC().Format("2006-01-02")
	},
	"pct": func(f float64) string {
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", f), "0"), ".") + " %"
	},
	"hours": func(f float64) string {
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", f), "0"), ".")
	},
	"add":        func(a, b int) int { return a + b },
	"clockWrong": nodeClockWrong,
	"offset": func(d *time.Duration) string {
		if d == nil {
			return "—"
		}
		return d.Round(time.Second).String()
	},
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
func (s *Server) parseTemplates() error {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		tpl, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return fmt.Errorf("template %s: %w", name, err)
		}
		s.pages[name] = tpl
	}
	for _, required := range []string{"login", "error", "dashboard", "courses", "course", "stations", "officers", "officer", "import", "attempts", "certificates", "staff", "verify", "rejects", "approvals", "account"} {
		if s.pages[required] == nil {
			return fmt.Errorf("template %s.html is missing", required)
		}
	}
	return nil
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
	if data["Form"] == nil {
		data["Form"] = map[string]string{}
	}
	data["Path"] = c.Request().URL.Path
	if u, ok := c.Get(userKey).(*store.Staff); ok {
		data["User"] = u
		data["Admin"] = u.Role == store.RoleAdmin
	}
	if tok, ok := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string); ok {
		data["CSRF"] = tok
	}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	i18n.Remember(c.Response(), c.Request())
	return c.HTMLBlob(status, buf.Bytes())
}
