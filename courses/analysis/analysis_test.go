package analysis

import (
	"math"
	"slices"
	"testing"

	"aula/courses"
)

// quiz returns a quiz of n questions of type typ (1 point; single ones with three options, the
// first correct) drawing draw of them (0: all).
func quiz(n, draw int, typ string) *courses.Quiz {
	q := &courses.Quiz{PassMark: 50, Draw: draw, Review: courses.ReviewScore}
	yes := true
	for i := range n {
		qq := courses.Question{ID: string(rune('a' + i)), Type: typ, Points: 1, Prompt: courses.Text{"es": "¿?"}}
		if typ == courses.Single {
			qq.Options = []courses.Option{{Text: courses.Text{"es": "A"}, Correct: true}, {Text: courses.Text{"es": "B"}}, {Text: courses.Text{"es": "C"}}}
		} else {
			qq.Answer = &yes
		}
		q.Questions = append(q.Questions, qq)
	}
	return q
}

// att builds an attempt: for each question index, its credit (1 or 0) and, for single questions,
// the option chosen.
func att(qs []int, credits []float64, chosen []int) []Item {
	out := make([]Item, len(qs))
	for i := range qs {
		out[i] = Item{Question: qs[i], Points: 1, Credit: credits[i], Answered: true}
		if chosen != nil {
			out[i].Chosen = 1 << chosen[i]
		}
	}
	return out
}

type want struct {
	answered                  int
	facility, sd, disc, effic float64 // NaN: nil
	flags                     []string
	options                   []float64 // NaN: nil
}

var nan = math.NaN()

