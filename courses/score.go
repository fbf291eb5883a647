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
	PaperID    string  // opaque id on the paper ("" when scored from canonical form)
	QuestionID string  // course question id
	Index      int     // the question's index in Quiz.Questions
	Type       string  //
	Points     int     //
	Credit     float64 // 0..1
	Answered   bool    // a response was present and well formed
}

// Score scores responses (paper question id -> raw JSON response) against the quiz the paper was
// built from. A missing, malformed or wrongly typed response earns zero credit for its question;
// Score never fails and never panics on any input.
//
// The paper only translates opaque ids into quiz indices (Canonical); the credit rules live in
// one place, scoreCanonical, which the center also uses through ScoreCanonical.
func Score(q *Quiz, p *Paper, responses map[string]json.RawMessage) Result {
	drawn := make([]int, len(p.Questions))
	for i := range p.Questions {
		drawn[i] = p.Questions[i].question
	}
	r := scoreCanonical(q, drawn, p.Canonical(responses), true, nil)
	for i := range r.Questions {
		r.Questions[i].PaperID = p.Questions[i].ID
	}
	return r
}

// ScoreCanonical scores an attempt that arrives in canonical form (see Canonical), with only the
// draw rebuilt from the seed: the center re-scores every synced attempt this way. It gives the
// totals only (Questions is nil): the center keeps the responses, not a per-question breakdown.
func ScoreCanonical(q *Quiz, seed string, canon []json.RawMessage) Result {
	return scoreCanonical(q, Drawn(q, seed), canon, false, nil)
}

// scoreCanonical applies the credit rules; detail adds the per-question results; each (when not
// nil) is called with each question's result and response, in paper order.
func scoreCanonical(q *Quiz, drawn []int, canon []json.RawMessage, detail bool, each func(QuestionResult, json.RawMessage)) Result {
	var r Result
	if detail {
		r.Questions = make([]QuestionResult, 0, len(drawn))
	}
	for i, qi := range drawn {
		qq := &q.Questions[qi]
		var raw json.RawMessage
		if i < len(canon) {
			raw = canon[i]
		}
		credit, ok := creditOf(qq, raw)
		r.Possible += qq.Points
		r.Earned += float64(qq.Points) * credit
		if detail {
			r.Questions = append(r.Questions, QuestionResult{QuestionID: qq.ID, Index: qi, Type: qq.Type, Points: qq.Points, Credit: credit, Answered: ok})
		}
		if each != nil {
			each(QuestionResult{QuestionID: qq.ID, Index: qi, Type: qq.Type, Points: qq.Points, Credit: credit, Answered: ok}, raw)
		}
	}
	if r.Possible > 0 {
		r.Score = math.Round(r.Earned*100/float64(r.Possible)*100) / 100
		// Compare without the rounding so 69.995 does not pass a 70 mark.
		r.Passed = r.Earned*100 >= float64(q.PassMark*r.Possible)-1e-9
	}
	return r
}

// creditOf returns the credit in [0,1] of a canonical response, and whether it was well formed.
func creditOf(qq *Question, raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0, false
	}
	switch qq.Type {
	case Single:
		idx, ok := decodeInt(raw)
		if !ok || idx < 0 || idx >= len(qq.Options) {
			return 0, false
		}
		return boolCredit(qq.Options[idx].Correct), true
	case Multiple:
		idxs, ok := indexList(raw, len(qq.Options))
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
		b, ok := decodeBool(raw)
		if qq.Answer == nil || !ok {
			return 0, false
		}
		return boolCredit(b == *qq.Answer), true
	case Ordering:
		idxs, ok := indexList(raw, len(qq.Items))
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
		pairs, ok := decodeInts(raw)
		if !ok || len(qq.Pairs) == 0 || len(pairs) > len(qq.Pairs) {
			return 0, false
		}
		good := 0
		for l, r := range pairs {
			if r < -1 || r >= len(qq.Pairs) {
				return 0, false
			}
			if r == l {
				good++
			}
		}
		return float64(good) / float64(len(qq.Pairs)), true
	case Short:
		s, ok := decodeString(raw)
		if !ok {
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
		f, ok := decodeFloat(raw)
		if qq.Value == nil || !ok {
			return 0, false
		}
		return boolCredit(math.Abs(f-*qq.Value) <= qq.Tolerance+1e-9), true
	}
	return 0, false
}

// indexList decodes a JSON array of distinct indices below n.
func indexList(raw json.RawMessage, n int) ([]int, bool) {
	idxs, ok := decodeInts(raw)
	if !ok {
		return nil, false
	}
	seen := make([]bool, n)
	for _, i := range idxs {
		if i < 0 || i >= n || seen[i] {
			return nil, false
		}
		seen[i] = true
	}
	return idxs, true
}

// choiceList decodes a JSON array of opaque ids of one kind into indices. Unknown or repeated ids
// make the whole response malformed.
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
	if normalASCII(s) {
		return s
	}
	return normalizeAnswer(s)
}

// normalASCII reports whether s is already normal: printable ASCII without capitals or double
// spaces, starting and ending with a letter or digit. Most answers and accepted forms are.
func normalASCII(s string) bool {
	if s == "" || !alnum(s[0]) || !alnum(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7E || ('A' <= c && c <= 'Z') || (c == ' ' && s[i-1] == ' ') {
			return false
		}
	}
	return true
}

func alnum(c byte) bool { return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') }

func normalizeAnswer(s string) string {
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
