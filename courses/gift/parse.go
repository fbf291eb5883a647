package gift

import (
	"math"
	"strconv"
	"strings"

	"aula/courses"
)

type questionOut = courses.Question

type parser struct{ b block }

// answer is one answer of a question's {…} part.
type answer struct {
	mark     rune     // '=' or '~'
	weight   *float64 // %50% when given
	text     etext
	feedback string
}

func es(s string) courses.Text {
	if s == "" {
		return nil
	}
	return courses.Text{"es": s}
}

// question parses "::title:: text {answers} " into a question.
func (p *parser) question(src string) (*courses.Question, []Skipped) {
	t := decode(src).trim()
	title := ""
	if t.startsWith("::") {
		if end := t.index("::", 2); end > 0 {
			title = plain(t.slice(2, end))
			t = t.from(end + 2).trim()
		}
	}
	open := t.index("{", 0)
	if open < 0 {
		return nil, p.b.skip(MsgDescription)
	}
	closing := t.index("}", open)
	if closing < 0 {
		return nil, p.b.skip(MsgUnclosed)
	}
	if rest := plain(t.from(closing + 1)); rest != "" {
		return nil, p.b.skip(MsgMissingWord)
	}
	prompt := plain(t.slice(0, open))
	body := t.slice(open+1, closing).trim()
	general := ""
	if g := body.index("####", 0); g >= 0 {
		general = plain(body.from(g + 4))
		body = body.slice(0, g).trim()
	}
	if prompt == "" && len(body.r) > 0 {
		return nil, p.b.skip(MsgDescription)
	}
	q := &courses.Question{ID: slug(title, prompt), Points: 1, Prompt: es(prompt), Explanation: es(general)}
	var notes []Skipped
	switch {
	case len(body.r) == 0:
		return nil, p.b.skip(MsgEssay)
	case body.startsWith("#"):
		notes = p.numeric(q, body.from(1))
	case isTrueFalse(body):
		notes = p.trueFalse(q, body)
	default:
		notes = p.choices(q, body)
	}
	if q.Type == "" {
		return nil, notes
	}
	return q, notes
}

// isTrueFalse reports whether the answer part is T, F, TRUE or FALSE (with feedback after #).
func isTrueFalse(body etext) bool {
	head := body
	if i := body.index("#", 0); i >= 0 {
		head = body.slice(0, i)
	}
	switch strings.ToUpper(head.trim().String()) {
	case "T", "F", "TRUE", "FALSE":
		return true
	}
	return false
}

// trueFalse: {T}, {FALSE#feedback if wrong#feedback if right}. Aula has no per-answer feedback
// on a true/false question: the feedback joins the explanation.
func (p *parser) trueFalse(q *courses.Question, body etext) []Skipped {
	parts := split(body, "#")
	v := strings.ToUpper(parts[0].trim().String())
	answer := v == "T" || v == "TRUE"
	q.Type, q.Answer = courses.TrueFalse, &answer
	var fb []string
	for _, f := range parts[1:] {
		if s := plain(f); s != "" {
			fb = append(fb, s)
		}
	}
	if len(fb) > 0 {
		q.Explanation = es(strings.TrimSpace(strings.Join(append(fb, q.Explanation["es"]), "\n\n")))
	}
	return nil
}

// split cuts t at every unescaped sep.
func split(t etext, sep string) []etext {
	var out []etext
	for {
		i := t.index(sep, 0)
		if i < 0 {
			return append(out, t)
		}
		out = append(out, t.slice(0, i))
		t = t.from(i + len([]rune(sep)))
	}
}

// answers splits "=a#fb ~%50%b" into answers; text before the first mark makes it invalid.
func (p *parser) answers(body etext) ([]answer, bool) {
	var out []answer
	start := -1
	for i, c := range body.r {
		if (c == '=' || c == '~') && !body.esc[i] && !(c == '=' && i > 0 && body.r[i-1] == '-') {
			if start < 0 && strings.TrimSpace(string(body.r[:i])) != "" {
				return nil, false
			}
			if start >= 0 {
				out = append(out, parseAnswer(body.slice(start, i)))
			}
			start = i
		}
	}
	if start < 0 {
		return nil, false
	}
	return append(out, parseAnswer(body.from(start))), true
}

func parseAnswer(t etext) answer {
	a := answer{mark: t.r[0]}
	t = t.from(1).trim()
	if t.startsWith("%") {
		if end := t.index("%", 1); end > 0 {
			if w, err := strconv.ParseFloat(t.slice(1, end).String(), 64); err == nil && !math.IsNaN(w) && !math.IsInf(w, 0) {
				a.weight = &w
				t = t.from(end + 1)
			}
		}
	}
	if i := t.index("#", 0); i >= 0 {
		a.feedback = plain(t.from(i + 1))
		t = t.slice(0, i)
	}
	a.text = t.trim()
	return a
}
