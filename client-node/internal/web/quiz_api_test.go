package web_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"aula/courses"
)

func attemptPath(id, rest string) string { return "/api/v1/attempts/" + id + rest }

// storedResult decodes the scored result of a finished attempt.
func (n *node) storedResult(id string) courses.Result {
	n.t.Helper()
	a := n.attempt(id)
	if !a.Submitted() {
		n.t.Fatalf("attempt %s is not finished", id)
	}
	var r courses.Result
	if err := json.Unmarshal(a.Result, &r); err != nil {
		n.t.Fatal(err)
	}
	return r
}

// expectFullCredit checks that every question of a finished attempt earned full credit.
func (n *node) expectFullCredit(id string) {
	n.t.Helper()
	r := n.storedResult(id)
	if len(r.Questions) != 7 || r.Score != 100 || !r.Passed {
		n.t.Errorf("result %+v: want 7 questions, 100 %%, passed", r)
	}
	for _, q := range r.Questions {
		if q.Credit != 1 || !q.Answered {
			n.t.Errorf("%s question %s: credit %v, answered %v; want full credit", q.Type, q.QuestionID, q.Credit, q.Answered)
		}
	}
}

// The seven question types through the officers' API: half the answers saved one by one (PUT),
// the rest sent with the submit; all right → 100 %, every question full credit; a second submit
// is refused.
func TestAPIQuizAllTypes(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	tok := n.login("PNB-1", "1234")
	start := n.clk.Now()
	a := n.startAttempt(tok, sampleID, http.StatusCreated)
	if a.AttemptID == "" || a.CourseID != sampleID || a.CourseVersion != 1 {
		t.Errorf("attempt %+v", a)
	}
	if want := start.Add(10 * time.Minute).Format(time.RFC3339); a.Deadline == nil || *a.Deadline != want {
		t.Errorf("deadline %v, want %s (10 minutes)", a.Deadline, want)
	}
	var types []string
	for _, q := range a.Questions {
		types = append(types, q.Type)
		want := 1
		if q.Type == courses.Multiple {
			want = 2 // points: 2 in quiz.yaml
		}
		if q.Points != want || q.ID == "" || q.Prompt == "" {
			t.Errorf("question %+v", q)
		}
	}
	slices.Sort(types)
	want := slices.Clone(courses.QuestionTypes)
	slices.Sort(want)
	if !slices.Equal(types, want) {
		t.Fatalf("question types %v, want one of each of %v", types, want)
	}

	later := map[string]any{}
	for i, q := range a.Questions {
		r := sampleResponse(t, q)
		if i%2 == 0 {
			n.apiOK(http.StatusNoContent, "PUT", attemptPath(a.AttemptID, "/answers/"+q.ID), tok, map[string]any{"response": r}, nil)
		} else {
			later[q.ID] = r
		}
	}
	// A reload shows the same paper with the answers saved so far.
	var again attemptJSON
	n.apiOK(http.StatusOK, "GET", attemptPath(a.AttemptID, ""), tok, nil, &again)
	if !reflect.DeepEqual(again.Questions, a.Questions) || len(again.Saved) != 4 {
		t.Errorf("reloaded paper differs or saved %d answers, want 4", len(again.Saved))
	}
	n.apiError(http.StatusUnprocessableEntity, "PUT", attemptPath(a.AttemptID, "/answers/no-such-question"), tok, map[string]any{"response": "x"})
	n.apiError(http.StatusUnprocessableEntity, "POST", attemptPath(a.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{"una-opcion": "x"}})

	var res submitJSON
	n.apiOK(http.StatusOK, "POST", attemptPath(a.AttemptID, "/submit"), tok, map[string]any{"responses": later}, &res)
	if res.Score != 100 || !res.Passed || res.CertificateID != nil || res.TimedOut {
		t.Errorf("submit: %+v, want 100, passed, no certificate, not timed out", res)
	}
	n.expectFullCredit(a.AttemptID)

	msg := n.apiError(http.StatusConflict, "POST", attemptPath(a.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{}})
	if !strings.Contains(msg, "ya fue entregada") {
		t.Errorf("second submit: %q", msg)
	}
	n.apiError(http.StatusConflict, "PUT", attemptPath(a.AttemptID, "/answers/"+a.Questions[0].ID), tok, map[string]any{"response": "x"})
	if r := n.storedResult(a.AttemptID); r.Score != 100 {
		t.Errorf("the refused second submit changed the score to %v", r.Score)
	}
}

