package service_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"aula/courses"
	"aula/courses/compliance"
	"aula/internal/pgtest"
	"aula/server/internal/benchseed"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// TestCountedComplianceMatchesTheWalk: the counts kept up to date give exactly what a walk over
// every officer gives (summary by every grouping, the 12-month trend, for the national scope and
// a force's, with filters), on the seed and after each kind of change a center sees, made with
// plain SQL so that only the triggers can tell the counts: certificates issued and revoked,
// passed attempts of a course without certificate, officers added, moved, promoted, deactivated
// and back, a station given to another force, requirements added and ended, days and months
// passing.
func TestCountedComplianceMatchesTheWalk(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		ctx := context.Background()
		today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
		cfg := benchseed.Config{Agencies: 4, Stations: 12, Officers: 240, Requirements: 8, Attempts: 900, Today: today}
		c, st, db := seededCenter(t, cfg)
		now := today.Add(15 * time.Hour)
		c.Now = func() time.Time { return now }
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		stamp := func(back int) string { return now.AddDate(0, 0, -back).UTC().Format(time.RFC3339) }
		check := func(step string) {
			t.Helper()
			same(t, ctx, c, step)
			if _, marked, _, err := st.TallyPending(ctx); err != nil || marked {
				t.Fatalf("%s: marks left after the counts were brought up to date (%v)", step, err)
			}
		}
		check("seed")
		basis := tallyBasis(t, db)

		// Certificates issued today and a year ago (expiring soon), one revoked.
		for i, o := range []int{3, 17, 40, 41} {
			exec(`INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at, revoked_at)
				VALUES (?, ?, ?, ?, 1, ?, ?, NULL)`, fmt.Sprintf("t%d", i), fmt.Sprintf("T%07d", i), o, benchseed.CourseID(i%3), stamp(i*200), now.AddDate(2, 0, -i*200).Format(time.RFC3339))
		}
		exec(`UPDATE certificates SET revoked_at = ? WHERE id = ?`, stamp(0), "t1")
		exec(`UPDATE certificates SET revoked_at = ? WHERE id = (SELECT min(id) FROM certificates WHERE officer_id = 5 AND revoked_at IS NULL)`, stamp(0))
		check("certificates")
		if got := tallyBasis(t, db); got != basis {
			t.Fatal("a certificate rebuilt every count: the marks were not used")
		}

		// Officers moved, promoted, deactivated; a new officer; a deactivated one back.
		exec(`UPDATE officers SET station_id = 7 WHERE id IN (2, 14, 26)`)
		exec(`UPDATE officers SET rank = ? WHERE id IN (9, 10)`, benchseed.Ranks[3])
		exec(`UPDATE officers SET active = 0 WHERE id IN (11, 12)`)
		exec(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at, search, active)
			VALUES (9001, 'NUEVO1', 'Ana', 'Pérez', ?, 4, 'x', ?, ?, 'nuevo1', 1)`, benchseed.Ranks[0], stamp(3), stamp(3))
		exec(`INSERT INTO requirement_applies (requirement_id, officer_id, first_day) VALUES (1, 9001, ?)`, now.AddDate(0, 0, -3).Format(time.DateOnly))
		check("officers")
		exec(`UPDATE officers SET active = 1 WHERE id = 11`)
		exec(`UPDATE stations SET agency_id = 3 WHERE id = 2`)
		check("station to another force")

		// A course without certificate, required of everyone: passed attempts complete it.
		exec(`INSERT INTO course_versions (id, course_id, version, title_json, area, hours, manifest, signature, published_by, published_at,
			cert_issue, cert_months) VALUES (900, 'sin-certificado', 1, '{"es":"x","en":"x"}', 'x', 1, ?, ?, 'x', ?, 'none', 0)`, []byte{0}, []byte{0}, stamp(500))
		days := 30
		if st.Postgres() { // the seed wrote the ids itself
			exec(`SELECT setval(pg_get_serial_sequence('requirements', 'id'), 100)`)
		}
		if _, err := st.CreateRequirement(ctx, store.Requirement{CourseID: "sin-certificado", DueDays: &days, WindowDays: 60}, "test"); err != nil {
			t.Fatal(err)
		}
		check("requirement added")
		for i, o := range []int{1, 2, 3, 50} {
			exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at)
				VALUES (?, ?, 1, 'sin-certificado', 1, 0.9, 1, ?, ?)`, fmt.Sprintf("p%d", i), o, stamp(i*40), stamp(0))
			// Attempts arrive by sync, whose push marks their officers (not a trigger:
			// TestPushMarksItsPassedOfficers in store).
			exec(`INSERT INTO compliance_marks (officer_id, n) VALUES (?, 1) ON CONFLICT (officer_id) DO NOTHING`, o)
		}
		check("passed attempts")

		// Time passes: a day, then into the next months (new month ends, old ones dropped).
		for _, d := range []int{1, 5, 40, 400} {
			now = now.AddDate(0, 0, d)
			check(fmt.Sprintf("%d days later", d))
		}
		reqs, err := st.ListRequirements(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteRequirement(ctx, reqs[0].ID, "test"); err != nil {
			t.Fatal(err)
		}
		check("requirement ended")
	})
}

