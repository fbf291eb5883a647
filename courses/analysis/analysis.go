// Package analysis computes the item statistics of a course version's quiz (contract §7): per
// question the facility, standard deviation, discrimination and discriminative efficiency, the
// share of answers choosing each option and the flags a course author acts on; per version
// Cronbach's alpha. It is pure: attempts are fed one at a time (Add, AddCanonical) into
// accumulators whose size does not grow with the number of attempts, so a million attempts are
// analysed in one pass without being held in memory. docs/analysis.md gives the formulas in words.
package analysis

import (
	"encoding/json"
	"math"
	"strings"

	"aula/courses"
)

// Flags a question may carry (contract §7).
const (
	TooEasy                = "too_easy"                // facility > 0.95
	TooHard                = "too_hard"                // facility < 0.2
	NegativeDiscrimination = "negative_discrimination" // discrimination < 0
	WeakDiscrimination     = "weak_discrimination"     // 0 ≤ discrimination < 0.2
	UnusedOption           = "unused_option"           // an option chosen by < 5 % of the answers
)

// Thresholds of the flags.
const (
	EasyAbove   = 0.95
	HardBelow   = 0.2
	WeakBelow   = 0.2
	UnusedBelow = 0.05
)

// Item is one question of one attempt as the scorer saw it.
type Item struct {
	Question int     // index in the quiz's questions
	Points   int     // the question's points
	Credit   float64 // 0..1, as courses.ScoreDetail gives it
	Answered bool    // a well-formed response was given
	Chosen   uint64  // single and multiple: the options chosen (bit i: option i)
}

// Accumulator gathers the statistics of one course version's quiz, one attempt at a time.
type Accumulator struct {
	quiz     *courses.Quiz
	qs       []question
	attempts int64
	total    moments // the total score (points) of the attempts holding every question
	items    []Item  // scratch for AddCanonical
}

// question is what is gathered about one question.
type question struct {
	pair    comoments // (credit, rest of the attempt's score in percent)
	credits histogram
	rests   histogram
	answers int64      // well-formed responses
	chosen  []int64    // per option: answers choosing it
	full    moments    // points earned, over the attempts holding every question (alpha)
	groups  []groupSum // per group (a station, say): attempts and credit
}

// groupSum is one group's attempts holding the question and their summed credit.
type groupSum struct {
	n   int64
	sum float64
}

// New returns an empty accumulator for the quiz.
func New(q *courses.Quiz) *Accumulator {
	a := &Accumulator{quiz: q, qs: make([]question, len(q.Questions))}
	for i := range q.Questions {
		a.qs[i].chosen = make([]int64, len(q.Questions[i].Options))
	}
	return a
}

// AddCanonical adds an attempt stored in canonical form (the center's): it is scored with
// courses.ScoreDetail, the rules the center's re-score applies, so every credit is the scorer's.
// group (≥ 0) is the attempt's group for Groups, e.g. its station; −1 for none. It returns the
// attempt's items, valid until the next call.
func (a *Accumulator) AddCanonical(seed string, canon []json.RawMessage, group int) []Item {
	_, a.items = Score(a.quiz, seed, canon, a.items[:0])
	a.Add(a.items, group)
	return a.items
}

// Add adds one attempt: the questions it held (each at most once) with their credits.
func (a *Accumulator) Add(items []Item, group int) {
	a.attempts++
	earned, possible := 0.0, 0
	for _, it := range items {
		earned += float64(it.Points) * it.Credit
		possible += it.Points
	}
	full := len(items) == len(a.qs) && len(a.qs) >= 2
	if full {
		a.total.add(earned)
	}
	for _, it := range items {
		q := &a.qs[it.Question]
		rest := 0.0
		if possible > 0 {
			rest = restScore(earned, it.Points, it.Credit, possible)
		}
		q.pair.add(it.Credit, rest)
		q.credits.add(it.Credit)
		q.rests.add(rest)
		if it.Answered {
			q.answers++
			for o, set := 0, it.Chosen; set != 0 && o < len(q.chosen); o, set = o+1, set>>1 {
				if set&1 != 0 {
					q.chosen[o]++
				}
			}
		}
		if full {
			q.full.add(float64(it.Points) * it.Credit)
		}
		if group >= 0 {
			for len(q.groups) <= group {
				q.groups = append(q.groups, groupSum{})
			}
			q.groups[group].n++
			q.groups[group].sum += it.Credit
		}
	}
}

// restScore is the rest of an attempt's score without one question, in percent of the attempt's
// possible points: 100 · (earned − points · credit) ÷ possible, rounded to 1e-9 so that scores
// summed in different orders (a shuffled paper) compare equal instead of differing by rounding.
func restScore(earned float64, points int, credit float64, possible int) float64 {
	return math.Round(100*(earned-float64(points)*credit)/float64(possible)*1e9) / 1e9
}

