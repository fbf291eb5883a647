package quizedit

import (
	"os"
	"reflect"
	"testing"

	"aula/courses"
	"aula/courses/coursepkg"
)

// FuzzRoundTrip: whatever quiz.yaml the editor accepts, it writes back as a file that reads as
// the same quiz, and it never panics.
func FuzzRoundTrip(f *testing.F) {
	for _, p := range []string{"../testdata/sample/quiz.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("pass_mark: 50\nquestions:\n  - {id: a, type: numeric, prompt: x, value: 1e300, tolerance: 0.25}\n")
	f.Add("pass_mark: 50\nquestions:\n  - {id: '1', type: wat, prompt: {en: ''}, items: [a], answer: true, points: 0}\n")
	f.Add("pass_mark: 50\nquestions:\n  - {id: a, type: short, prompt: \"l\\n  - id: x\", accept: [\"\\t\"]}\n")
	f.Fuzz(func(t *testing.T, data string) {
		q, err := Parse([]byte(data))
		if err != nil {
			return
		}
		out, err := q.Marshal()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, lines, problems, complete := coursepkg.ParseQuiz(out, "es", courses.Languages)
		if !complete || again == nil || lines == nil {
			t.Fatalf("the written file does not read back: %v\n%s", problems, out)
		}
		normalize(&q.Quiz)
		normalize(again)
		if !reflect.DeepEqual(&q.Quiz, again) {
			t.Fatalf("round trip changed the quiz\n%#v\n%#v\n%s", q.Quiz, *again, out)
		}
	})
}

// normalize makes an empty text and an absent one the same (the writer leaves empty ones out).
func normalize(q *courses.Quiz) {
	fix := func(t *courses.Text) {
		if len(*t) == 0 {
			*t = nil
		}
	}
	for i := range q.Questions {
		x := &q.Questions[i]
		fix(&x.Prompt)
		fix(&x.Explanation)
		for j := range x.Options {
			fix(&x.Options[j].Feedback)
		}
	}
}
