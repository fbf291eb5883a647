package courses

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"unicode"
)

// Result is the outcome of scoring one attempt.
type Result struct {
	Score     float64          // percent, 0..100, rounded to two decimals
	Passed    bool             // Score >= pass mark
	Earned    float64          // Σ points × credit
	Possible  int              // Σ points
	Questions []QuestionResult // in paper order
}

// QuestionResult is the credit one question earned, for review and item analysis.
type QuestionResult struct {
	PaperID    string  // opaque id on the paper
	QuestionID string  // course question id
	Type       string  //
	Points     int     //
	Credit     float64 // 0..1
	Answered   bool    // a response was present and well formed
}

// Score scores responses (paper question id -> raw JSON response) against the quiz the paper was
// built from. A missing, malformed or wrongly typed response earns zero credit for its question;
// Score never fails and never panics on any input.
func Score(q *Quiz, p *Paper, responses map[string]json.RawMessage) Result {
	var r Result
	for i := range p.Questions {
		pq := &p.Questions[i]
		qq := &q.Questions[pq.question]
		credit, ok := 0.0, false
		if raw, present := responses[pq.ID]; present {
			credit, ok = scoreOne(qq, pq, raw)
		}
		r.Possible += qq.Points
		r.Earned += float64(qq.Points) * credit
		r.Questions = append(r.Questions, QuestionResult{
			PaperID: pq.ID, QuestionID: qq.ID, Type: qq.Type, Points: qq.Points, Credit: credit, Answered: ok,
		})
	}
	if r.Possible > 0 {
		r.Score = math.Round(r.Earned*100/float64(r.Possible)*100) / 100
		// Compare without the rounding so 69.995 does not pass a 70 mark.
		r.Passed = r.Earned*100 >= float64(q.PassMark*r.Possible)-1e-9
	}
	return r
}

// scoreOne returns the credit in [0,1] and whether the response was well formed.
func scoreOne(qq *Question, pq *PaperQuestion, raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0, false
	}
	switch qq.Type {
	case Single:
		var id string
		if json.Unmarshal(raw, &id) != nil {
			return 0, false
		}
		ref, ok := pq.key[id]
		if !ok || ref.kind != 'o' || ref.idx >= len(qq.Options) {
			return 0, false
		}
		return boolCredit(qq.Options[ref.idx].Correct), true
	case Multiple:
		idxs, ok := choiceList(pq, raw, 'o', len(qq.Options))
		if !ok {
			return 0, false
		}
		right, wrong, correct := 0, 0, 0
		for _, o := range qq.Options {
			if o.Correct {
				correct++
			}
		}
		for _, i := range idxs {
			if qq.Options[i].Correct {
				right++
			} else {
				wrong++
			}
		}
		if correct == 0 {
			return 0, true
		}
		return math.Max(0, float64(right-wrong)/float64(correct)), true
	case TrueFalse:
		var b bool
		if qq.Answer == nil || json.Unmarshal(raw, &b) != nil {
			return 0, false
		}
		return boolCredit(b == *qq.Answer), true
	case Ordering:
		idxs, ok := choiceList(pq, raw, 'i', len(qq.Items))
		if !ok || len(idxs) != len(qq.Items) || len(qq.Items) < 2 {
			return 0, false
		}
		// pos[k] is where the officer put the item that belongs at position k.
		pos := make([]int, len(idxs))
		for at, k := range idxs {
			pos[k] = at
		}
		good := 0
		for k := 0; k+1 < len(pos); k++ {
			if pos[k] < pos[k+1] {
				good++
			}
		}
		return float64(good) / float64(len(pos)-1), true
	case Matching:
		var m map[string]string
		if json.Unmarshal(raw, &m) != nil || len(qq.Pairs) == 0 {
			return 0, false
		}
		good := 0
		for l, r := range m {
			li, lok := pq.key[l]
			ri, rok := pq.key[r]
			if !lok || !rok || li.kind != 'l' || ri.kind != 'r' || li.idx >= len(qq.Pairs) {
				return 0, false
			}
			if li.idx == ri.idx {
				good++
			}
		}
		return float64(good) / float64(len(qq.Pairs)), true
	case Short:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		got := NormalizeAnswer(s)
		if got == "" {
			return 0, false
		}
		for _, acc := range qq.Accept {
			for _, a := range acc {
				if NormalizeAnswer(a) == got {
					return 1, true
				}
			}
		}
		return 0, true
	case Numeric:
		var f float64
		if qq.Value == nil || raw[0] == '"' || json.Unmarshal(raw, &f) != nil {
			return 0, false
		}
		return boolCredit(math.Abs(f-*qq.Value) <= qq.Tolerance+1e-9), true
	}
	return 0, false
}

// choiceList decodes a JSON array of opaque ids into indices. Unknown or repeated ids make the
// whole response malformed.
func choiceList(pq *PaperQuestion, raw json.RawMessage, kind byte, n int) ([]int, bool) {
	var ids []string
	if json.Unmarshal(raw, &ids) != nil || ids == nil {
		return nil, false
	}
	seen := map[int]bool{}
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		ref, ok := pq.key[id]
		if !ok || ref.kind != kind || ref.idx >= n || seen[ref.idx] {
			return nil, false
		}
		seen[ref.idx] = true
		out = append(out, ref.idx)
	}
	return out, true
}

func boolCredit(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// NormalizeAnswer prepares a short answer for comparison: lower case, accents removed, runs of
// spaces collapsed, and punctuation at either end dropped ("¿48 Horas?" -> "48 horas").
func NormalizeAnswer(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(fold(r))
	}
	return strings.TrimFunc(b.String(), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// fold maps an accented Latin letter to its base letter.
func fold(r rune) rune {
	if r < 0xC0 {
		return r
	}
	if b, ok := accentFold[r]; ok {
		return b
	}
	return r
}

var accentFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "áàâäãå", 'e': "éèêë", 'i': "íìîï", 'o': "óòôöõ", 'u': "úùûü", 'n': "ñ", 'c': "ç", 'y': "ýÿ",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()
