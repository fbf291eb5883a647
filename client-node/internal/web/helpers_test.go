package web_test

// The station node under test: a store with the sample course and the test roster, the web layer
// on a real HTTP server, and one clock for both that the tests move forward; the officers' JSON
// API (Bearer token); the right answers of the sample course. The form client is in client_test.go.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/store"
	"aula/client-node/internal/web"
	"aula/courses"
	"aula/courses/coursepkg"
)

const sampleID = "curso-de-prueba"

// clock is the injected time of the node and its store.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// node is a running station node.
type node struct {
	t   *testing.T
	st  *store.Store
	clk *clock
	url string
}

func newNode(t *testing.T, withCatalog bool) *node { return newNodeWith(t, withCatalog, nil) }

// newNodeWith is newNode with a change to the web server's settings before it starts.
func newNodeWith(t *testing.T, withCatalog bool, configure func(*web.Server)) *node {
	t.Helper()
	st := nodetest.Store(t, withCatalog)
	clk := &clock{now: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	st.SetClock(clk.Now)
	srv := &web.Server{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clk.Now}
	if configure != nil {
		configure(srv)
	}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &node{t: t, st: st, clk: clk, url: ts.URL}
}

// api sends a JSON request (body nil: none) and returns the status and the raw body.
func (n *node) api(method, path, token string, body any) (int, []byte) {
	n.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			n.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, n.url+path, rd)
	if err != nil {
		n.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		n.t.Fatal(err)
	}
	return resp.StatusCode, data
}

