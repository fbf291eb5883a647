package service

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"aula/courses"
	"aula/courses/compliance"
	"aula/server/internal/store"
	"aula/sync/certificate"
)

// WorkshopStore is what in-person workshops need from the store.
type WorkshopStore interface {
	CreateWorkshop(ctx context.Context, w store.Workshop, actor string) error
	FindWorkshop(ctx context.Context, id string) (*store.Workshop, error)
	ListWorkshops(ctx context.Context, f store.WorkshopFilter) ([]store.Workshop, error)
	CountWorkshops(ctx context.Context, f store.WorkshopFilter) (int, error)
	Participants(ctx context.Context, workshopID string) ([]store.Participant, error)
	AddPaperRoster(ctx context.Context, workshopID string, badges []string, actor string) (int, error)
	ApproveWorkshop(ctx context.Context, id string, officers map[string]store.NewCertificate, guests []store.GuestCert, actor string) error
	ListVersions(ctx context.Context, courseID string) ([]store.Version, error)
	WorkshopSummary(ctx context.Context, by string, f store.WorkshopFilter) ([]store.WorkshopSummaryRow, error)
}

// WorkshopInput is a workshop as asked for (the API's body). Title is a plain string (both
// languages) or {"es": …, "en": …}.
type WorkshopInput struct {
	Title    json.RawMessage `json:"title"`
	Area     string          `json:"area"`
	Hours    float64         `json:"hours"`
	Station  string          `json:"station"`
	Date     string          `json:"date"`
	CourseID string          `json:"course_id"`
	Counts   bool            `json:"counts_for_course"`
	Trainer  string          `json:"trainer"`
}

// TitleText reads a title given as a string or a map of languages; a missing language takes the
// other's text.
func TitleText(raw json.RawMessage) courses.Text {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		s = strings.TrimSpace(s)
		return courses.Text{"es": s, "en": s}
	}
	t := courses.Text{}
	_ = json.Unmarshal(raw, &t)
	es, en := strings.TrimSpace(t["es"]), strings.TrimSpace(t["en"])
	if es == "" {
		es = en
	}
	if en == "" {
		en = es
	}
	return courses.Text{"es": es, "en": en}
}

// CreateWorkshop validates and schedules a workshop at a station the scope holds (a coordinator:
// his agency's) and returns its id: a title of up to 200 characters per language, a course area,
// 0 < hours ≤ 100, a day YYYY-MM-DD, and a published course when one is named. The trainer is
// the staff member who schedules it unless the input names another.
func (c *Center) CreateWorkshop(ctx context.Context, sc Scope, in WorkshopInput, actor string) (string, error) {
	w := store.Workshop{ID: courses.NewID(), Title: TitleText(in.Title), Area: strings.TrimSpace(in.Area), Hours: in.Hours,
		Station: strings.ToUpper(strings.TrimSpace(in.Station)), Day: strings.TrimSpace(in.Date), CourseID: strings.TrimSpace(in.CourseID),
		Counts: in.Counts, Trainer: strings.TrimSpace(in.Trainer)}
	if w.Trainer == "" {
		w.Trainer = actor
	}
	fields := map[string]courses.Msg{}
	for _, l := range []string{"es", "en"} {
		if t := w.Title[l]; t == "" || len(t) > 200 || courses.TextProblem(t) != "" {
			fields["title"] = courses.M("v.title")
		}
	}
	if !slices.Contains(courses.Areas, w.Area) {
		fields["area"] = courses.M("v.area")
	}
	if w.Hours <= 0 || w.Hours > 100 {
		fields["hours"] = courses.M("v.workshop_hours")
	}
	if _, err := time.Parse(time.DateOnly, w.Day); err != nil {
		fields["date"] = courses.M("v.date")
	}
	if len(w.Trainer) > 100 {
		fields["trainer"] = courses.M("v.trainer")
	}
	if w.CourseID != "" {
		if vs, err := c.Store.ListVersions(ctx, w.CourseID); err != nil {
			return "", err
		} else if len(vs) == 0 {
			fields["course_id"] = courses.M("requirement.course_unknown", w.CourseID)
		}
	} else {
		w.Counts = false
	}
	if _, err := c.CheckStation(ctx, sc, w.Station); courses.ErrorCode(err) == courses.NotFound {
		fields["station"] = courses.M("station.unknown", w.Station)
	} else if err != nil {
		return "", err
	}
	if len(fields) > 0 {
		return "", courses.InvalidFields(fields)
	}
	return w.ID, c.Store.CreateWorkshop(ctx, w, actor)
}

