package courses

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Reviewed is one question of an attempt as a reviewer sees it: the quiz question, the
// officer's canonical response, and the credit the same rules (scoreCanonical) gave it.
type Reviewed struct {
	Question *Question
	Response json.RawMessage // canonical form (see Canonical); nil when unanswered
	Credit   float64         // 0..1
	Answered bool            // a response was present and well formed
}

// ReviewCanonical rebuilds an attempt's paper from its seed and scores each of its canonical
// responses, in paper order, for a person to read (the center's approval queue).
func ReviewCanonical(q *Quiz, seed string, canon []json.RawMessage) []Reviewed {
	drawn := Drawn(q, seed)
	r := scoreCanonical(q, drawn, canon, true, nil)
	out := make([]Reviewed, len(drawn))
	for i, qi := range drawn {
		out[i] = Reviewed{Question: &q.Questions[qi], Credit: r.Questions[i].Credit, Answered: r.Questions[i].Answered}
		if i < len(canon) && r.Questions[i].Answered {
			out[i].Response = canon[i]
		}
	}
	return out
}

// AnswerText says a canonical response in words, in lang: the chosen options' texts, the items
// in the officer's order, each left side with the right side chosen, the text or the number
// typed. yes and no are the words for a true/false answer. A response that does not read gives "".
func (r Reviewed) AnswerText(lang, yes, no string) string {
	q, raw := r.Question, r.Response
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	text := func(t Text) string { return t.In(lang, lang) }
	pick := func(list []Text, idxs []int, sep string) string {
		parts := make([]string, 0, len(idxs))
		for _, i := range idxs {
			if i >= 0 && i < len(list) {
				parts = append(parts, text(list[i]))
			}
		}
		return strings.Join(parts, sep)
	}
	options := make([]Text, len(q.Options))
	for i, o := range q.Options {
		options[i] = o.Text
	}
	switch q.Type {
	case Single:
		var i int
		if json.Unmarshal(raw, &i) == nil {
			return pick(options, []int{i}, "")
		}
	case Multiple:
		var idxs []int
		if json.Unmarshal(raw, &idxs) == nil {
			return pick(options, idxs, "; ")
		}
	case Ordering:
		var idxs []int
		if json.Unmarshal(raw, &idxs) == nil {
			return pick(q.Items, idxs, " → ")
		}
	case Matching:
		var rights []int
		if json.Unmarshal(raw, &rights) == nil {
			parts := make([]string, 0, len(rights))
			for l, ri := range rights {
				if l < len(q.Pairs) && ri >= 0 && ri < len(q.Pairs) {
					parts = append(parts, text(q.Pairs[l].Left)+" → "+text(q.Pairs[ri].Right))
				}
			}
			return strings.Join(parts, "; ")
		}
	case TrueFalse:
		var b bool
		if json.Unmarshal(raw, &b) == nil {
			if b {
				return yes
			}
			return no
		}
	case Short:
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		var t Text // an accepted answer (Expected)
		if json.Unmarshal(raw, &t) == nil {
			return text(t)
		}
	case Numeric:
		var f float64
		if json.Unmarshal(raw, &f) == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return ""
}

// Expected is the question answered as the key says, as a Reviewed whose AnswerText is the
// expected answer (for short answers, the first accepted one).
func Expected(q *Question) Reviewed {
	var v any
	seq := func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	switch q.Type {
	case Single, Multiple:
		var idxs []int
		for i, o := range q.Options {
			if o.Correct {
				idxs = append(idxs, i)
			}
		}
		if q.Type == Multiple {
			v = idxs
		} else if len(idxs) > 0 {
			v = idxs[0]
		}
	case Ordering:
		v = seq(len(q.Items))
	case Matching:
		v = seq(len(q.Pairs))
	case TrueFalse:
		if q.Answer != nil {
			v = *q.Answer
		}
	case Short:
		if len(q.Accept) > 0 {
			v = q.Accept[0]
		}
	case Numeric:
		if q.Value != nil {
			v = *q.Value
		}
	}
	raw, _ := json.Marshal(v)
	return Reviewed{Question: q, Response: raw, Credit: 1, Answered: v != nil}
}