// Starting while an attempt is in progress resumes it (200, same paper); another officer cannot
// see it; after two attempts the third start is refused: 409 on the API, and on the form a page
// with a clear Spanish message, not the generic error page.
func TestAttemptsLimit(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	tok := n.login("PNB-1", "1234")
	a1 := n.startAttempt(tok, sampleID, http.StatusCreated)
	again := n.startAttempt(tok, sampleID, http.StatusOK)
	if again.AttemptID != a1.AttemptID || !reflect.DeepEqual(again.Questions, a1.Questions) {
		t.Fatalf("resuming gave attempt %s, want %s with the same paper", again.AttemptID, a1.AttemptID)
	}
	c := n.client()
	c.login("PNB-1", "1234")
	resp, body := c.post("/courses/"+sampleID+"/quiz", nil)
	expectRedirect(t, resp, body, "/attempts/"+a1.AttemptID+"/q/1")

	tok2 := n.login("PNB-2", "5678")
	n.apiError(http.StatusNotFound, "GET", attemptPath(a1.AttemptID, ""), tok2, nil)
	n.apiError(http.StatusNotFound, "PUT", attemptPath(a1.AttemptID, "/answers/"+a1.Questions[0].ID), tok2, map[string]any{"response": "x"})
	n.apiError(http.StatusNotFound, "POST", attemptPath(a1.AttemptID, "/submit"), tok2, map[string]any{"responses": map[string]any{}})

	var res submitJSON
	n.apiOK(http.StatusOK, "POST", attemptPath(a1.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{}}, &res)
	if res.Score != 0 || res.Passed {
		t.Errorf("empty attempt scored %+v", res)
	}
	a2 := n.startAttempt(tok, sampleID, http.StatusCreated)
	if a2.AttemptID == a1.AttemptID {
		t.Fatal("the second attempt reuses the first one's id")
	}
	n.apiOK(http.StatusOK, "POST", attemptPath(a2.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{}}, nil)

	msg := n.apiError(http.StatusConflict, "POST", "/api/v1/courses/"+sampleID+"/attempts", tok, nil)
	if !strings.Contains(msg, "Ya usó los 2 intentos") {
		t.Errorf("third start: %q", msg)
	}
	resp, body = c.post("/courses/"+sampleID+"/quiz", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Ya usó los 2 intentos de este curso") ||
		!strings.Contains(body, "<h1>Evaluación</h1>") || strings.Contains(body, "No se pudo completar") ||
		strings.Contains(body, `action="/courses/`+sampleID+`/quiz"`) {
		t.Errorf("third start through the form: %d, want 409 on the quiz page with the message and no start button:\n%s", resp.StatusCode, body)
	}
	resp, body = c.get("/courses/" + sampleID + "/quiz")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Intentos usados: 2 de 2") || strings.Contains(body, `action="/courses/`+sampleID+`/quiz"`) {
		t.Errorf("quiz page with no attempts left: %d\n%s", resp.StatusCode, body)
	}
	// The limit is per officer.
	n.startAttempt(tok2, sampleID, http.StatusCreated)
}

