package syncer

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"

	"aula/courses"
	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// e2eAttempt is what the test knows of an attempt it made: per question id, the credit the
// node's scorer gave and the option index chosen (single and multiple).
type e2eAttempt struct {
	badge    string
	credit   map[string]float64
	points   map[string]int
	chosen   map[string][]int
	earned   float64
	possible int
}

// TestItemAnalysisEndToEnd: 60 attempts of a seeded pattern taken on a real node reach a real
// center by sync; the center's analysis endpoint gives, for every attempt and for first attempts,
// the figures this test computes on its own from the node's scores (two-pass formulas, tolerance
// 1e-9).
func TestItemAnalysisEndToEnd(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		q := sampleQuiz(t, n.Store)
		rng := rand.New(rand.NewPCG(18, 2026))
		var made []e2eAttempt
		for i := range 60 {
			badge := []string{"PNB-1", "PNB-2"}[i%2]
			a, _, err := n.Store.StartAttempt(context.Background(), badge, "curso-de-prueba", 1, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			paper := courses.BuildPaper(q, courses.AttemptSeed(a.ID, a.Secret))
			resp := map[string]json.RawMessage{}
			rec := e2eAttempt{badge: badge, credit: map[string]float64{}, points: map[string]int{}, chosen: map[string][]int{}}
			for _, pq := range paper.Questions {
				var val any
				switch pq.Type {
				case courses.Single:
					val = pq.Options[rng.IntN(len(pq.Options))].ID
				case courses.Multiple:
					var ids []string
					for _, o := range pq.Options {
						if rng.IntN(2) == 0 {
							ids = append(ids, o.ID)
						}
					}
					val = ids
				case courses.TrueFalse:
					val = rng.IntN(3) > 0
				case courses.Ordering:
					ids := []string{}
					for _, it := range pq.Items {
						ids = append(ids, it.ID)
					}
					rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
					val = ids
				case courses.Matching:
					m := map[string]string{}
					for k, l := range pq.Left {
						m[l.ID] = pq.Right[(k+rng.IntN(2))%len(pq.Right)].ID
					}
					val = m
				case courses.Short:
					val = []string{"24 horas", "veinticuatro", "48 horas"}[rng.IntN(3)]
				case courses.Numeric:
					val = 47 + rng.IntN(3)
				}
				if rng.IntN(12) == 0 {
					continue // left blank now and then
				}
				b, _ := json.Marshal(val)
				resp[pq.ID] = b
				if (pq.Type == courses.Single || pq.Type == courses.Multiple) && string(b) != "null" { // null: no answer
					var ids []string
					if json.Unmarshal(b, &ids) != nil {
						ids = []string{val.(string)}
					}
					for _, id := range ids {
						k, _ := pq.ChoiceIndex(id)
						rec.chosen[pq.QuestionID(q)] = append(rec.chosen[pq.QuestionID(q)], k)
					}
					if ids != nil && len(ids) == 0 {
						rec.chosen[pq.QuestionID(q)] = []int{} // an empty list still answers (credit 0)
					}
				}
			}
			res := courses.Score(q, paper, resp)
			for _, r := range res.Questions {
				rec.credit[r.QuestionID], rec.points[r.QuestionID] = r.Credit, r.Points
			}
			rec.earned, rec.possible = res.Earned, res.Possible
			if err := n.Store.FinishAttempt(context.Background(), a, resp, paper.CanonicalJSON(resp), res, false, nil); err != nil {
				t.Fatal(err)
			}
			made = append(made, rec)
		}
		for range 5 {
			if err := n.Round(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(centerAttempts(t, c)); got != 60 {
			t.Fatalf("the center holds %d attempts, want 60", got)
		}
		compare(t, q, fetchAnalysis(t, c, "all"), made)
		first := []e2eAttempt{made[0], made[1]} // PNB-1's and PNB-2's first attempts, in the node's order
		compare(t, q, fetchAnalysis(t, c, "first"), first)
	})
}

type e2eReport struct {
	Attempts  int      `json:"attempts"`
	Alpha     *float64 `json:"alpha"`
	Questions []struct {
		ID             string   `json:"id"`
		Answered       int      `json:"answered"`
		Facility       *float64 `json:"facility"`
		SD             *float64 `json:"sd"`
		Discrimination *float64 `json:"discrimination"`
		Efficiency     *float64 `json:"efficiency"`
		Options        []struct {
			Chosen *float64 `json:"chosen"`
		} `json:"options"`
	} `json:"questions"`
}

// fetchAnalysis asks the center's analysis endpoint for the sample course's version 1.
func fetchAnalysis(t *testing.T, c *e2e.Center, mode string) e2eReport {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.URL+"/api/v1/courses/curso-de-prueba/1/analysis?attempts="+mode, nil)
	req.Header.Set("Authorization", "Bearer "+centerToken(t, c))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out e2eReport
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("analysis: %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// compare checks the center's figures against the ones computed here.
func compare(t *testing.T, q *courses.Quiz, got e2eReport, made []e2eAttempt) {
	t.Helper()
	if got.Attempts != len(made) {
		t.Fatalf("%d attempts analysed, want %d", got.Attempts, len(made))
	}
	near := func(what string, g *float64, w float64) {
		t.Helper()
		switch {
		case math.IsNaN(w) && g != nil:
			t.Errorf("%s = %v, want null", what, *g)
		case !math.IsNaN(w) && (g == nil || math.Abs(*g-w) > 1e-9):
			t.Errorf("%s = %v, want %.12g", what, g, w)
		}
	}
	var totals []float64
	var itemVars float64
	for i, qq := range q.Questions {
		gq := got.Questions[i]
		var x, y []float64
		answers := 0
		shares := make([]float64, len(qq.Options))
		for _, a := range made {
			cr, ok := a.credit[qq.ID]
			if !ok {
				continue
			}
			x = append(x, cr)
			// the rest of the score in percent, rounded to 1e-9 as docs/analysis.md says
			y = append(y, math.Round(100*(a.earned-float64(a.points[qq.ID])*cr)/float64(a.possible)*1e9)/1e9)
			if ch, ok := a.chosen[qq.ID]; ok {
				answers++
				for _, k := range ch {
					shares[k]++
				}
			}
		}
		if gq.ID != qq.ID || gq.Answered != len(x) {
			t.Fatalf("question %d: %s answered %d, want %s %d", i, gq.ID, gq.Answered, qq.ID, len(x))
		}
		mx, my := mean(x), mean(y)
		var sxx, syy, sxy float64
		for k := range x {
			sxx += (x[k] - mx) * (x[k] - mx)
			syy += (y[k] - my) * (y[k] - my)
			sxy += (x[k] - mx) * (y[k] - my)
		}
		n := float64(len(x))
		near(qq.ID+" facility", gq.Facility, mx)
		wantSD, wantR, wantE := math.NaN(), math.NaN(), math.NaN()
		if len(x) >= 2 {
			wantSD = math.Sqrt(sxx / (n - 1))
			if sxx > 0 && syy > 0 {
				wantR = sxy / math.Sqrt(sxx*syy)
				xs, ys := slices.Clone(x), slices.Clone(y)
				slices.Sort(xs)
				slices.Sort(ys)
				var maxc float64
				for k := range xs {
					maxc += (xs[k] - mx) * (ys[k] - my)
				}
				wantE = sxy / maxc
			}
		}
		near(qq.ID+" sd", gq.SD, wantSD)
		near(qq.ID+" discrimination", gq.Discrimination, wantR)
		near(qq.ID+" efficiency", gq.Efficiency, wantE)
		for k := range gq.Options {
			near(fmt.Sprintf("%s option %d", qq.ID, k), gq.Options[k].Chosen, shares[k]/float64(answers))
		}
		var pts []float64
		for _, a := range made {
			pts = append(pts, float64(a.points[qq.ID])*a.credit[qq.ID])
		}
		itemVars += variance(pts)
	}
	for _, a := range made {
		totals = append(totals, a.earned)
	}
	k := float64(len(q.Questions))
	wantAlpha := math.NaN()
	if len(made) >= 2 && variance(totals) > 0 {
		wantAlpha = k / (k - 1) * (1 - itemVars/variance(totals))
	}
	near("alpha", got.Alpha, wantAlpha)
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func variance(v []float64) float64 {
	m, s := mean(v), 0.0
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return s / float64(len(v)-1)
}
