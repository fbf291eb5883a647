package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// JSON shapes of the API. Field names follow docs/api.md.

type apiVersion struct {
	CourseID    string       `json:"course_id"`
	Version     int          `json:"version"`
	Title       courses.Text `json:"title"`
	Area        string       `json:"area"`
	Hours       float64      `json:"hours"`
	PublishedBy string       `json:"published_by"`
	PublishedAt string       `json:"published_at"`
}

func toAPIVersion(v store.Version) apiVersion {
	return apiVersion{v.CourseID, v.Version, v.Title, v.Area, v.Hours, v.PublishedBy, v.PublishedAt.Format(time.RFC3339)}
}

func (s *Server) apiCourses(c echo.Context) error {
	vs, err := s.Store.ListVersions(c.Request().Context(), c.QueryParam("course"))
	if err != nil {
		return err
	}
	out := make([]apiVersion, 0, len(vs))
	for _, v := range vs {
		out = append(out, toAPIVersion(v))
	}
	return c.JSON(http.StatusOK, out)
}

// apiCoursePublish publishes a course from a .zip request body.
func (s *Server) apiCoursePublish(c echo.Context) error {
	data, err := readBody(c)
	if err != nil {
		return err
	}
	fsys, err := service.CourseZip(data)
	if err != nil {
		return err
	}
	v, problems, err := s.Center.PublishCourse(ctx(c), fsys, "upload.zip", actor(c))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": t(c, "courses.lint_failed"), "code": "courses.lint_failed", "problems": lintLines(c, problems)})
	}
	return c.JSON(http.StatusCreated, toAPIVersion(*v))
}

// apiCourseVersion returns a version with its manifest and the quiz's answer key (trainers).
func (s *Server) apiCourseVersion(c echo.Context) error {
	pkg, v, err := s.loadVersion(c)
	if err != nil {
		return err
	}
	type question struct {
		ID      string         `json:"id"`
		Type    string         `json:"type"`
		Points  int            `json:"points"`
		Prompt  courses.Text   `json:"prompt"`
		Options []courses.Text `json:"options,omitempty"`
		Correct []int          `json:"correct_options,omitempty"`
		Answer  any            `json:"answer,omitempty"`
	}
	var qs []question
	if q := pkg.Course.Quiz; q != nil {
		for _, qq := range q.Questions {
			out := question{ID: qq.ID, Type: qq.Type, Points: qq.Points, Prompt: qq.Prompt}
			for i, o := range qq.Options {
				out.Options = append(out.Options, o.Text)
				if o.Correct {
					out.Correct = append(out.Correct, i)
				}
			}
			switch qq.Type {
			case courses.TrueFalse:
				out.Answer = qq.Answer
			case courses.Ordering:
				out.Answer = qq.Items
			case courses.Matching:
				out.Answer = qq.Pairs
			case courses.Short:
				out.Answer = qq.Accept
			case courses.Numeric:
				out.Answer = map[string]float64{"value": *qq.Value, "tolerance": qq.Tolerance}
			}
			qs = append(qs, out)
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"version": toAPIVersion(*v), "manifest": jsonRaw(v.Manifest), "questions": qs})
}

type jsonRaw []byte

// MarshalJSON returns the stored manifest bytes as they were signed.
func (j jsonRaw) MarshalJSON() ([]byte, error) { return j, nil }

type apiStation struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Officers      int     `json:"officers"`
	LastSyncAt    *string `json:"last_sync_at"`
	NodeVersion   string  `json:"node_version"`
	Pending       int     `json:"pending"`
	EnrollExpires *string `json:"enrollment_expires_at"`
	ClockOffset   *int64  `json:"clock_offset_seconds"`
	ClockWarning  bool    `json:"clock_warning"`
}

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func toAPIStation(st store.Station) apiStation {
	out := apiStation{Code: st.Code, Name: st.Name, Officers: st.Officers, LastSyncAt: optTime(st.LastSyncAt), NodeVersion: st.NodeVersion,
		Pending: st.Pending, EnrollExpires: optTime(st.EnrollExpires)}
	if st.ClockOffset != nil {
		secs := int64(st.ClockOffset.Seconds())
		out.ClockOffset = &secs
		out.ClockWarning = *st.ClockOffset > clockWarning || *st.ClockOffset < -clockWarning
	}
	return out
}

