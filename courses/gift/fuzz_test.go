package gift

import (
	"os"
	"testing"

	"aula/courses/quizedit"
)

// FuzzImport: no input makes Import panic, and whatever it imports is written as a quiz.yaml
// that reads back.
func FuzzImport(f *testing.F) {
	src, err := os.ReadFile("testdata/all.gift")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	f.Add("::a::b{#1..}\n\n{=a->}\n\n::x\\::{~%1e400%a =b}\n\n{#=1:2 ~#x}")
	f.Add("q{T#a#b#c}\n\nq{=\\n ~ -> }\n\n::::{}")
	f.Fuzz(func(t *testing.T, text string) {
		q := quizedit.New(50)
		n, skipped := Import([]byte(text), q)
		if n != len(q.Questions) {
			t.Fatalf("imported %d but the quiz holds %d", n, len(q.Questions))
		}
		for _, s := range skipped {
			if s.Line < 1 || s.ID == "" {
				t.Fatalf("skipped without a line or message: %+v", s)
			}
		}
		out, err := q.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := quizedit.Parse(out); err != nil {
			t.Fatalf("imported quiz does not read back: %v\n%s", err, out)
		}
	})
}