// Report is the statistics of a course version's quiz.
type Report struct {
	Attempts  int      // attempts analysed
	Alpha     *float64 // Cronbach's alpha; nil when fewer than 2 attempts hold every question
	Questions []Question
}

// Question is one question's statistics. A figure that is undefined (no attempt, no variation)
// is nil.
type Question struct {
	Index          int // in the quiz's questions
	ID, Type       string
	Answered       int // attempts that held the question (a blank counts, with credit 0)
	Responses      int // of them, well-formed responses: the base of the option shares
	Facility       *float64
	SD             *float64
	Discrimination *float64
	Efficiency     *float64
	Flags          []string
	Options        []Option // single and multiple
	Groups         []GroupFacility
}

// Option is an option of a single or multiple question and the share of answers choosing it.
type Option struct {
	Text    courses.Text
	Correct bool
	Chosen  *float64 // nil when no one answered
}

// GroupFacility is the facility of a question within one group.
type GroupFacility struct {
	Group    int
	Attempts int
	Facility float64
}

// snap makes a correlation that is zero but for rounding (|r| < 1e-12) exactly zero, so a
// question that does not discriminate is flagged weak, not negative.
func snap(r float64) float64 {
	if math.Abs(r) < 1e-12 {
		return 0
	}
	return r
}

func ptr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Report computes the statistics of what was added so far.
func (a *Accumulator) Report() *Report {
	r := &Report{Attempts: int(a.attempts), Questions: make([]Question, len(a.qs))}
	k := float64(len(a.qs))
	sumVar := 0.0
	for i := range a.qs {
		r.Questions[i] = a.question(i)
		sumVar += a.qs[i].full.variance()
	}
	if a.total.n >= 2 {
		if tv := a.total.variance(); tv > 0 {
			r.Alpha = ptr(k / (k - 1) * (1 - sumVar/tv))
		}
	}
	return r
}

func (a *Accumulator) question(i int) Question {
	qq, q := &a.quiz.Questions[i], &a.qs[i]
	p := q.pair
	out := Question{Index: i, ID: qq.ID, Type: qq.Type, Answered: int(p.n), Responses: int(q.answers), Flags: []string{}}
	if p.n > 0 {
		out.Facility = ptr(p.mx)
	}
	if p.n >= 2 {
		out.SD = ptr(math.Sqrt(p.mxx / float64(p.n-1)))
		if p.mxx > 0 && p.myy > 0 {
			out.Discrimination = ptr(snap(p.cxy / math.Sqrt(p.mxx*p.myy)))
			if m := maxCoDeviation(q.credits.sorted(), q.rests.sorted(), p.mx, p.my); m > 0 {
				out.Efficiency = ptr(snap(p.cxy / m))
			}
		}
	}
	if qq.Type == courses.Single || qq.Type == courses.Multiple {
		out.Options = make([]Option, len(qq.Options))
		for o, opt := range qq.Options {
			out.Options[o] = Option{Text: opt.Text, Correct: opt.Correct}
			if q.answers > 0 {
				out.Options[o].Chosen = ptr(float64(q.chosen[o]) / float64(q.answers))
			}
		}
	}
	for g, gr := range q.groups {
		if gr.n > 0 {
			out.Groups = append(out.Groups, GroupFacility{Group: g, Attempts: int(gr.n), Facility: gr.sum / float64(gr.n)})
		}
	}
	out.Flags = flags(out)
	return out
}

// flags lists what a course author should look at, in the contract's order.
func flags(q Question) []string {
	out := []string{}
	if f := q.Facility; f != nil {
		if *f > EasyAbove {
			out = append(out, TooEasy)
		}
		if *f < HardBelow {
			out = append(out, TooHard)
		}
	}
	if d := q.Discrimination; d != nil {
		if *d < 0 {
			out = append(out, NegativeDiscrimination)
		} else if *d < WeakBelow {
			out = append(out, WeakDiscrimination)
		}
	}
	for _, o := range q.Options {
		if o.Chosen != nil && *o.Chosen < UnusedBelow {
			out = append(out, UnusedOption)
			break
		}
	}
	return out
}

// Cites reports whether a question cites a lesson: its prompt or explanation, in any language,
// names the lesson's file (a link such as [lección 4](lessons/04-armas-de-fuego.md)).
func Cites(q *courses.Question, lessonID string) bool {
	for _, t := range []courses.Text{q.Prompt, q.Explanation} {
		for _, s := range t {
			if strings.Contains(s, lessonID) {
				return true
			}
		}
	}
	return false
}