// The time limit, with the node's clock: answers saved before the deadline (and within the grace
// after it) count; after deadline + grace nothing is accepted, and the attempt is finished with
// the answers saved in time, marked timed out. A late submit gets that result (timed_out true).
func TestTimeLimit(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	tok := n.login("PNB-1", "1234")
	a := n.startAttempt(tok, sampleID, http.StatusCreated)
	byType := map[string]questionJSON{}
	for _, q := range a.Questions {
		byType[q.Type] = q
	}
	save := func(tok, id string, q questionJSON, want int) string {
		t.Helper()
		code, body := n.api("PUT", attemptPath(id, "/answers/"+q.ID), tok, map[string]any{"response": sampleResponse(t, q)})
		if code != want {
			t.Fatalf("save %s at %v: %d, want %d: %s", q.Type, n.clk.Now(), code, want, body)
		}
		return string(body)
	}
	n.clk.Advance(9 * time.Minute)
	save(tok, a.AttemptID, byType[courses.Single], http.StatusNoContent) // 1 point
	n.clk.Advance(time.Minute + 5*time.Second)
	save(tok, a.AttemptID, byType[courses.Multiple], http.StatusNoContent) // 2 points, 5 s late: within the grace
	n.clk.Advance(6 * time.Second)

	// 11 s late: the submit's own responses do not count.
	q := byType[courses.Numeric]
	var res submitJSON
	n.apiOK(http.StatusOK, "POST", attemptPath(a.AttemptID, "/submit"), tok,
		map[string]any{"responses": map[string]any{q.ID: 48}}, &res)
	if !res.TimedOut || res.Score != 37.5 || res.Passed {
		t.Errorf("late submit: %+v, want timed out with the 3 of 8 points saved in time (37.5)", res)
	}
	st := n.attempt(a.AttemptID)
	if !st.Submitted() || !st.TimedOut || st.Score != 37.5 {
		t.Errorf("stored attempt: submitted %v, timed out %v, score %v", st.Submitted(), st.TimedOut, st.Score)
	}
	if ans := n.answers(a.AttemptID); len(ans) != 2 || ans[byType[courses.Single].ID] == nil || ans[byType[courses.Multiple].ID] == nil {
		t.Errorf("stored answers %v: want only the two saved in time", ans)
	}
	if msg := n.apiError(http.StatusConflict, "POST", attemptPath(a.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{}}); !strings.Contains(msg, "Se acabó el tiempo") {
		t.Errorf("second submit of a timed-out attempt: %q", msg)
	}
	n.apiError(http.StatusConflict, "GET", attemptPath(a.AttemptID, ""), tok, nil)

	// A save after deadline + grace is refused, says why, and closes the attempt with what was
	// saved in time.
	tok2 := n.login("PNB-2", "5678")
	b := n.startAttempt(tok2, sampleID, http.StatusCreated)
	byType = map[string]questionJSON{}
	for _, q := range b.Questions {
		byType[q.Type] = q
	}
	n.clk.Advance(5 * time.Minute)
	save(tok2, b.AttemptID, byType[courses.TrueFalse], http.StatusNoContent)
	n.clk.Advance(5*time.Minute + 11*time.Second)
	if msg := save(tok2, b.AttemptID, byType[courses.Short], http.StatusConflict); !strings.Contains(msg, "Se acabó el tiempo") {
		t.Errorf("late save: %s", msg)
	}
	if st := n.attempt(b.AttemptID); !st.Submitted() || !st.TimedOut || st.Score != 12.5 {
		t.Errorf("attempt closed by a late save: submitted %v, timed out %v, score %v", st.Submitted(), st.TimedOut, st.Score)
	}
	if ans := n.answers(b.AttemptID); len(ans) != 1 {
		t.Errorf("stored answers %v: want only the one saved in time", ans)
	}
	n.apiError(http.StatusConflict, "POST", attemptPath(b.AttemptID, "/submit"), tok2, map[string]any{"responses": map[string]any{}})
}

// An attempt whose time ran out while nobody was looking is finished with its saved answers when
// the officer comes back, and it counts against the limit.
func TestTimeLimitUnattended(t *testing.T) {
	t.Parallel()
	n := newNode(t, false)
	tok := n.login("PNB-1", "1234")
	a := n.startAttempt(tok, sampleID, http.StatusCreated)
	q := a.Questions[0]
	n.apiOK(http.StatusNoContent, "PUT", attemptPath(a.AttemptID, "/answers/"+q.ID), tok, map[string]any{"response": sampleResponse(t, q)}, nil)
	n.clk.Advance(11 * time.Minute) // the officer walked away: the session and the time are up
	n.apiError(http.StatusUnauthorized, "GET", attemptPath(a.AttemptID, ""), tok, nil)
	tok = n.login("PNB-1", "1234")

	b := n.startAttempt(tok, sampleID, http.StatusCreated)
	if b.AttemptID == a.AttemptID {
		t.Fatal("the timed-out attempt was resumed")
	}
	old := n.attempt(a.AttemptID)
	if !old.Submitted() || !old.TimedOut || old.Score != float64(q.Points)*100/8 {
		t.Errorf("timed-out attempt: submitted %v, timed out %v, score %v", old.Submitted(), old.TimedOut, old.Score)
	}
	n.clk.Advance(11 * time.Minute)
	tok = n.login("PNB-1", "1234")
	n.apiError(http.StatusConflict, "POST", "/api/v1/courses/"+sampleID+"/attempts", tok, nil)
	if !n.attempt(b.AttemptID).TimedOut {
		t.Error("the second attempt did not time out")
	}
}
