package service_test

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"aula/courses/compliance"
	"aula/server/internal/benchseed"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// seededCenter fills a center with a small national population (benchseed) read on today.
func seededCenter(t *testing.T, cfg benchseed.Config) (*service.Center, *store.Store, *sql.DB) {
	st, db := testStore(t)
	if err := st.Bulk(context.Background(), func(exec func(string, ...any) error) error { return benchseed.Seed(cfg, exec) }); err != nil {
		t.Fatal(err)
	}
	now := cfg.Today.Add(15 * time.Hour)
	return &service.Center{Store: st, Now: func() time.Time { return now }}, st, db
}

// oracleHeld reads an officer's certificates of a course straight from the database.
func oracleHeld(t *testing.T, db *sql.DB, officer int64, course string) []compliance.Completion {
	rows, err := db.Query(`SELECT course_version, issued_at, coalesce(expires_at, ''), revoked_at IS NOT NULL FROM certificates
		WHERE officer_id = ? AND course_id = ?`, officer, course)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []compliance.Completion
	for rows.Next() {
		var c compliance.Completion
		var issued, expires string
		if err := rows.Scan(&c.Version, &issued, &expires, &c.Revoked); err != nil {
			t.Fatal(err)
		}
		i, _ := time.Parse(time.RFC3339, issued)
		c.Completed = compliance.Day(i, nil)
		if e, err := time.Parse(time.RFC3339, expires); err == nil {
			c.Expires = compliance.Day(e, nil)
		}
		out = append(out, c)
	}
	return out
}

// TestComplianceOverviewMatchesSummaryAndTrend: the dashboard's one walk gives exactly the
// summary and the 12-month trend of the two separate reports, for randomized populations, every
// grouping, the national and an agency's scope, and a status filter.
func TestComplianceOverviewMatchesSummaryAndTrend(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 15))
	ctx := context.Background()
	for range 2 {
		today := time.Date(2026, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		cfg := benchseed.Config{Agencies: 3 + rng.IntN(4), Stations: 10 + rng.IntN(10), Officers: 150 + rng.IntN(150), Requirements: 4 + rng.IntN(7),
			Attempts: 500 + rng.IntN(1000), Today: today}
		c, _, _ := seededCenter(t, cfg)
		for _, sc := range []service.Scope{{}, {Agency: benchseed.AgencyCode(1)}} {
			for _, f := range []service.ComplianceFilter{{}, {Status: compliance.Overdue}, {State: "Zulia", Rank: benchseed.Ranks[1]}} {
				for _, by := range service.SummaryBy {
					sum, trend, err := c.ComplianceOverview(ctx, sc, f, by, 12)
					if err != nil {
						t.Fatal(err)
					}
					wantSum, err := c.ComplianceSummary(ctx, sc, f, by)
					if err != nil {
						t.Fatal(err)
					}
					wantTrend, err := c.ComplianceTrend(ctx, sc, f, 12)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(sum, wantSum) || !reflect.DeepEqual(trend, wantTrend) {
						t.Fatalf("%v %+v by %s:\nsummary %+v\nwant    %+v\ntrend %+v\nwant  %+v", sc, f, by, sum, wantSum, trend, wantTrend)
					}
				}
			}
		}
	}
}

// TestComplianceRowsMatchRules: every row the center reports is what courses/compliance decides
// for that officer from his certificates read straight from the database (the oracle), no
// applicable pair is missing, and the trend's last point counts the same statuses.
func TestComplianceRowsMatchRules(t *testing.T) {
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	cfg := benchseed.Config{Agencies: 4, Stations: 12, Officers: 240, Requirements: 10, Attempts: 900, Today: today}
	c, st, db := seededCenter(t, cfg)
	ctx := context.Background()
	reqs, err := st.ListRequirements(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]int64]service.ComplianceRow{}
	if err := c.ComplianceRows(ctx, service.Scope{}, service.ComplianceFilter{}, func(r service.ComplianceRow) error {
		got[[2]int64{r.OfficerID, r.RequirementID}] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := 0
	var counts compliance.Counts
	err = st.StreamCompliance(ctx, store.ComplianceFilter{}, nil, func(o *store.ComplianceOfficer) error {
		for _, r := range reqs {
			done := oracleHeld(t, db, o.ID, r.CourseID)
			first := compliance.Day(r.CreatedAt, nil)
			if d := compliance.Day(o.CreatedAt, nil); d.After(first) {
				first = d
			}
			res := compliance.Evaluate(service.Rule(r), compliance.Officer{Agency: o.Agency, Station: o.Station, Rank: o.Rank, FirstApplied: first}, done, today)
			row, ok := got[[2]int64{o.ID, r.ID}]
			if ok != res.Applies {
				t.Fatalf("officer %d requirement %d: reported %v, applies %v", o.ID, r.ID, ok, res.Applies)
			}
			if !ok {
				continue
			}
			want++
			counts.Add(res.Status)
			if row.Status != res.Status || !row.DueAt.Equal(res.DueAt) || !row.ExpiresAt.Equal(res.Expires) {
				t.Fatalf("officer %d requirement %d: %+v, rules say %+v", o.ID, r.ID, row, res)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want != len(got) || want == 0 {
		t.Fatalf("%d rows reported, %d apply", len(got), want)
	}
	// The trend's last point is today, from what was known by today: here, everything.
	trend, err := c.ComplianceTrend(ctx, service.Scope{}, service.ComplianceFilter{}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if last := trend[len(trend)-1]; last.Counts != counts || !last.Day.Equal(today) {
		t.Fatalf("trend ends %+v, the rules count %+v", last, counts)
	}
	if first := trend[0]; first.Required == 0 || first.Required > counts.Required {
		t.Fatalf("a year ago %+v, today %+v", first, counts)
	}
}
