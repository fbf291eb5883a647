package courses

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// Scoring the canonical form (as the center does after sync) gives exactly the node's result, for
// right, partial, wrong and malformed responses.
func TestCanonicalRoundTripKeepsTheScore(t *testing.T) {
	quiz := testQuiz()
	quiz.Shuffle = true
	for seed := range 20 {
		p := BuildPaper(quiz, fmt.Sprintf("attempt-%d/secret", seed))
		resp := map[string]json.RawMessage{}
		for i, pq := range p.Questions {
			var v any
			switch pq.Type {
			case Single:
				v = pq.Options[i%len(pq.Options)].ID
			case Multiple:
				v = []string{pq.Options[0].ID, pq.Options[seed%len(pq.Options)].ID}
			case TrueFalse:
				v = seed%2 == 0
			case Ordering:
				ids := []string{}
				for _, it := range pq.Items {
					ids = append(ids, it.ID)
				}
				v = ids
			case Matching:
				v = map[string]string{pq.Left[0].ID: pq.Right[seed%len(pq.Right)].ID, pq.Left[1].ID: "bogus"}
				if seed%3 == 0 {
					v = map[string]string{pq.Left[0].ID: pq.Right[0].ID, pq.Left[2].ID: pq.Right[1].ID}
				}
			case Short:
				v = []string{"48 horas", "nada"}[seed%2]
			case Numeric:
				v = 48 + seed%2
			}
			b, _ := json.Marshal(v)
			resp[pq.ID] = b
		}
		want := Score(quiz, p, resp)
		canon := p.Canonical(resp)
		wire, _ := json.Marshal(canon)
		var back []json.RawMessage
		json.Unmarshal(wire, &back)
		got := ScoreCanonical(quiz, fmt.Sprintf("attempt-%d/secret", seed), back)
		if got.Earned != want.Earned || got.Passed != want.Passed {
			t.Fatalf("seed %d: canonical score %v, node score %v (wire %s)", seed, got.Earned, want.Earned, wire)
		}
	}
}

// A response longer than MaxResponseBytes is malformed: it earns nothing on the node and at the
// center alike, and it never makes an attempt record too large to sync (an officer could paste
// megabytes into a short answer; the center takes pushes of a bounded size).
func TestOversizedResponseIsMalformed(t *testing.T) {
	quiz := testQuiz()
	p := BuildPaper(quiz, "attempt-big/secret")
	resp := map[string]json.RawMessage{}
	for _, pq := range p.Questions {
		switch pq.Type {
		case Short:
			b, _ := json.Marshal("48 horas" + string(make([]byte, MaxResponseBytes)))
			resp[pq.ID] = b
		case Numeric:
			resp[pq.ID] = json.RawMessage("48." + strings.Repeat("0", MaxResponseBytes))
		}
	}
	canon := p.CanonicalJSON(resp)
	if len(canon) > 64*len(p.Questions) {
		t.Errorf("canonical form of %d bytes for %d questions", len(canon), len(p.Questions))
	}
	if s := Score(quiz, p, resp); s.Earned != 0 {
		t.Errorf("oversized responses earned %v points", s.Earned)
	}
}
