package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"aula/courses"
)

var reAttempt = regexp.MustCompile(`^/attempts/([^/]+)/q/1$`)

// startForm starts (or resumes) the sample quiz through the form and returns the attempt id.
func (c *client) startForm(courseID string) string {
	c.n.t.Helper()
	if resp, body := c.get("/courses/" + courseID + "/quiz"); resp.StatusCode != http.StatusOK {
		c.n.t.Fatalf("quiz page: %d\n%s", resp.StatusCode, body)
	}
	resp, body := c.post("/courses/"+courseID+"/quiz", nil)
	m := reAttempt.FindStringSubmatch(expectRedirect(c.n.t, resp, body, "/attempts/"))
	if m == nil {
		c.n.t.Fatalf("start goes to %s, want the first question", resp.Header.Get("Location"))
	}
	return m[1]
}

func qPath(id string, n int) string { return fmt.Sprintf("/attempts/%s/q/%d", id, n) }

// question opens question n of an attempt and reads it.
func (c *client) question(id string, n int) (questionJSON, string) {
	c.n.t.Helper()
	resp, page := c.get(qPath(id, n))
	if resp.StatusCode != http.StatusOK {
		c.n.t.Fatalf("question %d: %d\n%s", n, resp.StatusCode, page)
	}
	return parseQuestion(c.n.t, page), page
}

// sameJSON compares two JSON values regardless of key order.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// The seven question types through the HTML forms, one page each (name="a", m_<left>, o_<item>,
// _csrf): every answer is saved exactly as the API would send it, and the score is the API's
// 100 %. The numeric answer is typed with a decimal comma.
func TestFormQuizAllTypes(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.login("PNB-1", "1234")
	id := c.startForm(sampleID)
	course := readCourse(t, "")
	view := n.paper(id, course).View("es", course.Language)
	types := map[string]bool{}
	for i := 1; i <= 7; i++ {
		q, _ := c.question(id, i)
		types[q.Type] = true
		if want := view[i-1]; q.Type != want.Type || q.Prompt != want.Prompt {
			t.Errorf("page %d shows a %s question %q; the paper has a %s question %q", i, q.Type, q.Prompt, want.Type, want.Prompt)
		}
		resp, body := c.post(qPath(id, i), sampleForm(t, q))
		next := qPath(id, i+1)
		if i == 7 {
			next = "/attempts/" + id + "/review"
		}
		if loc := expectRedirect(t, resp, body, "/attempts/"); loc != next {
			t.Errorf("after question %d: to %s, want %s", i, loc, next)
		}
		want, _ := json.Marshal(sampleResponse(t, q))
		if got := n.answers(id)[view[i-1].ID]; !sameJSON(t, got, want) {
			t.Errorf("%s answer saved as %s, want %s", q.Type, got, want)
		}
	}
	if len(types) != 7 {
		t.Errorf("question types seen: %v, want all 7", types)
	}

	// Saved answers show again on their pages, and the buttons move back and to the review.
	for i := 1; i <= 7; i++ {
		q, page := c.question(id, i)
		want := map[string]int{courses.Single: 1, courses.Multiple: 2, courses.TrueFalse: 1, courses.Matching: 3, courses.Ordering: 4}[q.Type]
		got := len(regexp.MustCompile(`\b(checked|selected)\b`).FindAllString(page, -1))
		if q.Type == courses.Short && !strings.Contains(page, `value="24 horas"`) || q.Type == courses.Numeric && !strings.Contains(page, `value="48"`) || got != want {
			t.Errorf("the %s question shows %d marked choices, want its saved answer (%d):\n%s", q.Type, got, want, page)
		}
	}
	f := sampleForm(t, func() questionJSON { q, _ := c.question(id, 1); return q }())
	f.Set("go", "review")
	resp, body := c.post(qPath(id, 1), f)
	expectRedirect(t, resp, body, "/attempts/"+id+"/review")
	f = sampleForm(t, func() questionJSON { q, _ := c.question(id, 2); return q }())
	f.Set("go", "prev")
	resp, body = c.post(qPath(id, 2), f)
	expectRedirect(t, resp, body, qPath(id, 1))

	resp, body = c.get("/attempts/" + id + "/review")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "7 de 7 respondidas") {
		t.Errorf("review page: %d\n%s", resp.StatusCode, body)
	}
	resp, body = c.post("/attempts/"+id+"/submit", nil)
	expectRedirect(t, resp, body, "/attempts/"+id+"/result")
	n.expectFullCredit(id)
	resp, body = c.get("/attempts/" + id + "/result")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "¡Aprobado!") || !strings.Contains(body, "Su nota: 100 %") {
		t.Errorf("result page: %d\n%s", resp.StatusCode, body)
	}
	// A finished attempt's questions lead to the result.
	resp, body = c.get(qPath(id, 3))
	expectRedirect(t, resp, body, "/attempts/"+id+"/result")
}

