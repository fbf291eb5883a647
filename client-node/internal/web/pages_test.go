package web_test

import (
	"crypto/ed25519"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"aula/client-node/internal/nodetest"
	"aula/courses"
)

// installVariant installs a copy of the sample course under another id with another review
// setting.
func (n *node) installVariant(id, review string) {
	n.t.Helper()
	src := os.DirFS(nodetest.SampleDir())
	m := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		switch p {
		case "course.yaml":
			data = []byte(strings.Replace(string(data), "id: "+sampleID, "id: "+id, 1))
		case "quiz.yaml":
			data = []byte(strings.Replace(string(data), "review: answers", "review: "+review, 1))
		}
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		n.t.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(nil)
	nodetest.Install(n.t, n.st, m, key)
}

// answerSample answers every question of an attempt through the forms: right, except the
// questions of the types in wrong, which get a wrong answer.
func (c *client) answerSample(id string, wrong map[string]url.Values) {
	c.n.t.Helper()
	for i := 1; i <= 7; i++ {
		q, _ := c.question(id, i)
		f := sampleForm(c.n.t, q)
		if w, ok := wrong[q.Type]; ok {
			f = w
			if q.Type == courses.Single {
				f = url.Values{"a": {byText(c.n.t, q.Options, "Maracaibo")}}
			}
		}
		resp, body := c.post(qPath(id, i), f)
		expectRedirect(c.n.t, resp, body, "/attempts/")
	}
	resp, body := c.post("/attempts/"+id+"/submit", nil)
	expectRedirect(c.n.t, resp, body, "/attempts/"+id+"/result")
}

// The result page honours the quiz's review setting: "answers" shows each question with the
// officer's answer, the right one where it differs, the feedback and the explanation; "score"
// shows the score only; "none" only says the quiz was recorded. A second submit is refused.
func TestResultReview(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	n.installVariant("curso-solo-nota", courses.ReviewScore)
	n.installVariant("curso-sin-revision", courses.ReviewNone)
	c := n.client()
	c.login("PNB-1", "1234")
	tok := n.login("PNB-1", "1234")
	wrong := map[string]url.Values{courses.Single: nil, courses.Numeric: {"a": {"47"}}}

	id := c.startForm(sampleID)
	c.answerSample(id, wrong)
	resp, page := c.get("/attempts/" + id + "/result")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("result: %d\n%s", resp.StatusCode, page)
	}
	course := readCourse(t, "")
	want := []string{"¡Aprobado!", "Su nota: 75 % (se aprueba con 70 %)", "Sus respuestas",
		"Su respuesta: Maracaibo", "Respuesta correcta: Caracas", "Es otra ciudad.", "Su respuesta: 47", "Respuesta correcta: 48"}
	for _, q := range course.Quiz.Questions {
		want = append(want, q.Explanation["es"], q.Prompt["es"])
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("result page without %q", w)
		}
	}
	if got := strings.Count(page, "Respuesta correcta:"); got != 2 {
		t.Errorf("the right answer shown for %d questions, want the 2 wrong ones", got)
	}
	msg := n.apiError(http.StatusConflict, "POST", attemptPath(id, "/submit"), tok, map[string]any{"responses": map[string]any{}})
	if !strings.Contains(msg, "ya fue entregada") {
		t.Errorf("second submit: %q", msg)
	}
	resp, body := c.post("/attempts/"+id+"/submit", nil)
	expectRedirect(t, resp, body, "/attempts/"+id+"/result")
	if a := n.attempt(id); a.Score != 75 {
		t.Errorf("the second submit changed the score to %v", a.Score)
	}

	id = c.startForm("curso-solo-nota")
	c.answerSample(id, wrong)
	_, page = c.get("/attempts/" + id + "/result")
	if !strings.Contains(page, "Su nota: 75 %") || strings.Contains(page, "Sus respuestas") ||
		strings.Contains(page, "Caracas") || strings.Contains(page, course.Quiz.Questions[0].Explanation["es"]) {
		t.Errorf("review: score shows more than the score:\n%s", page)
	}

	id = c.startForm("curso-sin-revision")
	c.answerSample(id, wrong)
	_, page = c.get("/attempts/" + id + "/result")
	if !strings.Contains(page, "Su evaluación quedó registrada") || strings.Contains(page, "75 %") ||
		strings.Contains(page, "Aprobado") || strings.Contains(page, "Sus respuestas") {
		t.Errorf("review: none shows a result:\n%s", page)
	}
}

