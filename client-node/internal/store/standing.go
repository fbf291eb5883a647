package store

import (
	"time"

	"aula/courses/compliance"
)

// Standing is where an officer stands with one requirement (Applies false when its scope does not
// take him in).
type Standing struct {
	Requirement compliance.Requirement
	compliance.Result
}

// OfficerStanding is an officer of the station with a standing per requirement of the programme,
// in the programme's order.
type OfficerStanding struct {
	Officer   Officer
	Standings []Standing
}

// Evaluate computes, with courses/compliance (the same function as the center), where every
// officer of p stands with every requirement on the day today (a calendar day, compliance.Day).
func (p *Programme) Evaluate(today time.Time) []OfficerStanding {
	out := make([]OfficerStanding, 0, len(p.Officers))
	for _, o := range p.Officers {
		byCourse := map[string][]compliance.Completion{}
		for _, d := range p.Done[o.Badge] {
			byCourse[d.Course] = append(byCourse[d.Course], d.Completion)
		}
		os := OfficerStanding{Officer: o, Standings: make([]Standing, len(p.Requirements))}
		for i, r := range p.Requirements {
			who := compliance.Officer{Agency: p.Agency, Station: p.Station, Rank: o.Rank, FirstApplied: p.Applied[o.Badge][r.ID]}
			os.Standings[i] = Standing{Requirement: r, Result: compliance.Evaluate(r, who, byCourse[r.CourseID], today)}
		}
		out = append(out, os)
	}
	return out
}

// severity orders statuses from best to worst.
var severity = map[string]int{compliance.Compliant: 1, compliance.Expiring: 2, compliance.Due: 3, compliance.Overdue: 4}

// ByCourse returns, per required course, the standing that matters most to the officer when
// several requirements name the same course: the worst status, and of equals the earliest due day.
func (os OfficerStanding) ByCourse() map[string]Standing {
	out := map[string]Standing{}
	for _, s := range os.Standings {
		if !s.Applies {
			continue
		}
		prev, ok := out[s.Requirement.CourseID]
		if !ok || severity[s.Status] > severity[prev.Status] ||
			(s.Status == prev.Status && s.DueAt.Before(prev.DueAt)) {
			out[s.Requirement.CourseID] = s
		}
	}
	return out
}