func TestReportByHand(t *testing.T) {
	tests := []struct {
		name     string
		quiz     *courses.Quiz
		attempts [][]Item
		alpha    float64 // NaN: nil
		want     []want
	}{{
		// Four attempts of three single questions, option A right:
		//   A1: 1 1 1 (score 3)  A2: 1 0(B) 1 (2)  A3: 0(B) 1 0(C) (1)  A4: 0(C) 0(B) 0(B) (0)
		// In units of one question's share (100/3 %), the rest of the score is:
		//   q1: x=1,1,0,0  rest=2,1,1,0: mean .5 and 1; Σdx·dy = .5+0+0+.5 = 1, Σdx² = 1, Σdy² = 2
		//       → r = 1/√2 = .70711; sd = √(1/3) = .57735; sorted pairs (0,0)(0,1)(1,1)(1,2) give the
		//       same Σ = 1 → efficiency 1. Shares: A 2/4, B 1/4, C 1/4.
		//   q2: x=1,0,1,0  rest=2,2,0,0: Σdx·dy = .5−.5−.5+.5 = 0 → r = 0 (weak); max Σ = 2 → eff 0;
		//       shares A .5, B .5, C 0 (unused).
		//   q3: as q1 (x=1,1,0,0, rest=2,1,1,0).
		// Alpha: each item's variance 1/3 (Σ 1); totals 3,2,1,0 have variance 5/3;
		//   α = 3/2 · (1 − 1/(5/3)) = 0.6.
		name: "four attempts",
		quiz: quiz(3, 0, courses.Single),
		attempts: [][]Item{
			att([]int{0, 1, 2}, []float64{1, 1, 1}, []int{0, 0, 0}),
			att([]int{0, 1, 2}, []float64{1, 0, 1}, []int{0, 1, 0}),
			att([]int{0, 1, 2}, []float64{0, 1, 0}, []int{1, 0, 2}),
			att([]int{0, 1, 2}, []float64{0, 0, 0}, []int{2, 1, 1}),
		},
		alpha: 0.6,
		want: []want{
			{4, .5, math.Sqrt(1.0 / 3), 1 / math.Sqrt2, 1, []string{}, []float64{.5, .25, .25}},
			{4, .5, math.Sqrt(1.0 / 3), 0, 0, []string{WeakDiscrimination, UnusedOption}, []float64{.5, .5, 0}},
			{4, .5, math.Sqrt(1.0 / 3), 1 / math.Sqrt2, 1, []string{}, []float64{.5, .25, .25}},
		},
	}, {
		// Three attempts of three true/false questions: A1: 0 1 1 (2)  A2: 1 0 0 (1)  A3: 0 1 0 (1).
		//   q1: x=0,1,0  rest=2,0,1: means 1/3 and 1; Σdx·dy = −1/3 − 2/3 + 0 = −1; Σdx² = 2/3;
		//       Σdy² = 2 → r = −1/√(4/3) = −.86603; sorted pairs (0,0)(0,1)(1,2): max Σ = 1/3+0+2/3
		//       = 1 → efficiency −1; sd = √((2/3)/2) = .57735.
		//   q2: x=1,0,1  rest=1,1,0: Σdx·dy = (1/3)(1/3) + (−2/3)(1/3) + (1/3)(−2/3) = −1/3;
		//       Σdx² = 2/3, Σdy² = 2/3 → r = −.5; sorted (0,0)(1,1)(1,1): max Σ = 2/9+1/9+1/9... = 2/3
		//       (x dev −2/3,1/3,1/3 with y dev −2/3,1/3,1/3: 4/9+1/9+1/9) → eff = −.5.
		//   q3: x=1,0,0  rest=1,1,1: the rest does not vary → discrimination and efficiency nil.
		// Alpha: item variances 1/3, 1/3, 1/3 (Σ 1); totals 2,1,1 have variance 1/3 → α = 3/2·(1−3) = −3.
		name: "negative discrimination",
		quiz: quiz(3, 0, courses.TrueFalse),
		attempts: [][]Item{
			att([]int{0, 1, 2}, []float64{0, 1, 1}, nil),
			att([]int{0, 1, 2}, []float64{1, 0, 0}, nil),
			att([]int{0, 1, 2}, []float64{0, 1, 0}, nil),
		},
		alpha: -3,
		want: []want{
			{3, 1.0 / 3, math.Sqrt(1.0 / 3), -1 / math.Sqrt(4.0/3), -1, []string{NegativeDiscrimination}, nil},
			{3, 2.0 / 3, math.Sqrt(1.0 / 3), -.5, -.5, []string{NegativeDiscrimination}, nil},
			{3, 1.0 / 3, math.Sqrt(1.0 / 3), nan, nan, []string{}, nil},
		},
	}, {
		// Every officer right on q1 (sd 0 → discrimination nil), q2 wrong by everyone (too hard).
		name: "every officer right",
		quiz: quiz(2, 0, courses.TrueFalse),
		attempts: [][]Item{
			att([]int{0, 1}, []float64{1, 0}, nil),
			att([]int{0, 1}, []float64{1, 0}, nil),
			att([]int{0, 1}, []float64{1, 0}, nil),
		},
		alpha: nan, // the total does not vary
		want: []want{
			{3, 1, 0, nan, nan, []string{TooEasy}, nil},
			{3, 0, 0, nan, nan, []string{TooHard}, nil},
		},
	}, {
		// One attempt: a facility, nothing that needs two.
		name:     "one attempt",
		quiz:     quiz(2, 0, courses.Single),
		attempts: [][]Item{att([]int{0, 1}, []float64{1, 0}, []int{0, 2})},
		alpha:    nan,
		want: []want{
			{1, 1, nan, nan, nan, []string{TooEasy, UnusedOption}, []float64{1, 0, 0}},
			{1, 0, nan, nan, nan, []string{TooHard, UnusedOption}, []float64{0, 0, 1}},
		},
	}, {
		// A pool of 4 drawing 2: no attempt holds every question (alpha nil); q4 seen by no one.
		//   A1: q1=1 q2=1 (score 2 of 2)  A2: q1=0 q3=1 (1)  A3: q2=0 q3=0 (0)  A4: q1=1 q3=0 (1)
		// Rest in % = 100·(score − credit)/2.
		// q1 over A1, A2, A4: x=1,0,1; rest = 50, 50, 0: means 2/3 and 100/3; dx = 1/3, −2/3, 1/3;
		//   dy = 50/3, 50/3, −100/3; Σdx·dy = 50/9 − 100/9 − 100/9 = −150/9; Σdx² = 2/3;
		//   Σdy² = 15000/9 → r = (−150/9)/√(2/3 · 15000/9) = −16.667/33.333 = −.5;
		//   sorted (0,0)(1,50)(1,50): max Σ = (−2/3)(−100/3) + 2·(1/3)(50/3) = 300/9 → eff = −.5.
		// q2 over A1, A3: x=1,0; rest = 50, 0 → r = 1, eff = 1; sd = √(1/2).
		// q3 over A2, A3, A4: x=1,0,0; rest = 0, 0, 50: the mirror of q1 → r = −.5, eff = −.5.
		name: "random draws from a pool",
		quiz: quiz(4, 2, courses.TrueFalse),
		attempts: [][]Item{
			att([]int{0, 1}, []float64{1, 1}, nil),
			att([]int{0, 2}, []float64{0, 1}, nil),
			att([]int{1, 2}, []float64{0, 0}, nil),
			att([]int{0, 2}, []float64{1, 0}, nil),
		},
		alpha: nan,
		want: []want{
			{3, 2.0 / 3, math.Sqrt(1.0 / 3), -.5, -.5, []string{NegativeDiscrimination}, nil},
			{2, .5, math.Sqrt(.5), 1, 1, []string{}, nil},
			{3, 1.0 / 3, math.Sqrt(1.0 / 3), -.5, -.5, []string{NegativeDiscrimination}, nil},
			{0, nan, nan, nan, nan, []string{}, nil},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := New(tc.quiz)
			for _, at := range tc.attempts {
				a.Add(at, -1)
			}
			r := a.Report()
			if r.Attempts != len(tc.attempts) {
				t.Errorf("attempts %d, want %d", r.Attempts, len(tc.attempts))
			}
			checkNum(t, "alpha", r.Alpha, tc.alpha)
			for i, w := range tc.want {
				q := r.Questions[i]
				if q.Answered != w.answered {
					t.Errorf("q%d answered %d, want %d", i+1, q.Answered, w.answered)
				}
				checkNum(t, "facility", q.Facility, w.facility)
				checkNum(t, "sd", q.SD, w.sd)
				checkNum(t, "discrimination", q.Discrimination, w.disc)
				checkNum(t, "efficiency", q.Efficiency, w.effic)
				if !slices.Equal(q.Flags, w.flags) {
					t.Errorf("q%d flags %v, want %v", i+1, q.Flags, w.flags)
				}
				if len(q.Options) != len(w.options) {
					t.Fatalf("q%d has %d options, want %d", i+1, len(q.Options), len(w.options))
				}
				for o, share := range w.options {
					checkNum(t, "option share", q.Options[o].Chosen, share)
				}
			}
		})
	}
}

func checkNum(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(want) && got != nil:
		t.Errorf("%s = %v, want null", what, *got)
	case !math.IsNaN(want) && got == nil:
		t.Errorf("%s = null, want %v", what, want)
	case got != nil && math.Abs(*got-want) > 1e-9: // rest scores are rounded to 1e-9
		t.Errorf("%s = %.15g, want %.15g", what, *got, want)
	}
}
