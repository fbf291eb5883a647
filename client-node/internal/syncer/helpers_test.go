package syncer

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
)

var (
	tokensMu sync.Mutex
	tokens   = map[string]string{}
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// enrolled returns a node enrolled with a fresh center (real aula-server process) and synced once.
func enrolled(t *testing.T) (*e2e.Center, *Node) { return enrolledTB(t) }

func enrolledTB(t testing.TB) (*e2e.Center, *Node) {
	t.Helper()
	c := e2e.NewCenter(t)
	return c, enrollNode(t, c, c.Token)
}

// enrollNode enrolls a new node (its own data folder) with a station's token and syncs it once.
func enrollNode(t testing.TB, c *e2e.Center, token string) *Node { return enrollWith(t, c, token, nil) }

// enrollWith is enrollNode with the node's HTTP client (nil: the default one) set before its
// first sync.
func enrollWith(t testing.TB, c *e2e.Center, token string, client *http.Client) *Node {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, _, err := Enroll(context.Background(), st, dir, c.URL, token, http.DefaultClient); err != nil {
		t.Fatal(err)
	}
	n, err := Open(context.Background(), st, dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if client != nil {
		n.HTTP = client
	}
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	return n
}

// takeAttempt makes an officer take the sample quiz on the node, answering every question with
// the first choice (or a fixed value), and returns the node's score.
func takeAttempt(t testing.TB, st *store.Store, badge string, salt int) float64 {
	t.Helper()
	q := sampleQuiz(t, st)
	a, _, err := st.StartAttempt(context.Background(), badge, "curso-de-prueba", 1, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	paper := courses.BuildPaper(q, courses.AttemptSeed(a.ID, a.Secret))
	resp := map[string]json.RawMessage{}
	for i, pq := range paper.Questions {
		var val any
		switch pq.Type {
		case courses.Single:
			val = pq.Options[(i+salt)%len(pq.Options)].ID
		case courses.Multiple:
			val = []string{pq.Options[salt%len(pq.Options)].ID}
		case courses.TrueFalse:
			val = salt%2 == 0
		case courses.Ordering:
			ids := []string{}
			for _, it := range pq.Items {
				ids = append(ids, it.ID)
			}
			val = ids
		case courses.Matching:
			val = map[string]string{pq.Left[0].ID: pq.Right[salt%len(pq.Right)].ID}
		case courses.Short:
			val = []string{"24 horas", "veinticuatro"}[salt%2]
		case courses.Numeric:
			val = 48 - salt%2
		}
		b, _ := json.Marshal(val)
		resp[pq.ID] = b
	}
	res := courses.Score(q, paper, resp)
	if err := st.FinishAttempt(context.Background(), a, resp, paper.CanonicalJSON(resp), res, false, nil); err != nil {
		t.Fatal(err)
	}
	return res.Score
}

var (
	quizzesMu sync.Mutex
	quizzes   = map[*store.Store]*courses.Quiz{}
)

// sampleQuiz returns the quiz of the sample course's version 1 installed in st, read once per
// store (an installed version never changes).
func sampleQuiz(t testing.TB, st *store.Store) *courses.Quiz {
	t.Helper()
	quizzesMu.Lock()
	defer quizzesMu.Unlock()
	if q := quizzes[st]; q != nil {
		return q
	}
	v, err := st.FindVersion(context.Background(), "curso-de-prueba", 1)
	if err != nil {
		t.Fatal(err)
	}
	files, err := st.VersionFiles(context.Background(), v.ID)
	if err != nil {
		t.Fatal(err)
	}
	pkg, problems := coursepkg.ReadFiles(files, "x")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	quizzes[st] = pkg.Course.Quiz
	return pkg.Course.Quiz
}

// centerToken returns an administrator's API token for the center, logging in once per center
// (the center rate-limits logins from one address).
func centerToken(t testing.TB, c *e2e.Center) string {
	t.Helper()
	tokensMu.Lock()
	defer tokensMu.Unlock()
	if tok := tokens[c.URL]; tok != "" {
		return tok
	}
	resp, err := http.Post(c.URL+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"admin","password":"una clave larga"}`))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	if login.Token == "" {
		t.Fatalf("center login: %d, no token", resp.StatusCode)
	}
	tokens[c.URL] = login.Token
	return login.Token
}

// centerAttempts lists the attempts the center holds (through its API).
func centerAttempts(t testing.TB, c *e2e.Center) []struct {
	ID     string  `json:"id"`
	Badge  string  `json:"badge"`
	Score  float64 `json:"score"`
	Passed bool    `json:"passed"`
} {
	t.Helper()
	tok := centerToken(t, c)
	req, _ := http.NewRequest("GET", c.URL+"/api/v1/attempts", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []struct {
		ID     string  `json:"id"`
		Badge  string  `json:"badge"`
		Score  float64 `json:"score"`
		Passed bool    `json:"passed"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}
