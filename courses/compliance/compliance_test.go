package compliance

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	today := day("2026-06-15")
	byDays := Requirement{ID: 1, CourseID: "uso-de-la-fuerza", DueDays: 30}
	byDate := Requirement{ID: 2, CourseID: "uso-de-la-fuerza", DueDate: day("2026-06-01")}
	inCCS := Officer{Agency: "CPNB", Station: "CCS-01", Rank: "Oficial", FirstApplied: day("2026-06-01")}
	valid := Completion{Version: 1, Completed: day("2026-01-10"), Expires: day("2027-01-10")}
	cases := []struct {
		name    string
		r       Requirement
		o       Officer
		done    []Completion
		applies bool
		status  string
		due     string
		expires string
	}{
		{"no completion, within due_days", byDays, inCCS, nil, true, Due, "2026-07-01", ""},
		{"due_days count from first applied: a new officer gets the full N days", byDays,
			Officer{Agency: "CPNB", Station: "CCS-01", FirstApplied: day("2026-06-14")}, nil, true, Due, "2026-07-14", ""},
		{"first applied unknown is today", byDays, Officer{}, nil, true, Due, "2026-07-15", ""},
		{"due_days passed", byDays, Officer{FirstApplied: day("2026-05-01")}, nil, true, Overdue, "2026-05-31", ""},
		{"fixed date passed", byDate, inCCS, nil, true, Overdue, "2026-06-01", ""},
		{"fixed date is today: still due", Requirement{DueDate: today}, inCCS, nil, true, Due, "2026-06-15", ""},
		{"fixed date vs due_days: the date ignores first applied", byDate,
			Officer{FirstApplied: day("2026-06-10")}, nil, true, Overdue, "2026-06-01", ""},
		{"valid certificate", byDate, inCCS, []Completion{valid}, true, Compliant, "2027-01-10", "2027-01-10"},
		{"no valid_months: never expires", byDate, inCCS, []Completion{{Version: 1, Completed: day("2020-01-01")}}, true, Compliant, "", ""},
		{"revoked certificate counts as none", byDate, inCCS, []Completion{{Version: 1, Completed: day("2026-01-10"), Expires: day("2027-01-10"), Revoked: true}}, true, Overdue, "2026-06-01", ""},
		{"revoked one, valid other", byDate, inCCS, []Completion{{Version: 2, Completed: day("2026-03-01"), Revoked: true}, valid}, true, Compliant, "2027-01-10", "2027-01-10"},
		{"course version change: an older version's certificate counts", byDate, inCCS,
			[]Completion{{Version: 1, Completed: day("2025-09-01"), Expires: day("2026-09-01")}}, true, Compliant, "2026-09-01", "2026-09-01"},
		{"newest of two versions lasts longest", byDate, inCCS,
			[]Completion{{Version: 1, Completed: day("2025-09-01"), Expires: day("2026-07-01")}, {Version: 2, Completed: day("2026-05-01"), Expires: day("2027-05-01")}}, true, Compliant, "2027-05-01", "2027-05-01"},
		{"expiry window: 60 days before is expiring", byDate, inCCS,
			[]Completion{{Completed: day("2025-08-14"), Expires: day("2026-08-14")}}, true, Expiring, "2026-08-14", "2026-08-14"},
		{"expiry window: 61 days before is compliant", byDate, inCCS,
			[]Completion{{Completed: day("2025-08-15"), Expires: day("2026-08-15")}}, true, Compliant, "2026-08-15", "2026-08-15"},
		{"custom window", Requirement{DueDate: day("2026-01-01"), WindowDays: 10}, inCCS,
			[]Completion{{Completed: day("2025-07-01"), Expires: day("2026-07-01")}}, true, Compliant, "2026-07-01", "2026-07-01"},
		{"expires today: lapsed, due again from its expiry, which has come", byDate, inCCS,
			[]Completion{{Completed: day("2025-06-15"), Expires: today}}, true, Due, "2026-06-15", "2026-06-15"},
		{"expired: overdue since it lapsed", byDays, inCCS,
			[]Completion{{Completed: day("2025-01-10"), Expires: day("2026-01-10")}}, true, Due, "2026-07-01", "2026-01-10"},
		{"expired, due rule already passed: overdue", byDate, inCCS,
			[]Completion{{Completed: day("2025-05-01"), Expires: day("2026-06-10")}}, true, Overdue, "2026-06-10", "2026-06-10"},
		{"moved station: out of a station requirement's scope", Requirement{Station: "CCS-01", DueDays: 30}, Officer{Station: "MCY-02"}, nil, false, "", "", ""},
		{"moved station: into it", Requirement{Station: "ccs-01", DueDays: 30}, Officer{Station: "CCS-01", FirstApplied: day("2026-06-10")}, nil, true, Due, "2026-07-10", ""},
		{"other agency", Requirement{Agency: "PEZ", DueDays: 30}, inCCS, nil, false, "", "", ""},
		{"rank change: no longer that rank", Requirement{Rank: "Supervisor", DueDays: 30}, inCCS, nil, false, "", "", ""},
		{"rank change: promoted into it (case and spaces ignored)", Requirement{Rank: " oficial ", DueDays: 30}, inCCS, nil, true, Due, "2026-07-01", ""},
		{"agency and rank combined", Requirement{Agency: "CPNB", Rank: "Oficial", DueDate: day("2026-12-31")}, inCCS, nil, true, Due, "2026-12-31", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Evaluate(c.r, c.o, c.done, today)
			if got.Applies != c.applies || got.Status != c.status || str(got.DueAt) != c.due || str(got.Expires) != c.expires {
				t.Errorf("got applies=%v status=%q due=%q expires=%q, want %v %q %q %q",
					got.Applies, got.Status, str(got.DueAt), str(got.Expires), c.applies, c.status, c.due, c.expires)
			}
		})
	}
}

