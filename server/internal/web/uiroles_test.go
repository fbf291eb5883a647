package web_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// uiRoute is one staff page or form behind allow(...) in routes.go, with a path that reaches it.
type uiRoute struct {
	method, path, pattern string
	adminOnly             bool
}

// protectedUI lists every staff route behind a login, with who may use it.
var protectedUI = []uiRoute{
	{"GET", "/", "/", false},
	{"GET", "/courses", "/courses", false},
	{"POST", "/courses", "/courses", false},
	{"GET", "/courses/uploads/U1", "/courses/uploads/:id", false},
	{"GET", "/courses/uploads/U1/files/course.yaml", "/courses/uploads/:id/files/*", false},
	{"POST", "/courses/uploads/U1/publish", "/courses/uploads/:id/publish", false},
	{"POST", "/courses/uploads/U1/discard", "/courses/uploads/:id/discard", false},
	{"GET", "/courses/curso-de-prueba/1", "/courses/:id/:version", false},
	{"GET", "/courses/curso-de-prueba/1/files/media/esquema.svg", "/courses/:id/:version/files/*", false},
	{"GET", "/courses/curso-de-prueba/1/analysis", "/courses/:id/:version/analysis", false},
	{"GET", "/courses/curso-de-prueba/1/analysis/q1", "/courses/:id/:version/analysis/:question", false},
	{"GET", "/stations", "/stations", false},
	{"POST", "/stations", "/stations", true},
	{"POST", "/stations/CCS-01/token", "/stations/:code/token", true},
	{"GET", "/officers", "/officers", false},
	{"GET", "/officers/import", "/officers/import", true},
	{"POST", "/officers/import", "/officers/import", true},
	{"GET", "/officers/PNB-1001", "/officers/:badge", false},
	{"POST", "/officers/PNB-1001/pin", "/officers/:badge/pin", true},
	{"POST", "/officers/PNB-1001/unlock", "/officers/:badge/unlock", true},
	{"POST", "/officers/PNB-1001/active", "/officers/:badge/active", true},
	{"POST", "/officers/PNB-1001/move", "/officers/:badge/move", true},
	{"GET", "/attempts", "/attempts", false},
	{"GET", "/completions", "/completions", false},
	{"GET", "/certificates", "/certificates", false},
	{"GET", "/certificates/C1/revoke", "/certificates/:id/revoke", true},
	{"POST", "/certificates/C1/revoke", "/certificates/:id/revoke", true},
	{"GET", "/certificates/C1/pdf", "/certificates/:id/pdf", false},
	{"POST", "/certificates/issue", "/certificates/issue", true},
	{"POST", "/certificates/import", "/certificates/import", true},
	{"GET", "/approvals", "/approvals", true},
	{"POST", "/approvals", "/approvals", true},
	{"GET", "/approvals/A1", "/approvals/:id", true},
	{"POST", "/nodes/N1/revoke", "/nodes/:id/revoke", true},
	{"GET", "/sync/rejects", "/sync/rejects", false},
	{"GET", "/staff", "/staff", true},
	{"POST", "/staff", "/staff", true},
	{"GET", "/account", "/account", false},
	{"POST", "/account/password", "/account/password", false},
}

// publicUI are the pages anyone may open (or that end a session).
var publicUI = []string{"GET /login", "POST /login", "POST /logout", "GET /verify", "GET /verify/:code",
	"GET /healthz", "GET /readyz", "GET /metrics", "GET /static/*"}

// TestUIRolesRouteByRoute tries every staff route with no session, as a trainer and (for the
// admin-only ones) checks the trainer is refused: 401 without a session, 403 for a trainer on an
// administrator's route, and never 401/403 for a trainer on a route trainers may use. The table
// is kept in step with routes.go.
func TestUIRolesRouteByRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seedResults(e.adminToken())
	ec, ok := e.handler.(*echo.Echo)
	if !ok {
		t.Fatalf("handler is %T, not *echo.Echo: this test can no longer list the routes", e.handler)
	}
	var got, want []string
	for _, r := range ec.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") && r.Method != "echo_route_not_found" {
			got = append(got, r.Method+" "+r.Path)
		}
	}
	want = slices.Clone(publicUI)
	for _, r := range protectedUI {
		want = append(want, r.method+" "+r.pattern)
	}
	sort.Strings(got)
	sort.Strings(want)
	got, want = slices.Compact(got), slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("staff routes in routes.go:\n%s\ncovered by this test:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	trainer := loggedIn(e, trainerUser, trainerPass)
	for _, r := range protectedUI {
		send := func(b *browser) int {
			if r.method == http.MethodGet {
				return b.get(r.path).Code
			}
			return b.post(r.path, nil).Code
		}
		if code := send(e.browser()); code != http.StatusUnauthorized {
			t.Errorf("%s %s without a session: %d, want 401", r.method, r.path, code)
		}
		code := send(trainer)
		switch {
		case r.adminOnly && code != http.StatusForbidden:
			t.Errorf("%s %s as a trainer: %d, want 403", r.method, r.path, code)
		case !r.adminOnly && (code == http.StatusForbidden || code == http.StatusUnauthorized):
			t.Errorf("%s %s as a trainer: %d, a trainer may use it", r.method, r.path, code)
		}
	}
}