// FindWorkshop returns a workshop the scope holds (another agency's is NotFound) with its list.
func (c *Center) FindWorkshop(ctx context.Context, sc Scope, id string) (*store.Workshop, []store.Participant, error) {
	w, err := c.Store.FindWorkshop(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if !sc.Holds(w.Agency) {
		return nil, nil, courses.E(courses.NotFound, "workshop.unknown", id)
	}
	list, err := c.Store.Participants(ctx, id)
	return w, list, err
}

// CountWorkshops counts the workshops the scope holds that match f (a list page's total).
func (c *Center) CountWorkshops(ctx context.Context, sc Scope, f store.WorkshopFilter) (int, error) {
	if sc.Limited() {
		f.Agency = sc.Agency
	}
	return c.Store.CountWorkshops(ctx, f)
}

// ListWorkshops lists the workshops the scope holds that match f.
func (c *Center) ListWorkshops(ctx context.Context, sc Scope, f store.WorkshopFilter) ([]store.Workshop, int, error) {
	if sc.Limited() {
		f.Agency = sc.Agency
	}
	n, err := c.Store.CountWorkshops(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	list, err := c.Store.ListWorkshops(ctx, f)
	return list, n, err
}

// PaperRoster enters a paper roster: the badges (one per entry, blank ones skipped) of the
// officers who attended a workshop whose station had no working terminal. Every badge must be an
// officer's the scope holds; the others are listed (nothing is written then). It returns how many were new.
func (c *Center) PaperRoster(ctx context.Context, sc Scope, id string, badges []string, actor string) (int, error) {
	if _, _, err := c.FindWorkshop(ctx, sc, id); err != nil {
		return 0, err
	}
	var clean, unknown []string
	for _, b := range badges {
		b = strings.ToUpper(strings.TrimSpace(b))
		if b == "" || slices.Contains(clean, b) {
			continue
		}
		if _, err := c.CheckOfficer(ctx, sc, b); courses.ErrorCode(err) == courses.NotFound { // a coordinator: his agency's only
			unknown = append(unknown, b)
			continue
		} else if err != nil {
			return 0, err
		}
		clean = append(clean, b)
	}
	if len(unknown) > 0 {
		return 0, courses.E(courses.Invalid, "workshop.badges_unknown", strings.Join(unknown, ", "))
	}
	if len(clean) == 0 {
		return 0, courses.E(courses.Invalid, "workshop.roster_empty")
	}
	return c.Store.AddPaperRoster(ctx, id, clean, actor)
}

// ApproveWorkshop approves a workshop's list: an attendance certificate for every participant,
// officers and guests, signed by sign (the center's key), dated the workshop's day. When the
// workshop completes its course (compliance.WorkshopCompletes), the officers' certificates are
// certificates of that course's newest version, expiring with its validity.
func (c *Center) ApproveWorkshop(ctx context.Context, sc Scope, id, actor string, sign func(certificate.Claims) string) error {
	w, list, err := c.FindWorkshop(ctx, sc, id)
	if err != nil {
		return err
	}
	if w.Status == store.WorkshopApproved {
		return courses.E(courses.Conflict, "workshop.approved")
	}
	base := certificate.Claims{Title: w.Title, Hours: w.Hours, IssuedOn: w.Day, Issuer: certificate.CenterIssuer}
	if w.CourseID != "" {
		vs, err := c.Store.ListVersions(ctx, w.CourseID)
		if err != nil {
			return err
		}
		if len(vs) > 0 && compliance.WorkshopCompletes(w.CourseID, vs[0].CertIssue, w.Counts) {
			base.CourseID, base.Version = vs[0].CourseID, vs[0].Version
			if vs[0].CertMonths > 0 {
				day, _ := time.Parse(time.DateOnly, w.Day)
				base.ExpiresOn = day.AddDate(0, vs[0].CertMonths, 0).Format(time.DateOnly)
			}
		}
	}
	officers := map[string]store.NewCertificate{}
	var guests []store.GuestCert
	for _, p := range list {
		cl := base
		cl.ID, cl.Code, cl.Name = courses.NewID(), certificate.NewCode(), p.Name
		if p.Badge == "" {
			cl.CourseID, cl.Version, cl.ExpiresOn = "", 0, "" // a guest completes no course
			cl.Badge = ""
			guests = append(guests, store.GuestCert{GuestID: p.GuestID, ID: cl.ID, Code: cl.Code, Token: sign(cl), IssuedOn: cl.IssuedOn})
			continue
		}
		cl.Badge = p.Badge
		officers[p.AttendanceID] = store.NewCertificate{Claims: cl, Token: sign(cl)}
	}
	return c.Store.ApproveWorkshop(ctx, id, officers, guests, actor)
}

// WorkshopSummary sums the held workshops the scope holds by agency or state.
func (c *Center) WorkshopSummary(ctx context.Context, sc Scope, by string, f store.WorkshopFilter) ([]store.WorkshopSummaryRow, error) {
	if sc.Limited() {
		f.Agency = sc.Agency
	}
	f.Paging = store.Paging{}
	return c.Store.WorkshopSummary(ctx, by, f)
}
