package web

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/compliance"
	"aula/internal/textfold"
)

// Required training on the node (issue 15, docs/programme.md): what the officer's course list
// and the commander's page show, computed here from what the node holds, with the center out of
// reach, by courses/compliance.

// requireCommander lets through only the station's commanders (routes.go): others get 403.
func requireCommander(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		o := officer(c)
		if o == nil {
			return courses.E(courses.Unauthorized, "err.login_required")
		}
		if !o.Commander {
			return courses.E(courses.Forbidden, "err.commanders_only")
		}
		return next(c)
	}
}

// today is the node's calendar day in the station's zone, as courses/compliance counts days.
func (s *Server) today() time.Time { return compliance.Day(s.Now(), s.zone()) }

// standings evaluates the programme for the station (badge "") or one officer.
func (s *Server) standings(ctx context.Context, badge string) (*store.Programme, []store.OfficerStanding, error) {
	noCert, err := s.uncertified(ctx)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.Store.LoadProgramme(ctx, badge, s.zone(), noCert)
	if err != nil {
		return nil, nil, err
	}
	return p, p.Evaluate(s.today()), nil
}

// uncertified returns the installed courses that issue no certificate: a pass completes them.
func (s *Server) uncertified(ctx context.Context) (map[string]bool, error) {
	versions, err := s.Store.LatestVersions(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for i := range versions {
		pkg, err := s.version(ctx, &versions[i])
		if err != nil {
			return nil, err
		}
		out[pkg.Course.ID] = pkg.Course.Certificate.Issue == courses.IssueNone
	}
	return out, nil
}

// sortRequiredFirst puts the required courses first, the soonest due first (a certificate that
// never expires last among them); the others keep their order.
func sortRequiredFirst(cards []courseCard) {
	slices.SortStableFunc(cards, func(a, b courseCard) int {
		switch {
		case (a.Req == nil) != (b.Req == nil):
			if a.Req != nil {
				return -1
			}
			return 1
		case a.Req == nil:
			return 0
		case a.Req.DueAt.IsZero() != b.Req.DueAt.IsZero():
			if a.Req.DueAt.IsZero() {
				return 1
			}
			return -1
		}
		return a.Req.DueAt.Compare(b.Req.DueAt)
	})
}

// stationFilter is what the commander chose to see.
type stationFilter struct {
	Status, Course, Rank, Q string
}

func filterOf(c echo.Context) stationFilter {
	f := stationFilter{Status: c.QueryParam("status"), Course: c.QueryParam("course"), Rank: strings.TrimSpace(c.QueryParam("rank")),
		Q: strings.TrimSpace(c.QueryParam("q"))}
	if !slices.Contains(compliance.Statuses, f.Status) {
		f.Status = ""
	}
	return f
}

// stationRow is an officer and his standings with the requirements shown (Applies false: the
// requirement does not take him in).
type stationRow struct {
	Officer store.Officer
	Cells   []store.Standing
}

// stationView is the commander's table: the requirements shown as columns, the officers that
// pass the filter, and the counts of their statuses.
type stationView struct {
	Columns []compliance.Requirement
	Rows    []stationRow
	Counts  compliance.Counts
	Ranks   []string // every rank of the station, for the filter
}

// stationTable filters the evaluated programme: the course keeps its requirements' columns and
// the officers it applies to; the status keeps officers with at least one requirement in it; the
// rank and the words of the search (badge or name, accents ignored) select officers.
func stationTable(p *store.Programme, all []store.OfficerStanding, f stationFilter) stationView {
	var v stationView
	var cols []int
	for i, r := range p.Requirements {
		if f.Course == "" || r.CourseID == f.Course {
			cols = append(cols, i)
			v.Columns = append(v.Columns, r)
		}
	}
	words := strings.Fields(textfold.Fold(f.Q))
	for _, os := range all {
		if !slices.ContainsFunc(v.Ranks, func(r string) bool { return compliance.SameRank(r, os.Officer.Rank) }) {
			v.Ranks = append(v.Ranks, strings.TrimSpace(os.Officer.Rank))
		}
		if f.Rank != "" && !compliance.SameRank(f.Rank, os.Officer.Rank) {
			continue
		}
		if len(words) > 0 && !matchesAll(textfold.Fold(os.Officer.Badge+" "+os.Officer.GivenNames+" "+os.Officer.FamilyNames), words) {
			continue
		}
		row := stationRow{Officer: os.Officer, Cells: make([]store.Standing, len(cols))}
		applies, inStatus := false, f.Status == ""
		for j, i := range cols {
			st := os.Standings[i]
			row.Cells[j] = st
			applies = applies || st.Applies
			inStatus = inStatus || (st.Applies && st.Status == f.Status)
		}
		if !inStatus || (f.Course != "" && !applies) {
			continue
		}
		for _, st := range row.Cells {
			if st.Applies {
				v.Counts.Add(st.Status)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	slices.SortFunc(v.Ranks, func(a, b string) int { return strings.Compare(textfold.Fold(a), textfold.Fold(b)) })
	return v
}

func matchesAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// dayOrNil is a day for the JSON API: "YYYY-MM-DD", or nil when absent.
func dayOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// complianceJSON is one officer and requirement as the center's GET /api/v1/compliance has it.
type complianceJSON struct {
	Badge         string  `json:"badge"`
	Station       string  `json:"station"`
	Agency        string  `json:"agency"`
	CourseID      string  `json:"course_id"`
	RequirementID int64   `json:"requirement_id"`
	Status        string  `json:"status"`
	DueAt         *string `json:"due_at"`
	CompletedAt   *string `json:"completed_at"`
	ExpiresAt     *string `json:"expires_at"`
}

func complianceRow(p *store.Programme, o store.Officer, st store.Standing) complianceJSON {
	return complianceJSON{Badge: o.Badge, Station: p.Station, Agency: p.Agency, CourseID: st.Requirement.CourseID,
		RequirementID: st.Requirement.ID, Status: st.Status, DueAt: dayOrNil(st.DueAt), CompletedAt: dayOrNil(st.Completed),
		ExpiresAt: dayOrNil(st.Expires)}
}