// TestSeveralRequirementsOnOneCourse: one completion answers every requirement of its course, each
// judged by its own due rule and window.
func TestSeveralRequirementsOnOneCourse(t *testing.T) {
	t.Parallel()
	today := day("2026-06-15")
	o := Officer{Agency: "CPNB", Station: "CCS-01", Rank: "Oficial", FirstApplied: day("2026-06-01")}
	everyone := Requirement{ID: 1, DueDate: day("2026-03-01")}
	officers := Requirement{ID: 2, Rank: "Oficial", DueDays: 90, WindowDays: 120}
	none := []Completion(nil)
	if a, b := Evaluate(everyone, o, none, today), Evaluate(officers, o, none, today); a.Status != Overdue || b.Status != Due {
		t.Errorf("without completion: %s and %s, want overdue and due", a.Status, b.Status)
	}
	held := []Completion{{Completed: day("2026-06-10"), Expires: day("2026-10-01")}}
	if a, b := Evaluate(everyone, o, held, today), Evaluate(officers, o, held, today); a.Status != Compliant || b.Status != Expiring {
		t.Errorf("with one completion: %s and %s, want compliant and expiring (windows 60 and 120 days)", a.Status, b.Status)
	}
}

func TestCountsRate(t *testing.T) {
	t.Parallel()
	var c Counts
	if c.Rate() != 0 {
		t.Fatal("nothing required must rate 0")
	}
	for _, s := range []string{Compliant, Expiring, Due, Overdue} {
		c.Add(s)
	}
	if c.Required != 4 || c.Rate() != 0.5 {
		t.Errorf("counts %+v rate %v, want 4 required and 0.5", c, c.Rate())
	}
}

func TestDay(t *testing.T) {
	t.Parallel()
	caracas := time.FixedZone("VET", -4*3600)
	late := time.Date(2026, 6, 16, 2, 0, 0, 0, time.UTC) // 22:00 on the 15th in Caracas
	if got := Day(late, caracas); !got.Equal(day("2026-06-15")) {
		t.Errorf("Day = %v, want 2026-06-15 (the center's day, not UTC's)", got)
	}
}

func str(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