// same fails unless the counted reports equal the walk's for a set of scopes, filters and
// groupings.
func same(t *testing.T, ctx context.Context, c *service.Center, step string) {
	t.Helper()
	for _, sc := range []service.Scope{{}, {Agency: benchseed.AgencyCode(1)}} {
		for _, f := range []service.ComplianceFilter{{}, {Status: compliance.Overdue}, {Status: compliance.Expiring, Course: benchseed.CourseID(0)},
			{State: "Zulia", Rank: benchseed.Ranks[1]}, {Course: benchseed.CourseID(2)}, {Station: benchseed.StationCode(6)},
			{Agency: benchseed.AgencyCode(2), Rank: "oficial"}, {Agency: benchseed.AgencyCode(1), Status: compliance.Compliant}} {
			for _, by := range service.SummaryBy {
				sum, trend, err := c.ComplianceOverview(ctx, sc, f, by, 12)
				if err != nil {
					t.Fatal(err)
				}
				wantSum, wantTrend, err := c.WalkOverview(ctx, sc, f, by, 12)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(sum, wantSum) || !reflect.DeepEqual(trend, wantTrend) {
					t.Fatalf("%s: %+v %+v by %s:\ncounted summary %+v\nwalk           %+v\ncounted trend %+v\nwalk          %+v",
						step, sc, f, by, sum, wantSum, trend, wantTrend)
				}
			}
		}
	}
}

func tallyBasis(t *testing.T, db *sql.DB) string {
	var b string
	if err := db.QueryRow(`SELECT fingerprint FROM compliance_basis`).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCountedReportsRefuseAnUnknownStatus: the counted summary, trend and overview answer an
// unknown status with the same Invalid error as the walk (a 422 at the API), not with counts.
func TestCountedReportsRefuseAnUnknownStatus(t *testing.T) {
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	c, _, _ := seededCenter(t, benchseed.Config{Agencies: 2, Stations: 4, Officers: 20, Requirements: 2, Attempts: 40, Today: today})
	ctx := context.Background()
	bad := service.ComplianceFilter{Status: "al-dia"}
	if _, err := c.ComplianceSummary(ctx, service.Scope{}, bad, "state"); courses.ErrorCode(err) != courses.Invalid {
		t.Errorf("summary: %v, want Invalid", err)
	}
	if _, err := c.ComplianceTrend(ctx, service.Scope{}, bad, 12); courses.ErrorCode(err) != courses.Invalid {
		t.Errorf("trend: %v, want Invalid", err)
	}
	if _, _, err := c.ComplianceOverview(ctx, service.Scope{}, bad, "state", 12); courses.ErrorCode(err) != courses.Invalid {
		t.Errorf("overview: %v, want Invalid", err)
	}
}