var reAsset = regexp.MustCompile(`(?:src|href)="(/(?:static|media)/[^"]+)"`)

// Stations have slow links and old PCs: every page stays under 100 KB.
func TestPageSizes(t *testing.T) {
	t.Parallel()
	const limit = 100 * 1024
	n := newNode(t, true)
	c := n.client()
	c.login("PNB-1", "1234")
	assets := map[string]int{}
	check := func(path string) {
		t.Helper()
		resp, body := c.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", path, resp.StatusCode, body)
		}
		if len(body) >= limit {
			t.Errorf("%s is %d bytes, over 100 KB", path, len(body))
		}
		// With what the page loads (style, script, icon, lesson images), for the log.
		total := len(body)
		for _, m := range reAsset.FindAllStringSubmatch(body, -1) {
			if _, ok := assets[m[1]]; !ok {
				resp, data := c.get(m[1])
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s loads %s: %d", path, m[1], resp.StatusCode)
				}
				assets[m[1]] = len(data)
			}
			total += assets[m[1]]
		}
		t.Logf("%6d bytes (%6d with what it loads)  %s", len(body), total, path)
	}
	check("/")
	for _, name := range append([]string{""}, courses.StarterNames...) {
		cr := readCourse(t, name)
		check("/courses/" + cr.ID)
		for _, l := range cr.Lessons {
			check("/courses/" + cr.ID + "/lessons/" + l.ID)
		}
		check("/courses/" + cr.ID + "/quiz")
	}
	id := c.startForm(sampleID)
	for i := 1; i <= 7; i++ {
		check(qPath(id, i))
	}
	c.answerSample(id, nil)
	check("/attempts/" + id + "/result")
	check("/") // with a passed course
}

// A lesson's images load from the station's copy of the course, for a logged-in officer only;
// nothing but media files is served that way (quiz.yaml holds the answers).
func TestLessonMedia(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.login("PNB-1", "1234")
	_, page := c.get("/courses/" + sampleID + "/lessons/01-bienvenida")
	m := reAsset.FindAllStringSubmatch(page, -1)
	var img string
	for _, x := range m {
		if strings.HasPrefix(x[1], "/media/") {
			img = x[1]
		}
	}
	if img == "" {
		t.Fatalf("the lesson shows no image:\n%s", page)
	}
	resp, body := c.get(img)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("lesson image %s: %d %q %q", img, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"))
	}
	for _, p := range []string{"quiz.yaml", "../quiz.yaml", "%2e%2e/quiz.yaml", "course.yaml", "lessons/01-bienvenida.md"} {
		if resp, body := c.get("/media/" + sampleID + "/1/" + p); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "correct") {
			t.Errorf("/media/.../%s: %d, want 404", p, resp.StatusCode)
		}
	}
	if resp, _ := n.client().get(img); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("lesson image without a session: %d, want 401", resp.StatusCode)
	}
	// Opening the lesson is the officer's place in the course; reading it to the end (the button
	// at its foot) marks it read and moves to the next lesson.
	if _, page := c.get("/courses/" + sampleID); strings.Contains(page, "✔") || !strings.Contains(page, "(aquí se quedó)") {
		t.Errorf("the course page does not show the place, or shows an opened lesson as read:\n%s", page)
	}
	resp, body = c.post("/courses/"+sampleID+"/lessons/01-bienvenida/read", nil)
	expectRedirect(t, resp, body, "/courses/"+sampleID+"/lessons/02-repaso")
	if _, page := c.get("/courses/" + sampleID); !strings.Contains(page, "✔") {
		t.Errorf("the course page does not show the lesson read:\n%s", page)
	}
}
