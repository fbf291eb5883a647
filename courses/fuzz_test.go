package courses

import (
	"encoding/json"
	"math"
	"testing"
)

// FuzzScore feeds arbitrary JSON to every question of a paper. Scoring must never panic and every
// credit must stay within [0,1].
func FuzzScore(f *testing.F) {
	quiz := testQuiz()
	quiz.Shuffle = true
	p := BuildPaper(quiz, "fuzz/seed")
	for _, seed := range []string{`"x"`, `["a","b"]`, `{"a":"b"}`, `true`, `48`, `null`, `[`, `{"":""}`, `1e400`, `[null]`, `-0`} {
		f.Add(0, seed)
	}
	// Well-formed responses made of the paper's real ids, for the fuzzer to mutate.
	for i, pq := range p.Questions {
		var ids []string
		for _, c := range append(append(pq.Options, pq.Items...), pq.Left...) {
			ids = append(ids, c.ID)
		}
		b, _ := json.Marshal(ids)
		f.Add(i, string(b))
		if len(pq.Left) > 0 {
			b, _ = json.Marshal(map[string]string{pq.Left[0].ID: pq.Right[0].ID, pq.Left[1].ID: pq.Right[1].ID})
			f.Add(i, string(b))
		}
		if len(ids) > 0 {
			f.Add(i, `"`+ids[0]+`"`)
		}
	}
	f.Fuzz(func(t *testing.T, which int, raw string) {
		if which < 0 {
			which = -which
		}
		pq := p.Questions[which%len(p.Questions)]
		resp := map[string]json.RawMessage{pq.ID: json.RawMessage(raw)}
		r := Score(quiz, p, resp)
		for _, qr := range r.Questions {
			if qr.Credit < 0 || qr.Credit > 1 || math.IsNaN(qr.Credit) {
				t.Fatalf("credit %v out of range for %s with %q", qr.Credit, qr.QuestionID, raw)
			}
		}
		if r.Score < 0 || r.Score > 100 {
			t.Fatalf("score %v out of range", r.Score)
		}
	})
}
