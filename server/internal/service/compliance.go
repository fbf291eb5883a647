package service

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"aula/courses"
	"aula/courses/compliance"
	"aula/courses/format"
	"aula/server/internal/store"
)

// ComplianceFilter narrows a compliance report (GET /api/v1/compliance). Every field is optional.
type ComplianceFilter struct {
	Agency, State, Station, Rank, Course, Status, Badge string
	AfterID                                             int64 // keyset paging: officers after this id
	Limit                                               int   // at most this many officers (0: all)
}

// ComplianceRow is one officer and one requirement that applies to him. Dates are calendar days
// (midnight UTC), zero when absent.
type ComplianceRow struct {
	OfficerID                     int64
	Badge, Name, Rank             string
	Station, Agency, State        string
	CourseID                      string
	RequirementID                 int64
	Status                        string
	DueAt, CompletedAt, ExpiresAt time.Time
}

// Summary groupings.
var SummaryBy = []string{"state", "agency", "station", "rank", "course"}

// SummaryRow counts one group's officers and statuses.
type SummaryRow struct {
	Key      string
	Officers int
	compliance.Counts
}

func (c *Center) zone() *time.Location {
	if c.Zone != nil {
		return c.Zone
	}
	z, _ := format.Zone("")
	return z
}

// Today is the center's calendar day now.
func (c *Center) Today() time.Time {
	now := time.Now()
	if c.Now != nil {
		now = c.Now()
	}
	return compliance.Day(now, c.zone())
}

// dayOf turns a stored instant into a calendar day of the center; a stored day (midnight UTC)
// stays that day.
func (c *Center) dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if u := t.UTC(); u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 {
		return u
	}
	return compliance.Day(t, c.zone())
}

// Check returns an Invalid error for a filter no row can match (an unknown status).
func (f ComplianceFilter) Check() error {
	if f.Status != "" && !slices.Contains(compliance.Statuses, f.Status) {
		return courses.InvalidFields(map[string]courses.Msg{"status": courses.M("v.status")})
	}
	return nil
}

// evaluator computes compliance rows for one scope and filter as of a day.
type evaluator struct {
	c     *Center
	reqs  []store.Requirement
	rules []compliance.Requirement
	// The requirements' creation days, turned into days once (the requirements are those in force:
	// an ended one counts on no day, as ListRequirements leaves it out).
	created []time.Time
	courses []string // the distinct courses of reqs, in order of first requirement
	course  []int    // by requirement: its course's index in courses
}

func (c *Center) evaluator(ctx context.Context, sc Scope, f ComplianceFilter) (*evaluator, error) {
	reqs, err := c.Store.ListRequirements(ctx, sc.AgencyFilter())
	if err != nil {
		return nil, err
	}
	e := &evaluator{c: c}
	for _, r := range reqs {
		if f.Course != "" && r.CourseID != f.Course {
			continue
		}
		e.reqs = append(e.reqs, r)
		e.rules = append(e.rules, Rule(r))
		e.created = append(e.created, c.dayOf(r.CreatedAt))
		if !slices.Contains(e.courses, r.CourseID) {
			e.courses = append(e.courses, r.CourseID)
		}
		e.course = append(e.course, slices.Index(e.courses, r.CourseID))
	}
	return e, nil
}

// Rule turns a stored requirement into the rules' form.
func Rule(r store.Requirement) compliance.Requirement {
	cr := compliance.Requirement{ID: r.ID, CourseID: r.CourseID, Agency: r.Agency, Station: r.Station, Rank: r.Rank, WindowDays: r.WindowDays}
	if r.DueDays != nil {
		cr.DueDays = *r.DueDays
	}
	if d, err := time.Parse(time.DateOnly, r.DueDate); err == nil {
		cr.DueDate = d
	}
	if r.WindowDays == 0 {
		cr.WindowDays = -1 // a window of 0 days, not the default
	}
	return cr
}

// facts is an officer as the rules read him: his stored instants turned into calendar days once
// (a trend evaluates him on a dozen days).
type facts struct {
	o       *store.ComplianceOfficer
	created time.Time
	held    []heldDays
	first   map[int64]time.Time // requirement id → first day, as stored
	applies []bool              // by requirement: its scope takes him in (whatever the day)
	done    []compliance.Completion
}

// heldDays is a completion in days; revoked zero: not revoked.
type heldDays struct {
	course                      string
	version                     int
	completed, expires, revoked time.Time
}

func (e *evaluator) facts(o *store.ComplianceOfficer) *facts {
	c := e.c
	f := &facts{o: o, created: c.dayOf(o.CreatedAt), first: make(map[int64]time.Time, len(o.Applied))}
	for id, d := range o.Applied {
		f.first[id], _ = time.Parse(time.DateOnly, d)
	}
	for _, h := range o.Held {
		f.held = append(f.held, heldDays{course: h.CourseID, version: h.Version, completed: c.dayOf(h.Completed), expires: c.dayOf(h.Expires), revoked: c.dayOf(h.Revoked)})
	}
	e.scope(f)
	return f
}

