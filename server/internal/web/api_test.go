package web_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"github.com/labstack/echo/v4"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/web"
	"aula/sync/auth"
)

// apiRoute is one protected API route with a body good enough to get past authentication.
type apiRoute struct {
	method, path, pattern string
	body                  any
	who                   []string // the roles routes.go allows
}

// protectedAPI lists every API route behind allow(...) in routes.go, with its roles.
var protectedAPI = []apiRoute{
	{http.MethodGet, "/api/v1/courses", "/api/v1/courses", nil, anyStaff},
	{http.MethodPost, "/api/v1/courses", "/api/v1/courses", []byte("not a zip"), courseWrite},
	{http.MethodGet, "/api/v1/courses/curso-de-prueba/1", "/api/v1/courses/:id/:version", nil, anyStaff},
	{http.MethodGet, "/api/v1/courses/curso-de-prueba/1/analysis", "/api/v1/courses/:id/:version/analysis", nil, anyStaff},
	{http.MethodGet, "/api/v1/stations", "/api/v1/stations", nil, orgRead},
	{http.MethodPost, "/api/v1/stations", "/api/v1/stations", map[string]string{"code": "NEW-01", "name": "Nueva"}, orgWrite},
	{http.MethodPost, "/api/v1/stations/CCS-01/token", "/api/v1/stations/:code/token", nil, orgWrite},
	{http.MethodGet, "/api/v1/officers", "/api/v1/officers", nil, orgRead},
	{http.MethodPost, "/api/v1/officers/import", "/api/v1/officers/import", rosterCSV, orgWrite},
	{http.MethodGet, "/api/v1/officers/PNB-1001", "/api/v1/officers/:badge", nil, orgRead},
	{http.MethodGet, "/api/v1/attempts", "/api/v1/attempts", nil, orgRead},
	{http.MethodGet, "/api/v1/completions", "/api/v1/completions", nil, orgRead},
	{http.MethodGet, "/api/v1/certificates", "/api/v1/certificates", nil, orgRead},
	{http.MethodPost, "/api/v1/certificates/C1/revoke", "/api/v1/certificates/:id/revoke", map[string]string{"reason": "Fraude comprobado"}, orgWrite},
	{http.MethodGet, "/api/v1/certificates/C1/pdf", "/api/v1/certificates/:id/pdf", nil, orgRead},
	{http.MethodGet, "/api/v1/certificates/C1/ob3", "/api/v1/certificates/:id/ob3", nil, orgRead},
	{http.MethodPost, "/api/v1/certificates", "/api/v1/certificates", map[string]any{"badge": "PNB-1001", "title": "Taller", "hours": 4, "date": "2026-11-20"}, orgWrite},
	{http.MethodPost, "/api/v1/certificates/import", "/api/v1/certificates/import", []byte("badge,title,hours,date\nPNB-1001,Taller,4,2026-11-20\n"), orgWrite},
	{http.MethodGet, "/api/v1/approvals", "/api/v1/approvals", nil, adminRead},
	{http.MethodPost, "/api/v1/approvals", "/api/v1/approvals", map[string]any{"approve": []string{}}, adminOnly},
	{http.MethodGet, "/api/v1/nodes", "/api/v1/nodes", nil, adminRead},
	{http.MethodPost, "/api/v1/nodes/N1/revoke", "/api/v1/nodes/:id/revoke", nil, adminOnly},
	{http.MethodGet, "/api/v1/staff", "/api/v1/staff", nil, adminRead},
	{http.MethodGet, "/api/v1/audit?after=0", "/api/v1/audit", nil, adminRead},
	{http.MethodPost, "/api/v1/staff", "/api/v1/staff", map[string]string{"username": "nuevo", "role": "trainer", "password": "una-clave-larga"}, adminOnly},
	{http.MethodGet, "/api/v1/agencies", "/api/v1/agencies", nil, anyStaff},
	{http.MethodPost, "/api/v1/agencies", "/api/v1/agencies", map[string]string{"code": "PEZ", "name": "Policía del estado Zulia"}, adminOnly},
	{http.MethodPost, "/api/v1/stations/CCS-01/commander", "/api/v1/stations/:code/commander", map[string]any{"badge": "PNB-1001"}, orgWrite},
	{http.MethodGet, "/api/v1/requirements", "/api/v1/requirements", nil, anyStaff},
	{http.MethodPost, "/api/v1/requirements", "/api/v1/requirements", map[string]any{"course_id": "curso-de-prueba", "due_days": 30}, orgWrite},
	{http.MethodDelete, "/api/v1/requirements/999", "/api/v1/requirements/:id", nil, orgWrite},
	{http.MethodGet, "/api/v1/compliance", "/api/v1/compliance", nil, anyStaff},
	{http.MethodGet, "/api/v1/workshops", "/api/v1/workshops", nil, anyStaff},
	{http.MethodPost, "/api/v1/workshops", "/api/v1/workshops", map[string]any{"title": "Taller", "area": "other", "hours": 4, "station": "CCS-01", "date": "2026-11-20"}, workshopWrite},
	{http.MethodGet, "/api/v1/workshops/summary", "/api/v1/workshops/summary", nil, anyStaff},
	{http.MethodGet, "/api/v1/workshops/W1", "/api/v1/workshops/:id", nil, anyStaff},
	{http.MethodPost, "/api/v1/workshops/W1/approve", "/api/v1/workshops/:id/approve", nil, workshopWrite},
	{http.MethodPost, "/api/v1/workshops/W1/roster", "/api/v1/workshops/:id/roster", []byte("badge\nPNB-1001\n"), workshopWrite},
	{http.MethodGet, "/api/v1/officers/PNB-1001/transcript", "/api/v1/officers/:badge/transcript", nil, orgRead},
	{http.MethodGet, "/api/v1/officers/PNB-1001/evidence", "/api/v1/officers/:badge/evidence", nil, orgRead},
	{http.MethodGet, "/api/v1/hours/summary", "/api/v1/hours/summary", nil, anyStaff},
	{http.MethodGet, "/api/v1/compliance/summary?by=state", "/api/v1/compliance/summary", nil, anyStaff},
	{http.MethodPost, "/api/v1/auth/password", "/api/v1/auth/password", map[string]string{"old": "not-it", "new": "una-clave-larga"}, anyStaff},
	{http.MethodGet, "/api/v1/drafts", "/api/v1/drafts", nil, courseWrite},
	{http.MethodPost, "/api/v1/drafts", "/api/v1/drafts", map[string]string{"course_id": "curso-nuevo", "title": "Curso nuevo"}, courseWrite},
	{http.MethodPost, "/api/v1/drafts/import", "/api/v1/drafts/import", []byte("not a zip"), courseWrite},
	{http.MethodGet, "/api/v1/drafts/D1", "/api/v1/drafts/:id", nil, courseWrite},
	{http.MethodGet, "/api/v1/drafts/D1/files/course.yaml", "/api/v1/drafts/:id/files/*", nil, courseWrite},
	{http.MethodPut, "/api/v1/drafts/D1/files/course.yaml", "/api/v1/drafts/:id/files/*", []byte("id: x\n"), courseWrite},
	{http.MethodDelete, "/api/v1/drafts/D1/files/quiz.yaml", "/api/v1/drafts/:id/files/*", nil, courseWrite},
	{http.MethodGet, "/api/v1/drafts/D1/lint", "/api/v1/drafts/:id/lint", nil, courseWrite},
	{http.MethodGet, "/api/v1/drafts/D1/zip", "/api/v1/drafts/:id/zip", nil, courseWrite},
	{http.MethodGet, "/api/v1/drafts/D1/diff", "/api/v1/drafts/:id/diff", nil, courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/preview", "/api/v1/drafts/:id/preview", map[string]string{"path": "lessons/01-a.md"}, courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/reorder", "/api/v1/drafts/:id/reorder", map[string]any{"lessons": []string{"01-a"}}, courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/gift", "/api/v1/drafts/:id/gift", "::q1:: 2+2 = 4 {T}", courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/submit", "/api/v1/drafts/:id/submit", nil, courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/approve", "/api/v1/drafts/:id/approve", nil, courseWrite},
	{http.MethodPost, "/api/v1/drafts/D1/return", "/api/v1/drafts/:id/return", map[string]string{"comment": "Revise la lección 2"}, courseWrite},
	{http.MethodPost, "/api/v1/auth/logout", "/api/v1/auth/logout", nil, anyStaff}, // last: it ends the trainer's token
}

// publicAPI lists the API routes anyone may call.
var publicAPI = []string{"POST /api/v1/auth/login", "GET /api/v1/verify/:code", "GET /api/v1/open-data/coverage",
	"GET /api/v1/status-lists/:n", "GET /api/v1/issuer"}

// Role sets, as in routes.go.
var (
	anyStaff      = []string{"admin", "coordinator", "trainer", "auditor"}
	adminOnly     = []string{"admin"}
	adminRead     = []string{"admin", "auditor"}
	orgRead       = []string{"admin", "coordinator", "auditor"}
	orgWrite      = []string{"admin", "coordinator"}
	courseWrite   = []string{"admin", "trainer"}
	workshopWrite = []string{"admin", "coordinator", "trainer"}
)

// nodeAPI lists the routes for station nodes: a one-time token, then the node's signature. The
// sync tests (server/internal/syncer, client-node/internal/syncer) cover them end to end.
var nodeAPI = []string{"POST /api/v1/nodes/enroll", "POST /api/v1/sync", "GET /api/v1/sync/blobs/:sha"}

// TestAPIRouteTableCovered keeps protectedAPI and publicAPI in step with routes.go: a new API
// route must be added to these tests.
func TestAPIRouteTableCovered(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		ec, ok := e.handler.(*echo.Echo)
		if !ok {
			// Failing, not skipping: a wrapped handler would otherwise silently stop this check.
			t.Fatalf("handler is %T, not *echo.Echo: this test can no longer list the API routes; reach the echo router another way", e.handler)
		}
		var got []string
		for _, r := range ec.Routes() {
			if strings.HasPrefix(r.Path, "/api/v1/") && r.Path != "/api/v1/*" {
				got = append(got, r.Method+" "+r.Path)
			}
		}
		want := append(slices.Clone(publicAPI), nodeAPI...)
		for _, r := range protectedAPI {
			want = append(want, r.method+" "+r.pattern)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("API routes in routes.go:\n%s\ncovered by the tests:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestAPIAuthentication: every protected route answers 401 without a valid token (none, garbage,
// expired, signed by another key, unknown account, not a Bearer header), 403 for a trainer on an
// admin-only route, and lets a trainer through on the others.
func TestAPIAuthentication(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		trainer := e.trainerToken()

		now := e.clock.Now()
		expired, err := auth.IssueToken(e.server.Key, web.Issuer, adminUser, "admin", 15*time.Minute, now.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
		forged, _ := auth.IssueToken(otherKey, web.Issuer, adminUser, "admin", 15*time.Minute, now)
		wrongIssuer, _ := auth.IssueToken(e.server.Key, "aula-node", adminUser, "admin", 15*time.Minute, now)
		ghost, _ := auth.IssueToken(e.server.Key, web.Issuer, "ghost", "admin", 15*time.Minute, now)

		bad := map[string]string{
			"no token":        "",
			"garbage":         "Bearer not-a-token",
			"expired":         "Bearer " + expired,
			"other key":       "Bearer " + forged,
			"other issuer":    "Bearer " + wrongIssuer,
			"unknown account": "Bearer " + ghost,
			"basic auth":      "Basic YWRtaW46YWRtaW4tcGFzc3dvcmQtMQ==",
			"lowercase":       "bearer " + admin,
		}
		for _, r := range protectedAPI {
			t.Run(r.method+" "+r.pattern, func(t *testing.T) {
				for name, header := range bad {
					req := apiRequest(t, r.method, r.path, r.body)
					if header != "" {
						req.Header.Set("Authorization", header)
					}
					rec := e.serve(req)
					if rec.Code != http.StatusUnauthorized {
						t.Errorf("%s: status %d, want 401 (%s)", name, rec.Code, rec.Body)
						continue
					}
					jsonError(t, rec)
				}
				rec := e.api(r.method, r.path, trainer, r.body)
				switch {
				case !slices.Contains(r.who, "trainer") && rec.Code != http.StatusForbidden:
					t.Errorf("trainer on a route closed to trainers: %d, want 403 (%s)", rec.Code, rec.Body)
				case !slices.Contains(r.who, "trainer"):
					jsonError(t, rec)
				case rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden:
					t.Errorf("trainer refused on a route open to trainers: %d %s", rec.Code, rec.Body)
				}
			})
		}

		// A token stops working when it expires (15 minutes).
		if rec := e.api(http.MethodGet, "/api/v1/stations", admin, nil); rec.Code != http.StatusOK {
			t.Fatalf("fresh token: %d", rec.Code)
		}
		e.clock.Advance(16 * time.Minute)
		if rec := e.api(http.MethodGet, "/api/v1/stations", admin, nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("token after 16 minutes: %d, want 401", rec.Code)
		}
	})
}

func apiRequest(t *testing.T, method, path string, body any) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	switch b := body.(type) {
	case nil:
	case string:
		buf.WriteString(b)
	case []byte:
		buf.Write(b)
	default:
		buf.WriteString(mustJSON(t, b))
	}
	req := httptest.NewRequest(method, path, &buf)
	req.Header.Set("Content-Type", "application/json")
	return req
}

// TestAPIEndpoints calls every API endpoint successfully and checks what it answers.
func TestAPIEndpoints(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		trainer := e.trainerToken()
		reader := e.auditorToken() // stations, officers and results: not a trainer's (docs/programme.md)

		// Empty lists are JSON arrays, not null.
		for _, p := range []string{"/api/v1/courses", "/api/v1/officers", "/api/v1/attempts", "/api/v1/completions", "/api/v1/certificates"} {
			if rec := e.api(http.MethodGet, p, reader, nil); rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != "[]" {
				t.Errorf("GET %s on an empty center: %d %s, want 200 []", p, rec.Code, rec.Body)
			}
		}

		e.seedResults(admin)

		type object = map[string]any
		type list = []map[string]any
		tests := []struct {
			name, method, path string
			token              string
			body               any
			status             int
			check              func(t *testing.T, rec *httptest.ResponseRecorder)
		}{
			{"courses", http.MethodGet, "/api/v1/courses", trainer, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 1 || out[0]["course_id"] != sampleCourse || out[0]["version"] != 1.0 || out[0]["published_by"] != adminUser {
					t.Errorf("courses: %s", rec.Body)
				}
				if title, _ := out[0]["title"].(object); title["es"] != "Curso de prueba" || title["en"] != "Test course" {
					t.Errorf("course title: %v", out[0]["title"])
				}
			}},
			{"courses of another course", http.MethodGet, "/api/v1/courses?course=otro", trainer, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				if strings.TrimSpace(rec.Body.String()) != "[]" {
					t.Errorf("filtered courses: %s", rec.Body)
				}
			}},
			{"course version with answer key", http.MethodGet, "/api/v1/courses/curso-de-prueba/1", trainer, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out struct {
					Version   object
					Manifest  object
					Questions []object
				}
				decode(t, rec, &out)
				if out.Version["course_id"] != sampleCourse || out.Manifest["course_id"] != sampleCourse || len(out.Manifest["files"].([]any)) != 7 {
					t.Errorf("version/manifest: %s", rec.Body)
				}
				byID := map[string]object{}
				for _, q := range out.Questions {
					byID[q["id"].(string)] = q
				}
				if len(byID) != 7 {
					t.Fatalf("questions: %d, want 7", len(byID))
				}
				if c := mustJSON(t, byID["una-opcion"]["correct_options"]); c != "[0]" {
					t.Errorf("single correct_options = %s", c)
				}
				if c := mustJSON(t, byID["varias-opciones"]["correct_options"]); c != "[0,2]" {
					t.Errorf("multiple correct_options = %s", c)
				}
				if byID["verdadero-falso"]["answer"] != true {
					t.Errorf("true_false answer = %v", byID["verdadero-falso"]["answer"])
				}
				if a := mustJSON(t, byID["numero"]["answer"]); a != `{"tolerance":0,"value":48}` {
					t.Errorf("numeric answer = %s", a)
				}
			}},
			{"stations", http.MethodGet, "/api/v1/stations", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 2 || out[0]["code"] != "CCS-01" || out[0]["officers"] != 2.0 || out[1]["code"] != "MCB-02" || out[1]["officers"] != 1.0 {
					t.Errorf("stations: %s", rec.Body)
				}
				if out[0]["enrollment_expires_at"] == nil || out[0]["last_sync_at"] != nil {
					t.Errorf("station sync state: %v", out[0])
				}
			}},
			{"create station", http.MethodPost, "/api/v1/stations", admin, map[string]string{"code": " val-03 ", "name": " Valencia Sur "}, 201, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out struct {
					Station object
					Token   string `json:"enrollment_token"`
				}
				decode(t, rec, &out)
				if out.Station["code"] != "VAL-03" || out.Station["name"] != "Valencia Sur" || len(out.Token) < 20 {
					t.Errorf("created station: %s", rec.Body)
				}
			}},
			{"officers", http.MethodGet, "/api/v1/officers", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 3 {
					t.Errorf("officers: %s", rec.Body)
				}
				for _, o := range out {
					if _, ok := o["pin"]; ok {
						t.Errorf("an officer's PIN is in the API: %v", o)
					}
				}
			}},
			{"officers by station", http.MethodGet, "/api/v1/officers?station=MCB-02", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 1 || out[0]["badge"] != "PNB-1003" || out[0]["station"] != "MCB-02" {
					t.Errorf("officers at MCB-02: %s", rec.Body)
				}
			}},
			{"officers by name", http.MethodGet, "/api/v1/officers?q=N%C3%BA%C3%B1ez", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 1 || out[0]["family_names"] != "Núñez" {
					t.Errorf("officers named Núñez: %s", rec.Body)
				}
			}},
			{"officer", http.MethodGet, "/api/v1/officers/PNB-1001", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out struct {
					Officer      object
					Postings     list
					Attempts     list
					Certificates list
				}
				decode(t, rec, &out)
				if out.Officer["given_names"] != "María José" || len(out.Postings) != 1 || len(out.Attempts) != 3 || len(out.Certificates) != 1 {
					t.Errorf("officer: %s", rec.Body)
				}
			}},
			{"attempts", http.MethodGet, "/api/v1/attempts", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if ids := idsOf(out); ids != "A4 A3 A2 A1" {
					t.Errorf("attempts (newest first) = %s", ids)
				}
				want := []string{"id", "badge", "course_id", "course_version", "score", "passed", "station", "submitted_at"}
				for _, k := range want {
					if _, ok := out[0][k]; !ok {
						t.Errorf("attempt without %q: %v", k, out[0])
					}
				}
			}},
			{"attempts by badge", http.MethodGet, "/api/v1/attempts?badge=PNB-1001", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if ids := idsOf(out); ids != "A3 A2 A1" {
					t.Errorf("attempts of PNB-1001 = %s", ids)
				}
			}},
			{"attempts by station and course", http.MethodGet, "/api/v1/attempts?station=MCB-02&course=curso-de-prueba", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if ids := idsOf(out); ids != "A4" {
					t.Errorf("attempts at MCB-02 = %s", ids)
				}
			}},
			{"completions", http.MethodGet, "/api/v1/completions", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if ids := idsOf(out); ids != "A4 A2" {
					t.Errorf("completions (first pass per officer and version) = %s", ids)
				}
			}},
			{"certificates", http.MethodGet, "/api/v1/certificates", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 2 || out[0]["id"] != "C1" || out[0]["status"] != "valid" || out[1]["status"] != "expired" || out[0]["code"] != "VALID00001" {
					t.Errorf("certificates: %s", rec.Body)
				}
			}},
			{"certificates by badge", http.MethodGet, "/api/v1/certificates?badge=PNB-1003&course=curso-de-prueba", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if ids := idsOf(out); ids != "C2" {
					t.Errorf("certificates of PNB-1003 = %s", ids)
				}
			}},
			{"revoke", http.MethodPost, "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Fraude comprobado"}, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out object
				decode(t, rec, &out)
				if out["status"] != "revoked" || out["reason"] != "Fraude comprobado" || out["revoked_at"] == nil {
					t.Errorf("revoke: %s", rec.Body)
				}
			}},
			{"certificate shows revoked", http.MethodGet, "/api/v1/certificates?badge=PNB-1001", reader, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 1 || out[0]["status"] != "revoked" {
					t.Errorf("after revoking: %s", rec.Body)
				}
			}},
			{"staff", http.MethodGet, "/api/v1/staff", admin, nil, 200, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out list
				decode(t, rec, &out)
				if len(out) != 3 || out[0]["username"] != adminUser || out[1]["role"] != "auditor" || out[2]["role"] != "trainer" {
					t.Errorf("staff: %s", rec.Body)
				}
				mustNotContain(t, "staff list", rec.Body.String(), "argon2", "password")
			}},
			{"create staff", http.MethodPost, "/api/v1/staff", admin, map[string]string{"username": "ana.perez", "role": "trainer", "password": "una-clave-larga"}, 201, func(t *testing.T, rec *httptest.ResponseRecorder) {
				var out map[string]string
				decode(t, rec, &out)
				if out["username"] != "ana.perez" || out["role"] != "trainer" {
					t.Errorf("created staff: %s", rec.Body)
				}
				if tok := e.login("ana.perez", "una-clave-larga"); tok == "" {
					t.Error("the new account cannot log in")
				}
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := e.api(tt.method, tt.path, tt.token, tt.body)
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
				}
				tt.check(t, rec)
			})
		}
	})
}

func idsOf(list []map[string]any) string {
	var ids []string
	for _, x := range list {
		id, _ := x["id"].(string)
		ids = append(ids, id)
	}
	return strings.Join(ids, " ")
}
