package service

import (
	"context"
	"regexp"
	"strings"
	"time"

	"aula/courses"
	"aula/server/internal/store"
)

// ProgrammeStore is what agencies, commanders and requirements need from the store.
type ProgrammeStore interface {
	CreateAgency(ctx context.Context, code, name, actor string) (*store.Agency, error)
	ListAgencies(ctx context.Context) ([]store.Agency, error)
	FindAgency(ctx context.Context, code string) (*store.Agency, error)
	CreateStationIn(ctx context.Context, n store.NewStation, tokenHash, actor string) (*store.Station, error)
	SetStationOrg(ctx context.Context, code, agency, state, actor string) error
	FindStation(ctx context.Context, code string) (*store.Station, error)
	FindOfficer(ctx context.Context, badge string) (*store.Officer, error)
	SetCommander(ctx context.Context, station, badge string, on bool, actor string) error
	CreateStaffIn(ctx context.Context, username, role, agency, passwordHash string) (*store.Staff, error)
	CreateRequirement(ctx context.Context, r store.Requirement, actor string) (int64, error)
	ListRequirements(ctx context.Context, agency string) ([]store.Requirement, error)
	FindRequirement(ctx context.Context, id int64) (*store.Requirement, error)
	DeleteRequirement(ctx context.Context, id int64, actor string) error
	CourseExists(ctx context.Context, courseID string) (bool, error)
	StreamCompliance(ctx context.Context, f store.ComplianceFilter, courseIDs []string, fn func(*store.ComplianceOfficer) error) error
	TallyPending(ctx context.Context) (basis string, marked bool, days []store.TallyDay, err error)
	Tally(ctx context.Context, fn func(*store.TallyTx) error) error
	ReadTally(ctx context.Context, q store.TallyQuery) ([]store.TallyRow, error)
}

// Scope is what a staff member may see and change (docs/programme.md): a coordinator only his
// agency; the route table decides the rest by role. The zero Scope sees everything.
type Scope struct {
	Role   string
	Agency string // a coordinator's agency code
}

// ScopeOf returns the scope of a staff account (nil: the command line, everything).
func ScopeOf(u *store.Staff) Scope {
	if u == nil {
		return Scope{}
	}
	return Scope{Role: u.Role, Agency: u.Agency}
}

// Limited reports whether the scope is one agency's.
func (s Scope) Limited() bool { return s.Role == store.RoleCoordinator }

// AgencyFilter returns the agency a query must be limited to ("" for all).
func (s Scope) AgencyFilter() string {
	if s.Limited() {
		return s.Agency
	}
	return ""
}

// Holds reports whether an object of agency (a code, "" for none) is within the scope.
func (s Scope) Holds(agency string) bool { return !s.Limited() || agency == s.Agency }

// CheckStation returns a NotFound error for a station outside the scope (or unknown).
func (c *Center) CheckStation(ctx context.Context, sc Scope, code string) (*store.Station, error) {
	st, err := c.Store.FindStation(ctx, code)
	if err == nil && !sc.Holds(st.Agency) {
		return nil, courses.E(courses.NotFound, "station.unknown", code)
	}
	return st, err
}

// CheckOfficer returns a NotFound error for an officer outside the scope (or unknown).
func (c *Center) CheckOfficer(ctx context.Context, sc Scope, badge string) (*store.Officer, error) {
	o, err := c.Store.FindOfficer(ctx, badge)
	if err == nil && !sc.Holds(o.Agency) {
		return nil, courses.E(courses.NotFound, "officer.unknown", badge)
	}
	return o, err
}

var agencyCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{0,19}$`)

// CreateAgency registers a police force: a code (letters, digits, dashes, up to 20) and a name.
func (c *Center) CreateAgency(ctx context.Context, code, name, actor string) (*store.Agency, error) {
	code, name = strings.ToUpper(strings.TrimSpace(code)), strings.TrimSpace(name)
	fields := map[string]courses.Msg{}
	if !agencyCode.MatchString(code) {
		fields["code"] = courses.M("v.agency_code")
	}
	if name == "" || len(name) > 200 {
		fields["name"] = courses.M("v.agency_name")
	}
	if len(fields) > 0 {
		return nil, courses.InvalidFields(fields)
	}
	return c.Store.CreateAgency(ctx, code, name, actor)
}

// SetCommander makes an officer of a station its commander (or not, with on false). A
// coordinator may do it only in his agency's stations.
func (c *Center) SetCommander(ctx context.Context, sc Scope, station, badge string, on bool, actor string) error {
	station, badge = strings.ToUpper(strings.TrimSpace(station)), strings.TrimSpace(badge)
	if _, err := c.CheckStation(ctx, sc, station); err != nil {
		return err
	}
	return c.Store.SetCommander(ctx, station, badge, on, actor)
}

// RequirementInput is a requirement as asked for (the API's body).
type RequirementInput struct {
	CourseID   string `json:"course_id"`
	Agency     string `json:"agency"`
	Station    string `json:"station"`
	Rank       string `json:"rank"`
	DueDate    string `json:"due_date"`
	DueDays    *int   `json:"due_days"`
	WindowDays *int   `json:"window_days"`
}

// CreateRequirement validates and stores a requirement: a published course, exactly one of
// due_date (YYYY-MM-DD) and due_days (1..3650), a window of 0..3650 days (default 60), and an
// agency and station that exist (the station in that agency when both are given). A coordinator's
// requirement is always within his agency (his agency when none is given; another is Forbidden).
func (c *Center) CreateRequirement(ctx context.Context, sc Scope, in RequirementInput, actor string) (int64, error) {
	r := store.Requirement{CourseID: strings.TrimSpace(in.CourseID), Agency: strings.ToUpper(strings.TrimSpace(in.Agency)),
		Station: strings.ToUpper(strings.TrimSpace(in.Station)), Rank: strings.TrimSpace(in.Rank), DueDate: strings.TrimSpace(in.DueDate),
		DueDays: in.DueDays, WindowDays: 60}
	if sc.Limited() {
		if r.Agency == "" {
			r.Agency = sc.Agency
		}
		if r.Agency != sc.Agency {
			return 0, courses.E(courses.Forbidden, "requirement.other_agency")
		}
	}
	fields := map[string]courses.Msg{}
	if ok, err := c.Store.CourseExists(ctx, r.CourseID); err != nil {
		return 0, err
	} else if !ok {
		fields["course_id"] = courses.M("requirement.course_unknown", r.CourseID)
	}
	switch {
	case (r.DueDate == "") == (r.DueDays == nil):
		fields["due_date"] = courses.M("v.due_rule")
	case r.DueDays != nil && (*r.DueDays < 1 || *r.DueDays > 3650):
		fields["due_days"] = courses.M("v.due_days")
	case r.DueDate != "":
		if _, err := time.Parse(time.DateOnly, r.DueDate); err != nil {
			fields["due_date"] = courses.M("v.due_date")
		}
	}
	if in.WindowDays != nil {
		if *in.WindowDays < 0 || *in.WindowDays > 3650 {
			fields["window_days"] = courses.M("v.window_days")
		}
		r.WindowDays = *in.WindowDays
	}
	if len(r.Rank) > 60 {
		fields["rank"] = courses.M("v.rank")
	}
	if r.Agency != "" {
		if _, err := c.Store.FindAgency(ctx, r.Agency); courses.ErrorCode(err) == courses.NotFound {
			fields["agency"] = courses.M("agency.unknown", r.Agency)
		} else if err != nil {
			return 0, err
		}
	}
	if r.Station != "" {
		st, err := c.Store.FindStation(ctx, r.Station)
		switch {
		case courses.ErrorCode(err) == courses.NotFound:
			fields["station"] = courses.M("station.unknown", r.Station)
		case err != nil:
			return 0, err
		case sc.Limited() && st.Agency != sc.Agency:
			return 0, courses.E(courses.Forbidden, "requirement.other_agency")
		case r.Agency != "" && st.Agency != r.Agency && fields["agency"].ID == "":
			fields["station"] = courses.M("requirement.station_agency", r.Station, r.Agency)
		}
	}
	if len(fields) > 0 {
		return 0, courses.InvalidFields(fields)
	}
	return c.Store.CreateRequirement(ctx, r, actor)
}

// ListRequirements returns the requirements in force that the scope sees.
func (c *Center) ListRequirements(ctx context.Context, sc Scope) ([]store.Requirement, error) {
	return c.Store.ListRequirements(ctx, sc.AgencyFilter())
}

// DeleteRequirement ends a requirement. A coordinator may end only his agency's (one for every
// agency is Forbidden to him; another agency's is NotFound, as if it did not exist).
func (c *Center) DeleteRequirement(ctx context.Context, sc Scope, id int64, actor string) error {
	r, err := c.Store.FindRequirement(ctx, id)
	if err != nil {
		return err
	}
	if !r.DeletedAt.IsZero() {
		return courses.E(courses.NotFound, "requirement.unknown", id)
	}
	if sc.Limited() {
		own := r.Agency == sc.Agency || (r.Agency == "" && r.Station != "" && r.StationAgency == sc.Agency)
		switch {
		case r.Agency == "" && r.Station == "":
			return courses.E(courses.Forbidden, "requirement.other_agency")
		case !own:
			return courses.E(courses.NotFound, "requirement.unknown", id)
		}
	}
	return c.Store.DeleteRequirement(ctx, id, actor)
}