// scope notes which requirements' scopes take f's officer in.
func (e *evaluator) scope(f *facts) {
	who := compliance.Officer{Agency: f.o.Agency, Station: f.o.Station, Rank: f.o.Rank}
	f.applies = make([]bool, len(e.rules))
	for i, r := range e.rules {
		f.applies[i] = compliance.Applies(r, who)
	}
}

// rows evaluates every requirement for officer f as of day (asOf: only what was known by then —
// requirements and officers created, first days reached, completions done and revocations made
// on or before it). emit receives each row that applies.
func (e *evaluator) rows(f *facts, day time.Time, asOf bool, emit func(ComplianceRow)) {
	o := f.o
	e.each(f, day, asOf, func(i int, res compliance.Result) {
		r := e.reqs[i]
		emit(ComplianceRow{OfficerID: o.ID, Badge: o.Badge, Name: o.Name, Rank: o.Rank, Station: o.Station, Agency: o.Agency, State: o.State,
			CourseID: r.CourseID, RequirementID: r.ID, Status: res.Status, DueAt: res.DueAt, CompletedAt: res.Completed, ExpiresAt: res.Expires})
	})
}

// each calls fn with the index of each requirement that applies to f on day (as rows) and the
// rules' result; a trend needs no more than the status.
func (e *evaluator) each(f *facts, day time.Time, asOf bool, fn func(int, compliance.Result)) {
	o := f.o
	if asOf && f.created.After(day) {
		return
	}
	who := compliance.Officer{Agency: o.Agency, Station: o.Station, Rank: o.Rank}
	for i, r := range e.reqs {
		if !f.applies[i] || asOf && e.created[i].After(day) {
			continue
		}
		firstDay, ok := f.first[r.ID]
		if !ok {
			firstDay = maxDay(e.created[i], f.created)
		}
		if asOf && firstDay.After(day) {
			continue
		}
		done := f.done[:0]
		for _, h := range f.held {
			if h.course != r.CourseID || (asOf && h.completed.After(day)) {
				continue
			}
			revoked := !h.revoked.IsZero() && (!asOf || !h.revoked.After(day))
			done = append(done, compliance.Completion{Version: h.version, Completed: h.completed, Expires: h.expires, Revoked: revoked})
		}
		f.done = done
		who.FirstApplied = firstDay
		if res := compliance.Evaluate(e.rules[i], who, done, day); res.Applies {
			fn(i, res)
		}
	}
}

