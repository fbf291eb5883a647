package quizedit

import (
	"errors"
	"strings"
	"testing"

	"aula/courses"
)

func ids(q *Quiz) string {
	var s []string
	for _, x := range q.Questions {
		s = append(s, x.ID)
	}
	return strings.Join(s, ",")
}

func tf(id string, answer bool) courses.Question {
	return courses.Question{ID: id, Type: courses.TrueFalse, Points: 1, Prompt: courses.Text{"es": id}, Answer: &answer}
}

func TestEditHelpers(t *testing.T) {
	q := New(70)
	for _, id := range []string{"a", "b", "c"} {
		if err := q.Add(tf(id, true)); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Add(tf("b", false)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("adding a used id: %v", err)
	}
	if err := q.Add(tf("Mal Id", false)); !errors.Is(err, ErrInvalidID) {
		t.Errorf("adding a bad id: %v", err)
	}
	if err := q.Move("c", 0); err != nil || ids(q) != "c,a,b" {
		t.Errorf("move to the top: %v %s", err, ids(q))
	}
	if err := q.Move("c", 99); err != nil || ids(q) != "a,b,c" {
		t.Errorf("move past the end: %v %s", err, ids(q))
	}
	if err := q.Replace("b", tf("a", false)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("renaming onto another question: %v", err)
	}
	if err := q.Replace("b", tf("d", false)); err != nil || ids(q) != "a,d,c" || *q.Question("d").Answer {
		t.Errorf("replace: %v %s", err, ids(q))
	}
	if err := q.Remove("a"); err != nil || ids(q) != "d,c" {
		t.Errorf("remove: %v %s", err, ids(q))
	}
	if err := q.Remove("zz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a missing question: %v", err)
	}
	if got := q.FreeID("c"); got != "c-2" {
		t.Errorf("FreeID = %q", got)
	}
	out, err := q.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out)
	if err != nil || ids(back) != "d,c" || back.PassMark != 70 {
		t.Fatalf("written quiz does not read back: %v\n%s", err, out)
	}
}

// TestParseKeepsOrRefuses: a quiz that breaks rules but loses nothing loads (the editor is where
// the author fixes it); one whose content would be lost on saving is refused with FILE:LINE.
func TestParseKeepsOrRefuses(t *testing.T) {
	if q, err := Parse(nil); err != nil || len(q.Questions) != 0 || q.Review != courses.ReviewScore {
		t.Errorf("empty file: %v %+v", err, q)
	}
	incomplete := "pass_mark: 80\ndraw: 5\nquestions:\n  - id: a\n    type: single\n    prompt: {es: \"¿Qué?\"}\n    options: [{text: uno, correct: false}]\n"
	q, err := Parse([]byte(incomplete))
	if err != nil || len(q.Questions) != 1 || q.Lines.Question("a", "options") != 7 {
		t.Errorf("a quiz that only breaks rules should load: %v", err)
	}
	for _, bad := range []string{
		"pass_mark: 80\npass_mrk: 3\n",
		"pass_mark: 80\nquestions:\n  - id: a\n    type: single\n    prompt: {fr: \"Quoi?\"}\n",
		"pass_mark: [80]\n",
		"pass_mark: 80\nquestions: [\n",
	} {
		if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), "quiz.yaml:") {
			t.Errorf("%q: err = %v, want a FILE:LINE problem", bad, err)
		}
	}
}