// apiOK sends a request that must answer want, and decodes the body into out (when not nil).
func (n *node) apiOK(want int, method, path, token string, body, out any) {
	n.t.Helper()
	code, data := n.api(method, path, token, body)
	if code != want {
		n.t.Fatalf("%s %s: status %d, want %d: %s", method, path, code, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			n.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
}

// apiError checks that a request fails with status want and an {"error", "code"} body; it returns
// the message.
func (n *node) apiError(want int, method, path, token string, body any) string {
	n.t.Helper()
	code, data := n.api(method, path, token, body)
	var e map[string]string
	if code != want || json.Unmarshal(data, &e) != nil || e["error"] == "" || e["code"] == "" || len(e) != 2 {
		n.t.Fatalf("%s %s: got %d %s, want %d with {\"error\": ..., \"code\": ...}", method, path, code, data, want)
	}
	return e["error"]
}

// login logs an officer in through the API and returns the token.
func (n *node) login(badge, pin string) string {
	n.t.Helper()
	var out struct{ Token string }
	n.apiOK(http.StatusOK, "POST", "/api/v1/session", "", map[string]string{"badge": badge, "pin": pin}, &out)
	if out.Token == "" {
		n.t.Fatal("login: no token")
	}
	return out.Token
}

// choiceJSON, questionJSON and attemptJSON are the paper as the API sends it.
type choiceJSON struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type questionJSON struct {
	ID      string       `json:"id"`
	Type    string       `json:"type"`
	Prompt  string       `json:"prompt"`
	Points  int          `json:"points"`
	Options []choiceJSON `json:"options"`
	Items   []choiceJSON `json:"items"`
	Left    []choiceJSON `json:"left"`
	Right   []choiceJSON `json:"right"`
}

type attemptJSON struct {
	AttemptID     string                     `json:"attempt_id"`
	CourseID      string                     `json:"course_id"`
	CourseVersion int                        `json:"course_version"`
	Deadline      *string                    `json:"deadline"`
	Questions     []questionJSON             `json:"questions"`
	Saved         map[string]json.RawMessage `json:"saved"`
}

// submitJSON is the answer of POST /api/v1/attempts/{id}/submit.
type submitJSON struct {
	Score         float64 `json:"score"`
	Passed        bool    `json:"passed"`
	CertificateID *string `json:"certificate_id"`
	TimedOut      bool    `json:"timed_out"`
}

// startAttempt starts (want 201) or resumes (want 200) an attempt through the API.
func (n *node) startAttempt(token, courseID string, want int) attemptJSON {
	n.t.Helper()
	var a attemptJSON
	n.apiOK(want, "POST", "/api/v1/courses/"+courseID+"/attempts", token, nil, &a)
	return a
}

// byText returns the id of the choice with this text.
func byText(t *testing.T, cs []choiceJSON, text string) string {
	t.Helper()
	for _, c := range cs {
		if c.Text == text {
			return c.ID
		}
	}
	t.Fatalf("no choice %q among %v", text, cs)
	return ""
}

// Right answers of the sample course, by the Spanish texts of courses/testdata/sample/quiz.yaml.
var (
	sampleMatch = [][2]string{{"1", "uno"}, {"2", "dos"}, {"3", "tres"}}
	sampleOrder = []string{"uno", "dos", "tres", "cuatro"}
)

// sampleResponse is the right API response to a question of the sample course.
func sampleResponse(t *testing.T, q questionJSON) any {
	t.Helper()
	switch q.Type {
	case courses.Single:
		return byText(t, q.Options, "Caracas")
	case courses.Multiple:
		return []string{byText(t, q.Options, "dos"), byText(t, q.Options, "cuatro")}
	case courses.TrueFalse:
		return true
	case courses.Matching:
		m := map[string]string{}
		for _, p := range sampleMatch {
			m[byText(t, q.Left, p[0])] = byText(t, q.Right, p[1])
		}
		return m
	case courses.Ordering:
		var ids []string
		for _, s := range sampleOrder {
			ids = append(ids, byText(t, q.Items, s))
		}
		return ids
	case courses.Short:
		return "24 horas"
	case courses.Numeric:
		return 48
	}
	t.Fatalf("unknown question type %q", q.Type)
	return nil
}

// sampleForm is the right answer to a question page of the sample course, as the form sends it.
// The numeric answer is written with a decimal comma, as Venezuelan keyboards do.
func sampleForm(t *testing.T, q questionJSON) url.Values {
	t.Helper()
	f := url.Values{}
	switch q.Type {
	case courses.Single, courses.Short:
		f.Set("a", sampleResponse(t, q).(string))
	case courses.Multiple:
		f["a"] = sampleResponse(t, q).([]string)
	case courses.TrueFalse:
		f.Set("a", "true")
	case courses.Matching:
		for l, r := range sampleResponse(t, q).(map[string]string) {
			f.Set("m_"+l, r)
		}
	case courses.Ordering:
		for i, id := range sampleResponse(t, q).([]string) {
			f.Set("o_"+id, strconv.Itoa(i+1))
		}
	case courses.Numeric:
		f.Set("a", "48,0")
	}
	return f
}

// readCourse reads a course package: the sample course ("") or a starter course.
func readCourse(t *testing.T, name string) *courses.Course {
	t.Helper()
	var pkg *coursepkg.Package
	var problems coursepkg.Problems
	if name == "" {
		pkg, problems = coursepkg.Read(os.DirFS(nodetest.SampleDir()), "sample")
	} else {
		fsys, err := courses.StarterCourse(name)
		if err != nil {
			t.Fatal(err)
		}
		pkg, problems = coursepkg.Read(fsys, name)
	}
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return pkg.Course
}

// paper rebuilds an attempt's paper from the store, as the node does (the secret never leaves it).
func (n *node) paper(attemptID string, c *courses.Course) *courses.Paper {
	n.t.Helper()
	a, err := n.st.FindAttempt(context.Background(), attemptID)
	if err != nil {
		n.t.Fatal(err)
	}
	return courses.BuildPaper(c.Quiz, courses.AttemptSeed(a.ID, a.Secret))
}

// attempt returns an attempt as stored.
func (n *node) attempt(id string) *store.Attempt {
	n.t.Helper()
	a, err := n.st.FindAttempt(context.Background(), id)
	if err != nil {
		n.t.Fatal(err)
	}
	return a
}

// answers returns the answers stored for an attempt.
func (n *node) answers(id string) map[string]json.RawMessage {
	n.t.Helper()
	ans, err := n.st.Answers(context.Background(), id)
	if err != nil {
		n.t.Fatal(err)
	}
	return ans
}