func maxDay(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (c *Center) storeFilter(sc Scope, f ComplianceFilter) (store.ComplianceFilter, bool) {
	sf := store.ComplianceFilter{Agency: f.Agency, State: f.State, Station: f.Station, Rank: f.Rank, Badge: f.Badge, AfterID: f.AfterID, Limit: f.Limit}
	if sc.Limited() {
		if sf.Agency != "" && sf.Agency != sc.Agency {
			return sf, false // another agency's rows are absent
		}
		sf.Agency = sc.Agency
	}
	return sf, true
}

// ComplianceRows calls fn for each officer × requirement row matching f within the scope, as of
// today, in officer id order (streamed: a national export holds one officer at a time). fn may
// return an error to stop; it is returned.
func (c *Center) ComplianceRows(ctx context.Context, sc Scope, f ComplianceFilter, fn func(ComplianceRow) error) error {
	if err := f.Check(); err != nil {
		return err
	}
	sf, ok := c.storeFilter(sc, f)
	if !ok {
		return nil
	}
	e, err := c.evaluator(ctx, sc, f)
	if err != nil || len(e.reqs) == 0 {
		return err
	}
	today := c.Today()
	return c.Store.StreamCompliance(ctx, sf, e.courses, func(o *store.ComplianceOfficer) error {
		var ferr error
		e.rows(e.facts(o), today, false, func(r ComplianceRow) {
			if ferr == nil && (f.Status == "" || r.Status == f.Status) {
				ferr = fn(r)
			}
		})
		return ferr
	})
}

// ComplianceSummary counts the rows of ComplianceRows by one of SummaryBy: officers (each once
// per group), required, and each status; ordered by key. It reads the counts kept up to date
// (compliance_tally.go), and walks the officers for one officer (f.Badge).
func (c *Center) ComplianceSummary(ctx context.Context, sc Scope, f ComplianceFilter, by string) ([]SummaryRow, error) {
	if !slices.Contains(SummaryBy, by) {
		return nil, courses.InvalidFields(map[string]courses.Msg{"by": courses.M("v.summary_by")})
	}
	if err := f.Check(); err != nil {
		return nil, err
	}
	if f.Badge == "" {
		sum, _, err := c.countedOverview(ctx, sc, f, by, 0)
		return sum, err
	}
	return c.walkSummary(ctx, sc, f, by)
}

// walkSummary is ComplianceSummary from a walk over the officers.
func (c *Center) walkSummary(ctx context.Context, sc Scope, f ComplianceFilter, by string) ([]SummaryRow, error) {
	sum := newSummer(by)
	err := c.ComplianceRows(ctx, sc, f, func(r ComplianceRow) error {
		sum.add(r)
		return nil
	})
	return sum.rows(), err
}

// summer counts rows by one of SummaryBy; rows arrive grouped by officer.
type summer struct {
	by          string
	groups      map[string]*SummaryRow
	lastOfficer int64
	seen        map[string]bool
}

func newSummer(by string) *summer {
	return &summer{by: by, groups: map[string]*SummaryRow{}, lastOfficer: -1}
}

func (s *summer) add(r ComplianceRow) {
	if r.OfficerID != s.lastOfficer {
		s.lastOfficer = r.OfficerID
		clear(s.seen)
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
	}
	k := groupKey(r, s.by)
	g := s.groups[k]
	if g == nil {
		g = &SummaryRow{Key: k}
		s.groups[k] = g
	}
	if !s.seen[k] {
		s.seen[k] = true
		g.Officers++
	}
	g.Add(r.Status)
}

// rows returns the groups ordered by key.
func (s *summer) rows() []SummaryRow {
	out := make([]SummaryRow, 0, len(s.groups))
	for _, g := range s.groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func groupKey(r ComplianceRow, by string) string {
	switch by {
	case "state":
		return r.State
	case "agency":
		return r.Agency
	case "station":
		return r.Station
	case "rank":
		return r.Rank
	}
	return r.CourseID
}

// TrendPoint is the compliance rate at the end of a month (the last point: today).
type TrendPoint struct {
	Day time.Time
	compliance.Counts
}

// ComplianceTrend returns the rate at the end of each of the last months months (the current
// month as of today), computed from what was known on each day: officers and requirements created
// by then, first days reached, completions done, certificates expired or revoked by then. Officers
// are counted at their current station and only while active (moves are not replayed). Twelve
// months are read from the counts kept up to date (compliance_tally.go); one officer (f.Badge)
// or another number of months, from a walk over the officers.
func (c *Center) ComplianceTrend(ctx context.Context, sc Scope, f ComplianceFilter, months int) ([]TrendPoint, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	if f.Badge == "" && months == tallyMonths {
		_, points, err := c.countedOverview(ctx, sc, f, "", months)
		return points, err
	}
	return c.walkTrend(ctx, sc, f, months)
}

// walkTrend is ComplianceTrend from a walk over the officers.
func (c *Center) walkTrend(ctx context.Context, sc Scope, f ComplianceFilter, months int) ([]TrendPoint, error) {
	points := trendPoints(c.Today(), months)
	sf, ok := c.storeFilter(sc, f)
	if !ok || months == 0 {
		return points, nil
	}
	f.Limit, sf.Limit = 0, 0
	e, err := c.evaluator(ctx, sc, f)
	if err != nil || len(e.reqs) == 0 {
		return points, err
	}
	err = c.Store.StreamCompliance(ctx, sf, e.courses, func(o *store.ComplianceOfficer) error {
		fa := e.facts(o)
		for i := range points {
			e.each(fa, points[i].Day, true, func(_ int, r compliance.Result) {
				if f.Status == "" || r.Status == f.Status {
					points[i].Add(r.Status)
				}
			})
		}
		return nil
	})
	return points, err
}

// trendPoints returns the ends of the last months months, the last one today.
func trendPoints(today time.Time, months int) []TrendPoint {
	points := make([]TrendPoint, months)
	for i := range points {
		back := months - 1 - i
		end := time.Date(today.Year(), today.Month()-time.Month(back)+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		if back == 0 {
			end = today
		}
		points[i].Day = end
	}
	return points
}

// CoverageRow is a row of the open-data coverage table; a count below OpenDataMinimum is nil
// (published as "<10") and so is the rate of a row with any such count.
type CoverageRow struct {
	Key                                    string
	Officers, Required, Compliant, Overdue *int
	Rate                                   *float64
}

// OpenDataMinimum is the smallest count the open data publishes (docs/open-data.md).
const OpenDataMinimum = 10

// OpenCoverage returns the anonymised coverage table by state or agency: every officer and
// requirement, "compliant" counting compliant and expiring (both hold a valid certificate).
func (c *Center) OpenCoverage(ctx context.Context, by string) ([]CoverageRow, error) {
	if by != "state" && by != "agency" {
		return nil, courses.InvalidFields(map[string]courses.Msg{"by": courses.M("v.coverage_by")})
	}
	sum, err := c.ComplianceSummary(ctx, Scope{}, ComplianceFilter{}, by)
	if err != nil {
		return nil, err
	}
	out := make([]CoverageRow, 0, len(sum))
	for _, s := range sum {
		row := CoverageRow{Key: s.Key}
		hidden := false
		cell := func(n int) *int {
			if n < OpenDataMinimum {
				hidden = true
				return nil
			}
			return &n
		}
		row.Officers, row.Required, row.Compliant, row.Overdue = cell(s.Officers), cell(s.Required), cell(s.Compliant+s.Expiring), cell(s.Overdue)
		if !hidden {
			r := s.Rate()
			row.Rate = &r
		}
		out = append(out, row)
	}
	return out, nil
}

// ParseID reads a decimal id from a path ("" or bad: a NotFound error for kind's message id).
func ParseID(s, unknownID string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, courses.E(courses.NotFound, unknownID, s)
	}
	return id, nil
}
