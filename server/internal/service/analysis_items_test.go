package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"aula/courses"
	"aula/courses/analysis"
	"aula/internal/pgtest"
	"aula/server/internal/service"
)

// TestBackfillScoresEarlierAttempts: attempts received before the center kept their items are
// scored once by the backfill (a second run finds nothing to do), and those arriving unscored
// later are scored by the analysis itself; the figures equal the scorer's on every response.
func TestBackfillScoresEarlierAttempts(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		st, db := testStore(t)
		cr := benchQuiz()
		want := analysis.New(cr.Quiz)
		insert := func(from, to int) {
			t.Helper()
			for i := from; i < to; i++ {
				resp := "["
				for k := range 12 {
					if k > 0 {
						resp += ","
					}
					resp += fmt.Sprint((i * (k + 1)) % 4)
				}
				resp += "]"
				if i == 3 {
					resp = "not json" // kept by an old center: scored as unanswered, as before
				}
				for _, q := range []string{
					`INSERT INTO stations (id, code, name, created_at) VALUES (900, 'T1', 'T', '2026-01-01T00:00:00Z') ON CONFLICT DO NOTHING`,
					fmt.Sprintf(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
						VALUES (%d, 'B%d', 'A', 'B', 'Oficial', 900, 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, 1000+i, i),
				} {
					if _, err := db.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.Exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at,
					received_at, node_id, node_seq, secret, responses) VALUES (?, ?, 900, 'bench', 1, 0, 0, '2026-01-01T00:00:00Z',
					'2026-01-01T00:00:00Z', 'N1', ?, 'secret', ?)`, fmt.Sprint("A", i), 1000+i, i, resp); err != nil {
					t.Fatal(err)
				}
				canon, ok := courses.SplitResponses([]byte(resp))
				if !ok {
					canon = nil
				}
				want.AddCanonical(courses.AttemptSeed(fmt.Sprint("A", i), "secret"), canon, 0)
			}
		}
		course := courseOf(cr)
		insert(0, 2500)
		z := &service.Analyzer{Store: st, Course: course}
		ctx := context.Background()
		if n, err := z.BackfillItems(ctx); err != nil || n != 2500 {
			t.Fatalf("backfill scored %d (%v), want 2500", n, err)
		}
		if n, err := z.BackfillItems(ctx); err != nil || n != 0 {
			t.Fatalf("second backfill scored %d (%v), want 0", n, err)
		}
		insert(2500, 2600)
		a, err := (&service.Analyzer{Store: st, Course: course}).Analyze(ctx, service.AnalysisFilter{CourseID: "bench", Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		w := want.Report()
		if a.Attempts != 2600 || !reflect.DeepEqual(a.Report.Questions[0].Options, w.Questions[0].Options) {
			t.Fatalf("%d attempts analysed, want 2600; options %+v, want %+v", a.Attempts, a.Report.Questions[0].Options, w.Questions[0].Options)
		}
		got, _ := json.Marshal(a.Report)
		exp, _ := json.Marshal(w)
		if string(got) != string(exp) {
			t.Errorf("analysis from stored items:\n%s\nthe scorer's:\n%s", got, exp)
		}
	})
}
