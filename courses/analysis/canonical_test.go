package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"aula/courses"
)

// TestCanonicalCreditsAreTheScorers: attempts fed in canonical form get, question by question,
// the credit the scorer (courses.Score on the node's paper) gave, and the option shares count
// the options the officers chose, whatever the paper's order.
func TestCanonicalCreditsAreTheScorers(t *testing.T) {
	q := quiz(3, 0, courses.Single)
	q.Shuffle = true
	q.Questions[2].Type = courses.Multiple
	q.Questions[2].Options[1].Correct = true // A and B right: choosing A and C earns (1−1)/2 = 0, A alone 1/2
	a := New(q)
	sum := make([]float64, 3)
	chosenA := 0
	for n := range 20 {
		seed := courses.AttemptSeed(fmt.Sprint("att-", n), "secret")
		p := courses.BuildPaper(q, seed)
		resp := map[string]json.RawMessage{}
		for i, pq := range p.Questions {
			opt := pq.Options[(n+i)%len(pq.Options)]
			v, _ := json.Marshal(opt.ID)
			if pq.Type == courses.Multiple {
				v, _ = json.Marshal([]string{opt.ID})
			}
			resp[pq.ID] = v
			if idx, _ := pq.ChoiceIndex(opt.ID); pq.QuestionID(q) == "a" && idx == 0 {
				chosenA++
			}
		}
		for _, r := range courses.Score(q, p, resp).Questions {
			sum[r.Index] += r.Credit
		}
		canon, ok := courses.SplitResponses(p.CanonicalJSON(resp))
		if !ok {
			t.Fatal("canonical responses do not split")
		}
		a.AddCanonical(seed, canon, n%2)
	}
	r := a.Report()
	for i, qs := range r.Questions {
		if qs.Facility == nil || math.Abs(*qs.Facility-sum[i]/20) > 1e-12 {
			t.Errorf("question %s facility %v, the scorer's mean credit %v", qs.ID, qs.Facility, sum[i]/20)
		}
		if qs.Responses != 20 || len(qs.Groups) != 2 || qs.Groups[0].Attempts != 10 {
			t.Errorf("question %s: %d responses, groups %+v", qs.ID, qs.Responses, qs.Groups)
		}
	}
	if got := *r.Questions[0].Options[0].Chosen; math.Abs(got-float64(chosenA)/20) > 1e-12 {
		t.Errorf("option A of question a chosen by %v, the papers say %v", got, float64(chosenA)/20)
	}
}
