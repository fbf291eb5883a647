package web_test

// Tests of the center's HTTP layer against a real SQLite store in a temporary folder. The server
// is assembled as app.go does it; requests go straight to its http.Handler through httptest.
//
// Files: web_test.go (this harness, health), client_test.go (the browser client), api_test.go
// (API authentication, roles, every endpoint), validation_test.go (4xx answers, body limits),
// login_test.go (lockout, rate limit), officers_test.go (roster import), courses_test.go
// (publishing), ui_test.go (sessions, CSRF, headers, roles), pages_test.go (UI forms, preview,
// uploads), verify_test.go (public verification).

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/server/internal/publish"
	"aula/server/internal/store"
	"aula/server/internal/web"
	"aula/sync/auth"
)

// Accounts every test center has.
const (
	adminUser    = "admin"
	adminPass    = "admin-password-1"
	trainerUser  = "trainer"
	trainerPass  = "trainer-password-1"
	sampleCourse = "curso-de-prueba"
)

// sampleDir is the sample course the tests publish.
var sampleDir = filepath.Join("..", "..", "..", "courses", "testdata", "sample")

// clock is a settable clock shared by the server, the store and the publisher.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// logBuffer collects the server's log so a test can prove no request failed internally.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}
func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.buf.String() }

// env is one center under test.
type env struct {
	t       *testing.T
	dir     string
	store   *store.Store
	server  *web.Server
	handler http.Handler
	clock   *clock
	log     *logBuffer
	ips     int
}

// staffHashes hashes the test accounts' passwords once per test process: argon2id is slow on
// purpose, and every center under test has the same two accounts.
var staffHashes = sync.OnceValues(func() (map[string]string, error) {
	out := map[string]string{}
	for _, pass := range []string{adminPass, trainerPass} {
		h, err := auth.HashSecret(pass)
		if err != nil {
			return nil, err
		}
		out[pass] = h
	}
	return out, nil
})

// newEnv boots a center on a temporary folder with an admin and a trainer account and two
// stations (CCS-01, MCB-02). No officers, no courses.
func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	key, err := auth.LoadOrCreateKey(filepath.Join(dir, "center.key"))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: time.Now().UTC().Truncate(time.Second)}
	st.SetClock(clk.Now)
	logs := &logBuffer{}
	srv := &web.Server{
		Store:     st,
		Publisher: &publish.Publisher{Store: st, Key: key, Now: clk.Now},
		Key:       key,
		Log:       slog.New(slog.NewTextHandler(logs, nil)),
		Now:       clk.Now,
		PublicURL: "https://aula.example",
	}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: dir, store: st, server: srv, handler: h, clock: clk, log: logs}
	hashes, err := staffHashes()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct{ user, role, pass string }{{adminUser, store.RoleAdmin, adminPass}, {trainerUser, store.RoleTrainer, trainerPass}} {
		if _, err := st.CreateStaff(context.Background(), a.user, a.role, hashes[a.pass]); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range [][2]string{{"CCS-01", "Caracas Centro"}, {"MCB-02", "Maracaibo Norte"}} {
		if _, err := st.CreateStation(context.Background(), s[0], s[1], auth.HashToken(auth.RandomToken(24)), "test"); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), "level=ERROR") {
			t.Errorf("the server logged an internal error:\n%s", logs.String())
		}
	})
	return e
}

// nextIP returns a fresh client address, so the per-address login rate limit does not mix
// unrelated logins of one test.
func (e *env) nextIP() string {
	e.ips++
	return fmt.Sprintf("10.1.%d.%d:40000", e.ips/250, e.ips%250+1)
}

// serve runs one request. Bad input must never cause a 5xx: every response is checked.
func (e *env) serve(req *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code >= 500 {
		e.t.Errorf("%s %s: status %d (a server error), body: %.500s", req.Method, req.URL, rec.Code, rec.Body.String())
	}
	return rec
}

// api sends a JSON API request. body may be nil, a string or []byte (sent as is) or a value
// (sent as JSON). token may be empty.
func (e *env) api(method, path, token string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	req := apiRequest(e.t, method, path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.serve(req)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// login returns an API token for an account, from a fresh address.
func (e *env) login(user, pass string) string {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, pass)))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = e.nextIP()
	rec := e.serve(req)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", user, rec.Code, rec.Body)
	}
	var out struct{ Token string }
	decode(e.t, rec, &out)
	if out.Token == "" {
		e.t.Fatalf("login %s: no token in %s", user, rec.Body)
	}
	return out.Token
}

func (e *env) adminToken() string   { return e.login(adminUser, adminPass) }
func (e *env) trainerToken() string { return e.login(trainerUser, trainerPass) }

// auditorToken adds a read-only auditor account ("auditor", the admin's password) and logs in.
func (e *env) auditorToken() string {
	e.t.Helper()
	hashes, _ := staffHashes()
	if _, err := e.store.CreateStaffIn(context.Background(), "auditor", store.RoleAuditor, "", hashes[adminPass]); err != nil {
		e.t.Fatal(err)
	}
	return e.login("auditor", adminPass)
}

