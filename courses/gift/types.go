package gift

import (
	"math"
	"strconv"
	"strings"

	"aula/courses"
)

func full(a answer) bool { return a.weight == nil || *a.weight == 100 }

// choices parses a multiple-choice, multiple-response, short-answer or matching answer part.
func (p *parser) choices(q *courses.Question, body etext) []Skipped {
	ans, ok := p.answers(body)
	if !ok {
		return p.b.skip(MsgBadAnswer, body.String())
	}
	eqs, tildes, arrows, feedback := 0, 0, 0, false
	for _, a := range ans {
		if a.mark == '=' {
			eqs++
		} else {
			tildes++
		}
		if a.text.index("->", 0) >= 0 {
			arrows++
		}
		feedback = feedback || a.feedback != ""
	}
	var notes []Skipped
	lost := func() {
		if feedback {
			notes = append(notes, p.b.skip(MsgFeedbackLost)...)
		}
	}
	switch {
	case tildes == 0 && arrows == len(ans):
		for _, a := range ans {
			i := a.text.index("->", 0)
			q.Pairs = append(q.Pairs, courses.Pair{Left: es(plain(a.text.slice(0, i))), Right: es(plain(a.text.from(i + 2)))})
		}
		if len(q.Pairs) < 2 {
			return p.b.skip(MsgTooFew, courses.Matching)
		}
		q.Type = courses.Matching
		lost()
	case tildes == 0:
		for _, a := range ans {
			if full(a) {
				q.Accept = append(q.Accept, es(plain(a.text)))
			} else {
				notes = append(notes, p.b.skip(MsgDropped, plain(a.text))...)
			}
		}
		if len(q.Accept) == 0 {
			return p.b.skip(MsgPartial)
		}
		q.Type = courses.Short
		lost()
	case eqs > 0:
		for _, a := range ans {
			if (a.mark == '=' && !full(a)) || (a.mark == '~' && a.weight != nil && *a.weight != 0) {
				return p.b.skip(MsgPartial)
			}
		}
		if eqs > 1 {
			return p.b.skip(MsgSeveralRight)
		}
		q.Type = courses.Single
	default:
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, a := range ans {
			if a.weight != nil && *a.weight > 0 {
				lo, hi = min(lo, *a.weight), max(hi, *a.weight)
			}
		}
		if math.IsInf(lo, 1) {
			return p.b.skip(MsgBadAnswer, body.String())
		}
		if hi-lo > 1 {
			return p.b.skip(MsgUnequal)
		}
		q.Type = courses.Multiple
	}
	if q.Type == courses.Single || q.Type == courses.Multiple {
		for _, a := range ans {
			right := a.mark == '=' || (a.weight != nil && *a.weight > 0)
			q.Options = append(q.Options, courses.Option{Text: es(plain(a.text)), Correct: right, Feedback: es(a.feedback)})
		}
		if len(q.Options) < 2 {
			typ := q.Type
			q.Type = ""
			return p.b.skip(MsgTooFew, typ)
		}
	}
	return notes
}

// numeric parses {#3.14:0.01}, {#1..5} and {#=1822:0 =%50%1822:2 ~#feedback}. Aula keeps one
// right value with its tolerance, all or nothing: partial-credit answers are listed as left out.
func (p *parser) numeric(q *courses.Question, body etext) []Skipped {
	var ans []answer
	if body.trim().startsWith("=") || body.trim().startsWith("~") {
		var ok bool
		if ans, ok = p.answers(body.trim()); !ok {
			return p.b.skip(MsgBadAnswer, body.String())
		}
	} else {
		ans = []answer{parseAnswer(etext{r: append([]rune{'='}, body.r...), esc: append([]bool{false}, body.esc...)})}
	}
	type value struct{ v, tol float64 }
	var right []value
	var notes []Skipped
	feedback := false
	for _, a := range ans {
		feedback = feedback || a.feedback != ""
		if a.mark == '~' {
			continue // feedback for any other number
		}
		v, tol, ok := number(a.text.String())
		if !ok {
			return p.b.skip(MsgNumber, a.text.String())
		}
		if !full(a) {
			notes = append(notes, p.b.skip(MsgDropped, a.text.String())...)
			continue
		}
		if len(right) == 0 || right[0] != (value{v, tol}) {
			right = append(right, value{v, tol})
		}
	}
	switch {
	case len(right) == 0:
		return p.b.skip(MsgPartial)
	case len(right) > 1:
		return p.b.skip(MsgSeveralRight)
	}
	q.Type, q.Value, q.Tolerance = courses.Numeric, &right[0].v, right[0].tol
	if feedback {
		notes = append(notes, p.b.skip(MsgFeedbackLost)...)
	}
	return notes
}

// number reads "3.14", "3.14:0.01" or "1..5" as a value and a tolerance.
func number(s string) (v, tol float64, ok bool) {
	f := func(x string) (float64, bool) {
		n, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return n, err == nil && !math.IsNaN(n) && !math.IsInf(n, 0)
	}
	if a, b, isRange := strings.Cut(s, ".."); isRange {
		lo, ok1 := f(a)
		hi, ok2 := f(b)
		if !ok1 || !ok2 || hi < lo || math.IsInf(hi-lo, 0) {
			return 0, 0, false
		}
		return lo + (hi-lo)/2, (hi - lo) / 2, true
	}
	a, b, hasTol := strings.Cut(s, ":")
	v, ok = f(a)
	if hasTol && ok {
		tol, ok = f(b)
		tol = math.Abs(tol)
	}
	return v, tol, ok
}