// findPage returns the page number of the question of a type.
func (c *client) findPage(id, typ string) (int, questionJSON) {
	c.n.t.Helper()
	for i := 1; i <= 7; i++ {
		if q, _ := c.question(id, i); q.Type == typ {
			return i, q
		}
	}
	c.n.t.Fatalf("no %s question in the attempt", typ)
	return 0, questionJSON{}
}

// Input the form cannot understand is refused with a message (422) and nothing is saved: numbers
// that are not numbers, and ordering positions used twice or left out.
func TestFormInputErrors(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.login("PNB-1", "1234")
	id := c.startForm(sampleID)
	course := readCourse(t, "")
	paper := n.paper(id, course)
	qid := func(i int) string { return paper.Questions[i-1].ID }

	refused := func(i int, form url.Values, msg string) {
		t.Helper()
		resp, body := c.post(qPath(id, i), form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, msg) || !strings.Contains(body, `action="`+qPath(id, i)+`"`) {
			t.Errorf("%v: %d, want 422 with %q on the question page:\n%s", form, resp.StatusCode, msg, body)
		}
		if a, ok := n.answers(id)[qid(i)]; ok {
			t.Errorf("%v: saved %s anyway", form, a)
		}
	}

	num, _ := c.findPage(id, courses.Numeric)
	refused(num, url.Values{"a": {"cuarenta y ocho"}}, "Escriba solo un número")
	for _, tc := range [][2]string{{"2,5", "2.5"}, {"1 000", "1000"}, {"-0,5", "-0.5"}, {" 48,0 ", "48"}} {
		typed, want := tc[0], tc[1]
		resp, body := c.post(qPath(id, num), url.Values{"a": {typed}})
		expectRedirect(t, resp, body, "/attempts/")
		if got := string(n.answers(id)[qid(num)]); got != want {
			t.Errorf("numeric %q saved as %s, want %s", typed, got, want)
		}
	}
	if _, page := c.question(id, num); !strings.Contains(page, `value="48"`) {
		t.Errorf("the numeric page does not show the saved 48:\n%s", page)
	}

	ord, q := c.findPage(id, courses.Ordering)
	form := func(pos ...string) url.Values {
		f := url.Values{}
		for i, it := range q.Items {
			if i < len(pos) {
				f.Set("o_"+it.ID, pos[i])
			}
		}
		return f
	}
	refused(ord, form("1", "1", "2", "3"), "Use cada número de orden una sola vez.")
	refused(ord, form("1", "2", "3"), "Asigne un número a cada paso.")
	refused(ord, form("1", "2", "3", "5"), "Use cada número de orden una sola vez.")
	refused(ord, form("1", "2", "3", "x"), "Use cada número de orden una sola vez.")
	resp, body := c.post(qPath(id, ord), sampleForm(t, q))
	expectRedirect(t, resp, body, "/attempts/")
	want, _ := json.Marshal(sampleResponse(t, q))
	if got := n.answers(id)[qid(ord)]; !sameJSON(t, got, want) {
		t.Errorf("ordering saved as %s, want %s", got, want)
	}
	// Leaving a question empty saves nothing.
	sh, _ := c.findPage(id, courses.Short)
	resp, body = c.post(qPath(id, sh), url.Values{"a": {"  "}})
	expectRedirect(t, resp, body, "/attempts/")
	if a, ok := n.answers(id)[qid(sh)]; ok {
		t.Errorf("an empty short answer was saved as %s", a)
	}
}

// The time limit through the forms: the page shows the time left; a form sent after deadline +
// grace is not saved, and the officer lands on the result, marked timed out.
func TestFormTimeLimit(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	c := n.client()
	c.login("PNB-1", "1234")
	id := c.startForm(sampleID)
	q, page := c.question(id, 1)
	if !strings.Contains(page, `data-seconds="600"`) || !strings.Contains(page, "quedan 10 min") {
		t.Errorf("question page without the 10 minutes left:\n%s", page)
	}
	resp, body := c.post(qPath(id, 1), sampleForm(t, q))
	expectRedirect(t, resp, body, qPath(id, 2))
	n.clk.Advance(6 * time.Minute)
	q, page = c.question(id, 2)
	if !strings.Contains(page, `data-seconds="240"`) {
		t.Errorf("question page after 6 minutes without 240 s left:\n%s", page)
	}
	n.clk.Advance(4*time.Minute + 11*time.Second)
	resp, body = c.post(qPath(id, 2), sampleForm(t, q))
	expectRedirect(t, resp, body, "/attempts/"+id+"/result")
	if ans := n.answers(id); len(ans) != 1 {
		t.Errorf("answers %v: want only the one saved in time", ans)
	}
	a := n.attempt(id)
	if !a.TimedOut || !a.Submitted() {
		t.Errorf("attempt: timed out %v, submitted %v", a.TimedOut, a.Submitted())
	}
	resp, body = c.get("/attempts/" + id + "/result")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Se acabó el tiempo") {
		t.Errorf("result of a timed-out attempt: %d\n%s", resp.StatusCode, body)
	}
}