// importCSV imports officers through the API as the admin and fails the test unless it works.
func (e *env) importCSV(token, csv string) map[string]int {
	e.t.Helper()
	rec := e.api(http.MethodPost, "/api/v1/officers/import", token, csv)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	var out map[string]int
	decode(e.t, rec, &out)
	return out
}

// rosterCSV is a good roster: three officers on two stations.
const rosterCSV = "badge,given_names,family_names,rank,station_code,pin\n" +
	"PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
	"PNB-1002,Luis,D'Angelo,Sgto. 1ro,CCS-01,7395\n" +
	"PNB-1003,Ana,Núñez,Inspectora,mcb-02,97153\n"

// publishSample publishes the sample course (version 1) through the API.
func (e *env) publishSample(token string) {
	e.t.Helper()
	rec := e.api(http.MethodPost, "/api/v1/courses", token, sampleZip(e.t, "", nil))
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("publish sample: %d %s", rec.Code, rec.Body)
	}
}

// db opens the store's database file directly, for rows the store cannot insert yet (attempts
// and certificates arrive by sync). The store's sqlitedb registers the "sqlite" driver.
func (e *env) db() *sql.DB {
	e.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "aula-server.db")+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	return db
}

func (e *env) exec(db *sql.DB, q string, args ...any) {
	e.t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		e.t.Fatalf("%s: %v", q, err)
	}
}

// seedResults imports the roster, publishes the sample course and inserts attempts and
// certificates:
//
//	PNB-1001 at CCS-01: a failed attempt, then two passes (one completion), certificate C1 (code VALID00001)
//	PNB-1003 at MCB-02: one pass, certificate C2 (code EXPIRED001), expired yesterday
func (e *env) seedResults(admin string) {
	e.t.Helper()
	e.importCSV(admin, rosterCSV)
	e.publishSample(admin)
	db := e.db()
	now := e.clock.Now()
	ts := func(d time.Duration) string { return now.Add(d).UTC().Format(time.RFC3339) }
	officer := func(badge string) (id, station int64) {
		if err := db.QueryRow(`SELECT id, station_id FROM officers WHERE badge = ?`, badge).Scan(&id, &station); err != nil {
			e.t.Fatal(err)
		}
		return id, station
	}
	o1, s1 := officer("PNB-1001")
	o3, s3 := officer("PNB-1003")
	const att = `INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`
	e.exec(db, att, "A1", o1, s1, sampleCourse, 40.0, 0, ts(-3*time.Hour), ts(-3*time.Hour))
	e.exec(db, att, "A2", o1, s1, sampleCourse, 85.5, 1, ts(-2*time.Hour), ts(-2*time.Hour))
	e.exec(db, att, "A3", o1, s1, sampleCourse, 90.0, 1, ts(-90*time.Minute), ts(-90*time.Minute))
	e.exec(db, att, "A4", o3, s3, sampleCourse, 100.0, 1, ts(-time.Hour), ts(-time.Hour))
	const cert = `INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at) VALUES (?, ?, ?, ?, 1, ?, ?)`
	e.exec(db, cert, "C1", "VALID00001", o1, sampleCourse, ts(-2*time.Hour), ts(365*24*time.Hour))
	e.exec(db, cert, "C2", "EXPIRED001", o3, sampleCourse, ts(-400*24*time.Hour), ts(-24*time.Hour))
}

// decode parses a JSON response body into v.
func decode(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON; body %.300s", ct, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %.300s: %v", rec.Body, err)
	}
}

// jsonError decodes an API error body: {"error": "...", "fields": {...}}.
func jsonError(t *testing.T, rec *httptest.ResponseRecorder) (msg string, fields map[string]string) {
	t.Helper()
	var out struct {
		Error  string            `json:"error"`
		Fields map[string]string `json:"fields"`
	}
	decode(t, rec, &out)
	if out.Error == "" {
		t.Errorf("error response without a message: %s", rec.Body)
	}
	return out.Error, out.Fields
}

// sampleZip zips the sample course. top, when set, puts the files in that folder of the zip (as
// compressing the folder does); edit may change or drop (nil) a file by its path in the course,
// and add files (paths not in the course, keyed with a leading "+").
func sampleZip(t *testing.T, top string, edit map[string][]byte) []byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(sampleDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(sampleDir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range edit {
		name = strings.TrimPrefix(name, "+")
		if data == nil {
			delete(files, name)
		} else {
			files[name] = data
		}
	}
	if top != "" {
		moved := map[string][]byte{}
		for name, data := range files {
			moved[top+"/"+name] = data
		}
		files = moved
	}
	return zipFiles(t, files)
}

// zipFiles writes a zip holding files (names written as given, even unsafe ones).
func zipFiles(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readSample reads a file of the sample course.
func readSample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleDir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// mustContain fails unless body holds every want.
func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q in:\n%.1500s", what, w, body)
		}
	}
}

// mustNotContain fails if body holds any of bad.
func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(body, w) {
			t.Errorf("%s: unexpected %q in:\n%.1500s", what, w, body)
		}
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.serve(httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var out map[string]string
	decode(t, rec, &out)
	if rec.Code != http.StatusOK || out["status"] != "ok" {
		t.Fatalf("healthz: %d %s", rec.Code, rec.Body)
	}
}
