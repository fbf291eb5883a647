package web_test

import (
	"github.com/labstack/echo/v4"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// uiRoute is one staff page or form behind allow(...) in routes.go, with a path that reaches it.
type uiRoute struct {
	method, path, pattern string
	who                   []string // the roles routes.go allows
}

// protectedUI lists every staff route behind a login, with who may use it.
var protectedUI = []uiRoute{
	{"GET", "/", "/", anyStaff},
	{"GET", "/courses", "/courses", anyStaff},
	{"POST", "/courses", "/courses", courseWrite},
	{"GET", "/courses/uploads/U1", "/courses/uploads/:id", anyStaff},
	{"GET", "/courses/uploads/U1/files/course.yaml", "/courses/uploads/:id/files/*", anyStaff},
	{"POST", "/courses/uploads/U1/publish", "/courses/uploads/:id/publish", courseWrite},
	{"POST", "/courses/uploads/U1/discard", "/courses/uploads/:id/discard", courseWrite},
	{"GET", "/courses/curso-de-prueba/1", "/courses/:id/:version", anyStaff},
	{"GET", "/courses/curso-de-prueba/1/files/media/esquema.svg", "/courses/:id/:version/files/*", anyStaff},
	{"GET", "/courses/curso-de-prueba/1/analysis", "/courses/:id/:version/analysis", anyStaff},
	{"GET", "/courses/curso-de-prueba/1/analysis/q1", "/courses/:id/:version/analysis/:question", anyStaff},
	{"GET", "/stations", "/stations", orgRead},
	{"POST", "/stations", "/stations", orgWrite},
	{"POST", "/stations/CCS-01/token", "/stations/:code/token", orgWrite},
	{"GET", "/officers", "/officers", orgRead},
	{"GET", "/officers/import", "/officers/import", orgRead},
	{"POST", "/officers/import", "/officers/import", orgWrite},
	{"GET", "/officers/PNB-1001", "/officers/:badge", orgRead},
	{"POST", "/officers/PNB-1001/pin", "/officers/:badge/pin", orgWrite},
	{"POST", "/officers/PNB-1001/unlock", "/officers/:badge/unlock", orgWrite},
	{"POST", "/officers/PNB-1001/active", "/officers/:badge/active", orgWrite},
	{"POST", "/officers/PNB-1001/move", "/officers/:badge/move", orgWrite},
	{"GET", "/attempts", "/attempts", orgRead},
	{"GET", "/completions", "/completions", orgRead},
	{"GET", "/certificates", "/certificates", orgRead},
	{"GET", "/certificates/C1/revoke", "/certificates/:id/revoke", orgRead},
	{"POST", "/certificates/C1/revoke", "/certificates/:id/revoke", orgWrite},
	{"GET", "/certificates/C1/pdf", "/certificates/:id/pdf", orgRead},
	{"GET", "/certificates/C1/ob3", "/certificates/:id/ob3", orgRead},
	{"POST", "/certificates/issue", "/certificates/issue", orgWrite},
	{"POST", "/certificates/import", "/certificates/import", orgWrite},
	{"GET", "/approvals", "/approvals", adminRead},
	{"POST", "/approvals", "/approvals", adminOnly},
	{"GET", "/approvals/A1", "/approvals/:id", adminRead},
	{"POST", "/nodes/N1/revoke", "/nodes/:id/revoke", adminOnly},
	{"GET", "/sync/rejects", "/sync/rejects", orgRead},
	{"GET", "/staff", "/staff", adminRead},
	{"GET", "/audit", "/audit", adminRead},
	{"POST", "/staff", "/staff", adminOnly},
	{"GET", "/officers/PNB-1001/constancia.pdf", "/officers/:badge/constancia.pdf", orgRead},
	{"GET", "/workshops", "/workshops", anyStaff},
	{"GET", "/workshops/new", "/workshops/new", workshopWrite},
	{"POST", "/workshops", "/workshops", workshopWrite},
	{"GET", "/workshops/reports?format=csv", "/workshops/reports", anyStaff},
	{"GET", "/workshops/W1", "/workshops/:id", anyStaff},
	{"POST", "/workshops/W1/approve", "/workshops/:id/approve", workshopWrite},
	{"POST", "/workshops/W1/roster", "/workshops/:id/roster", workshopWrite},
	{"GET", "/account", "/account", anyStaff},
	{"POST", "/account/password", "/account/password", anyStaff},
	{"GET", "/drafts", "/drafts", courseWrite},
	{"POST", "/drafts", "/drafts", courseWrite},
	{"POST", "/drafts/import", "/drafts/import", courseWrite},
	{"GET", "/drafts/D1", "/drafts/:id", courseWrite},
	{"GET", "/drafts/D1/zip", "/drafts/:id/zip", courseWrite},
	{"GET", "/drafts/D1/media/x.png", "/drafts/:id/media/*", courseWrite},
	{"POST", "/drafts/D1/media", "/drafts/:id/media", courseWrite},
	{"POST", "/drafts/D1/media/delete", "/drafts/:id/media/delete", courseWrite},
	{"POST", "/drafts/D1/course", "/drafts/:id/course", courseWrite},
	{"POST", "/drafts/D1/lessons", "/drafts/:id/lessons", courseWrite},
	{"POST", "/drafts/D1/lessons/delete", "/drafts/:id/lessons/delete", courseWrite},
	{"POST", "/drafts/D1/lessons/move", "/drafts/:id/lessons/move", courseWrite},
	{"GET", "/drafts/D1/lessons/01-a", "/drafts/:id/lessons/:lesson", courseWrite},
	{"POST", "/drafts/D1/lessons/01-a", "/drafts/:id/lessons/:lesson", courseWrite},
	{"POST", "/drafts/D1/lessons/01-a/preview", "/drafts/:id/lessons/:lesson/preview", courseWrite},
	{"GET", "/drafts/D1/quiz", "/drafts/:id/quiz", courseWrite},
	{"POST", "/drafts/D1/quiz", "/drafts/:id/quiz", courseWrite},
	{"POST", "/drafts/D1/gift", "/drafts/:id/gift", courseWrite},
	{"POST", "/drafts/D1/questions", "/drafts/:id/questions", courseWrite},
	{"POST", "/drafts/D1/questions/order", "/drafts/:id/questions/order", courseWrite},
	{"GET", "/drafts/D1/questions/q1", "/drafts/:id/questions/:q", courseWrite},
	{"POST", "/drafts/D1/questions/q1", "/drafts/:id/questions/:q", courseWrite},
	{"POST", "/drafts/D1/questions/q1/check", "/drafts/:id/questions/:q/check", courseWrite},
	{"POST", "/drafts/D1/submit", "/drafts/:id/submit", courseWrite},
	{"GET", "/drafts/D1/review", "/drafts/:id/review", courseWrite},
	{"POST", "/drafts/D1/approve", "/drafts/:id/approve", courseWrite},
	{"POST", "/drafts/D1/return", "/drafts/:id/return", courseWrite},
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
	pgtest.Dialects(t, func(t *testing.T) {
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
			case !slices.Contains(r.who, "trainer") && code != http.StatusForbidden:
				t.Errorf("%s %s as a trainer: %d, want 403", r.method, r.path, code)
			case slices.Contains(r.who, "trainer") && (code == http.StatusForbidden || code == http.StatusUnauthorized):
				t.Errorf("%s %s as a trainer: %d, a trainer may use it", r.method, r.path, code)
			}
		}
	})
}