func (s *Server) apiStations(c echo.Context) error {
	list, err := s.Store.ListStationsOf(c.Request().Context(), scope(c).AgencyFilter())
	if err != nil {
		return err
	}
	out := make([]apiStation, 0, len(list))
	for _, st := range list {
		out = append(out, toAPIStation(st))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiStationCreate(c echo.Context) error {
	var in struct {
		Code   string `json:"code"`
		Name   string `json:"name"`
		Agency string `json:"agency"`
		State  string `json:"state"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, tok, err := s.Center.CreateStationIn(ctx(c), scope(c), store.NewStation{Code: in.Code, Name: in.Name, Agency: in.Agency, State: in.State}, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"station": toAPIStation(*st), "enrollment_token": tok})
}

// apiStationToken: POST /api/v1/stations/{code}/token (admin) → a new one-time enrollment token.
func (s *Server) apiStationToken(c echo.Context) error {
	st, tok, err := s.Center.NewEnrollmentToken(ctx(c), scope(c), c.Param("code"), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"station": toAPIStation(*st), "enrollment_token": tok})
}

type apiOfficer struct {
	Badge       string `json:"badge"`
	GivenNames  string `json:"given_names"`
	FamilyNames string `json:"family_names"`
	Rank        string `json:"rank"`
	Station     string `json:"station"`
}

func toAPIOfficer(o store.Officer) apiOfficer {
	return apiOfficer{o.Badge, o.GivenNames, o.FamilyNames, o.Rank, o.StationCode}
}

func (s *Server) apiOfficers(c echo.Context) error {
	f := store.OfficerFilter{Station: c.QueryParam("station"), Query: c.QueryParam("q"), Agency: scope(c).AgencyFilter()}
	pg, err := apiPage(c, func() (int, error) { return s.Store.CountOfficers(ctx(c), f) })
	if err != nil {
		return err
	}
	f.Offset, f.Limit = pg.Offset, pg.Limit
	list, err := s.Store.ListOfficers(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]apiOfficer, 0, len(list))
	for _, o := range list {
		out = append(out, toAPIOfficer(o))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiOfficer(c echo.Context) error {
	r, err := s.findOfficerRecord(c.Request().Context(), scope(c), c.Param("badge"))
	if err != nil {
		return err
	}
	stations := []map[string]string{}
	for _, p := range r.Postings {
		stations = append(stations, map[string]string{"station": p.StationCode, "since": p.Since.Format(time.RFC3339)})
	}
	return c.JSON(http.StatusOK, map[string]any{"officer": toAPIOfficer(*r.Officer), "postings": stations,
		"attempts": toAPIAttempts(r.Attempts), "certificates": toAPICertificates(r.Certificates)})
}

// apiOfficerImport imports a roster CSV sent as the request body: all rows or none.
func (s *Server) apiOfficerImport(c echo.Context) error {
	data, err := readBody(c)
	if err != nil {
		return err
	}
	res, problems, err := s.Center.ImportOfficers(ctx(c), scope(c), bytes.NewReader(data), "officers.csv", actor(c))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": t(c, "import.nothing_imported"), "code": "import.nothing_imported", "problems": rosterLines(c, problems)})
	}
	return c.JSON(http.StatusOK, map[string]int{"created": res.Created, "updated": res.Updated, "moved": res.Moved})
}

type apiAttempt struct {
	ID            string  `json:"id"`
	Badge         string  `json:"badge"`
	CourseID      string  `json:"course_id"`
	CourseVersion int     `json:"course_version"`
	Score         float64 `json:"score"`
	Passed        bool    `json:"passed"`
	Station       string  `json:"station"`
	SubmittedAt   string  `json:"submitted_at"`
	NodeScore     float64 `json:"node_score"`
	Mismatch      bool    `json:"score_mismatch"`
	// ClockOffset is the node's clock minus the center's when the attempt arrived (absent for
	// attempts received before the center recorded it).
	ClockOffset *int64 `json:"clock_offset_s,omitempty"`
}

func toAPIAttempts(list []store.Attempt) []apiAttempt {
	out := make([]apiAttempt, 0, len(list))
	for _, a := range list {
		out = append(out, apiAttempt{a.ID, a.Badge, a.CourseID, a.CourseVersion, a.Score, a.Passed, a.Station, a.SubmittedAt.Format(time.RFC3339),
			a.NodeScore, a.Mismatch, a.ClockOffset})
	}
	return out
}

func (s *Server) apiAttempts(c echo.Context) error { return s.apiResults(c, false) }

func (s *Server) apiCompletions(c echo.Context) error { return s.apiResults(c, true) }

// apiResults lists attempts (completions: completions), filtered, searched with ?q, paged with ?page.
func (s *Server) apiResults(c echo.Context, completions bool) error {
	f := resultFilter(c)
	pg, err := apiPage(c, func() (int, error) { return s.Store.CountResults(ctx(c), f, completions) })
	if err != nil {
		return err
	}
	f.Offset, f.Limit = pg.Offset, pg.Limit
	list, err := s.Store.ListAttempts(c.Request().Context(), f, completions)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIAttempts(list))
}

type apiCertificate struct {
	ID        string  `json:"id"`
	Code      string  `json:"code"`
	Badge     string  `json:"badge"`
	CourseID  string  `json:"course_id"`
	Status    string  `json:"status"`
	IssuedAt  string  `json:"issued_at"`
	ExpiresAt *string `json:"expires_at"`
}

func toAPICertificates(list []store.Certificate) []apiCertificate {
	out := make([]apiCertificate, 0, len(list))
	for _, ct := range list {
		out = append(out, apiCertificate{ct.ID, ct.Code, ct.Badge, ct.CourseID, ct.Status, ct.IssuedAt.Format(time.RFC3339), optTime(ct.ExpiresAt)})
	}
	return out
}

func (s *Server) apiCertificates(c echo.Context) error {
	f := store.ResultFilter{Badge: c.QueryParam("badge"), Course: c.QueryParam("course"), Station: c.QueryParam("station"),
		Query: searchQuery(c), Agency: scope(c).AgencyFilter()}
	pg, err := apiPage(c, func() (int, error) { return s.Store.CountCertificates(ctx(c), f) })
	if err != nil {
		return err
	}
	f.Offset, f.Limit = pg.Offset, pg.Limit
	list, err := s.Store.ListCertificates(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICertificates(list))
}

func (s *Server) apiRevoke(c echo.Context) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.Center.RevokeCertificate(ctx(c), scope(c), c.Param("id"), in.Reason, actor(c)); err != nil {
		return err
	}
	cert, err := s.Store.FindCertificate(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": cert.ID, "status": cert.Status, "revoked_at": optTime(cert.RevokedAt), "reason": cert.RevokedReason})
}

func (s *Server) apiStaff(c echo.Context) error {
	list, err := s.Store.ListStaff(c.Request().Context())
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, u := range list {
		out = append(out, map[string]any{"username": u.Username, "role": u.Role, "created_at": u.CreatedAt.Format(time.RFC3339), "locked_until": optTime(u.LockedUntil)})
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiStaffCreate(c echo.Context) error {
	var in struct {
		Username string `json:"username"`
		Role     string `json:"role"`
		Password string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.Center.CreateStaff(ctx(c), in.Username, in.Role, in.Password, actor(c))
	if err = busy(c, err); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"username": u.Username, "role": u.Role})
}
