// Package web is the station node's HTTP layer: the officers' web UI (plain HTML forms that work
// without JavaScript, on shared terminals) and the officers' JSON API from the contract, with one
// route table (routes.go). It is the only importer of echo in the node; lessons are drawn by
// courses/lesson, pages loaded by internal/tmpl.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/i18n"
	"aula/internal/tmpl"
	"aula/internal/webedge"
	"aula/internal/webguard"
	"aula/sync/auth"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the handlers need.
type Server struct {
	Store *store.Store
	Log   *slog.Logger
	// Now is the node's clock; tests replace it.
	Now func() time.Time
	// Idle is how long a session lasts without activity (10 minutes on shared terminals).
	Idle time.Duration
	// SecureCookies marks cookies Secure (when the node is served over HTTPS).
	SecureCookies bool
	// Sync is the node's sync with the center; nil until the node is enrolled.
	Sync *syncer.Node
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header is believed (the
	// operator's --trusted-proxy list). Empty: the header is ignored and the client is the peer.
	TrustedProxies []netip.Prefix
	// Gate bounds the argon2id work of PIN checks (nil: a gate for the machine's CPUs, 2 to 4 at
	// once, with a queue of 64: a station's terminals all logging in at the start of a shift).
	Gate *auth.Gate

	// Zone is the time zone of the dates and times on pages and certificates (--timezone; nil:
	// America/Caracas).
	Zone *time.Location
	// SignatoryName and SignatoryRole sign the certificates the node prints (its own
	// --signatory-name and --signatory-role; see docs/operations.md).
	SignatoryName, SignatoryRole string

	pages tmpl.Localized

	mu       sync.Mutex
	cache    map[int64]*coursepkg.Package // installed versions are immutable: parse each once
	rendered map[string]template.HTML     // "course/version/lesson/lang" -> lesson article, rendered once
}

const sessionCookie = "aula_officer"

// Handler parses the templates (a broken one fails start-up) and returns the route table.
func (s *Server) Handler() (http.Handler, error) {
	if s.Idle == 0 {
		s.Idle = 10 * time.Minute
	}
	if s.Now == nil {
		s.Now = func() time.Time { return time.Now().UTC() }
	}
	s.cache = map[int64]*coursepkg.Package{}
	s.rendered = map[string]template.HTML{}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = clientIP(s.TrustedProxies)
	if s.Gate == nil {
		s.Gate = auth.NewGate(0, 64)
	}
	s.routes(e)
	return e, nil
}

// clientIP is how the client address (per-terminal limits) is read: from X-Forwarded-For only
// when the request comes from one of the proxies the operator listed, and then the nearest
// address in it that is not one of those proxies. By default, and from anyone else, the header is
// ignored: a terminal can write any address in it.
func clientIP(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range webguard.IPNets(trusted) {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

func lang(c echo.Context) string {
	if l, ok := c.Get(langKey).(string); ok {
		return l
	}
	if isAPI(c) {
		return i18n.FromAPIRequest(c.Request())
	}
	return i18n.FromRequest(c.Request())
}

func t(c echo.Context, id string, args ...any) string { return messages.T(lang(c), id, args...) }

// statusOf maps an error to its HTTP status (webedge.Describe: the one place where that happens).
func statusOf(err error) int { return webedge.Describe(messages, i18n.Default, err).Status }

// errText is an error's message in the request's language.
func errText(c echo.Context, err error) string { return messages.Error(lang(c), err) }

// handleError answers every error: {"error", "code", "fields"} for the API, a page for the UI, in
// the request's language. Internal errors are logged, never shown.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	r := webedge.Describe(messages, lang(c), err)
	if r.Status >= 500 {
		s.Log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if isAPI(c) {
		_ = c.JSON(r.Status, r.JSON())
		return
	}
	if r.Status == http.StatusUnauthorized {
		data := page{"Next": localPath(c.Request().URL.RequestURI())}
		if m := c.Request().Method; m != http.MethodGet && m != http.MethodHead {
			data["Error"] = r.Message // a page asked for without a session is no error: only a form sent
		}
		_ = s.loginPage(c, r.Status, data)
		return
	}
	if r.Status == http.StatusNotFound {
		// Store errors name things in English ("course x is not on this station"): an officer
		// gets the page in his language, the same for every missing page.
		_ = s.renderStatus(c, r.Status, "error", page{"Status": r.Status, "Title": t(c, "error.not_found_title"), "Message": t(c, "err.not_found")})
		return
	}
	_ = s.renderStatus(c, r.Status, "error", page{"Status": r.Status, "Message": r.Message})
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// page is the data of one page.
type page map[string]any

// parseTemplates parses every page with the layout. A broken or missing template fails start-up.
func (s *Server) parseTemplates() (err error) {
	s.pages, err = tmpl.ParseLocalized(templateFS, i18n.Supported, s.funcsFor, "login", "error", "courses", "course", "lesson", "quiz", "question",
		"review", "result", "sync", "verify", "certificates", "station")
	return err
}

func (s *Server) render(c echo.Context, name string, data page) error {
	return s.renderStatus(c, http.StatusOK, name, data)
}

func (s *Server) renderStatus(c echo.Context, status int, name string, data page) error {
	if data == nil {
		data = page{}
	}
	data["Lang"] = lang(c)
	data["LangLink"] = i18n.SwitchLink(c.Request(), lang(c))
	data["Path"] = c.Request().URL.Path
	if o := officer(c); o != nil {
		data["Officer"] = o
		s.idlePage(c, data)
	}
	if tok, ok := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string); ok {
		data["CSRF"] = tok
	}
	body, err := s.pages.Render(lang(c), name, data)
	if err != nil {
		return err
	}
	i18n.Remember(c.Response(), c.Request())
	c.Response().Header().Set("Cache-Control", "no-store") // shared terminals: no officer's page in the cache
	return c.HTMLBlob(status, body)
}

// course returns the newest installed version of a course, parsed (once per version).
func (s *Server) course(ctx context.Context, courseID string) (*coursepkg.Package, *store.InstalledVersion, error) {
	versions, err := s.Store.LatestVersions(ctx)
	if err != nil {
		return nil, nil, err
	}
	for i := range versions {
		if versions[i].CourseID == courseID {
			pkg, err := s.version(ctx, &versions[i])
			return pkg, &versions[i], err
		}
	}
	return nil, nil, courses.E(courses.NotFound, "course.not_here", courseID)
}

// version parses an installed version (cached: versions never change). The lock is held while
// parsing so that 50 terminals opening a new course at once parse it once, not 50 times.
func (s *Server) version(ctx context.Context, v *store.InstalledVersion) (*coursepkg.Package, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pkg := s.cache[v.ID]; pkg != nil {
		return pkg, nil
	}
	files, err := s.Store.VersionFiles(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	pkg, problems := coursepkg.ReadFiles(files, v.CourseID)
	if len(problems) > 0 {
		return nil, fmt.Errorf("installed course %s v%d does not read: %w", v.CourseID, v.Version, problems)
	}
	s.cache[v.ID] = pkg
	return pkg, nil
}

// Warm parses every installed course ahead of the first officer (run in the background after
// start-up, so start-up stays fast).
func (s *Server) Warm() {
	versions, err := s.Store.LatestVersions(context.Background())
	if err != nil {
		return
	}
	for i := range versions {
		if _, err := s.version(context.Background(), &versions[i]); err != nil {
			s.Log.Warn("installed course does not read", "course", versions[i].CourseID, "err", err)
		}
	}
}

// versionOf returns the parsed course version an attempt was made on.
func (s *Server) versionOf(ctx context.Context, courseID string, version int) (*coursepkg.Package, error) {
	v, err := s.Store.FindVersion(ctx, courseID, version)
	if err != nil {
		return nil, err
	}
	return s.version(ctx, v)
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	return http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
}
