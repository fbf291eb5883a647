package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
)

// scope is the current staff member's scope (a coordinator's agency).
func scope(c echo.Context) service.Scope { return service.ScopeOf(currentUser(c)) }

type apiAgency struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Stations int    `json:"stations"`
}

// apiAgencies lists the agencies (a coordinator: his own).
func (s *Server) apiAgencies(c echo.Context) error {
	list, err := s.Store.ListAgencies(ctx(c))
	if err != nil {
		return err
	}
	out := []apiAgency{}
	for _, a := range list {
		if scope(c).Holds(a.Code) {
			out = append(out, apiAgency{a.Code, a.Name, a.Stations})
		}
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiAgencyCreate(c echo.Context) error {
	var in struct{ Code, Name string }
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, err := s.Center.CreateAgency(ctx(c), in.Code, in.Name, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, apiAgency{a.Code, a.Name, 0})
}

// apiStationCommander makes an officer the commander of his station (or not: "remove": true).
func (s *Server) apiStationCommander(c echo.Context) error {
	var in struct {
		Badge  string `json:"badge"`
		Remove bool   `json:"remove"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.Center.SetCommander(ctx(c), scope(c), c.Param("code"), in.Badge, !in.Remove, actor(c)); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"station": c.Param("code"), "badge": in.Badge, "commander": !in.Remove})
}

type apiRequirement struct {
	ID         int64   `json:"id"`
	CourseID   string  `json:"course_id"`
	Agency     *string `json:"agency"`
	Station    *string `json:"station"`
	Rank       *string `json:"rank"`
	DueDate    *string `json:"due_date"`
	DueDays    *int    `json:"due_days"`
	WindowDays int     `json:"window_days"`
	CreatedBy  string  `json:"created_by"`
	CreatedAt  string  `json:"created_at"`
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Server) apiRequirements(c echo.Context) error {
	list, err := s.Center.ListRequirements(ctx(c), scope(c))
	if err != nil {
		return err
	}
	out := make([]apiRequirement, 0, len(list))
	for _, r := range list {
		out = append(out, apiRequirement{r.ID, r.CourseID, orNull(r.Agency), orNull(r.Station), orNull(r.Rank), orNull(r.DueDate), r.DueDays,
			r.WindowDays, r.CreatedBy, r.CreatedAt.Format(time.RFC3339)})
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiRequirementCreate(c echo.Context) error {
	var in service.RequirementInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	id, err := s.Center.CreateRequirement(ctx(c), scope(c), in, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]int64{"id": id})
}

func (s *Server) apiRequirementDelete(c echo.Context) error {
	id, err := service.ParseID(c.Param("id"), "requirement.unknown")
	if err != nil {
		return err
	}
	if err := s.Center.DeleteRequirement(ctx(c), scope(c), id, actor(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// complianceFilter reads the report filters from the query.
func complianceFilter(c echo.Context) (service.ComplianceFilter, error) {
	f := service.ComplianceFilter{Agency: c.QueryParam("agency"), State: c.QueryParam("state"), Station: c.QueryParam("station"),
		Rank: c.QueryParam("rank"), Course: c.QueryParam("course"), Status: c.QueryParam("status"), Badge: c.QueryParam("badge")}
	for name, dst := range map[string]*int64{"after": &f.AfterID} {
		if v := c.QueryParam(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return f, courses.InvalidFields(map[string]courses.Msg{name: courses.M("v.number")})
			}
			*dst = n
		}
	}
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, courses.InvalidFields(map[string]courses.Msg{"limit": courses.M("v.number")})
		}
		f.Limit = n
	}
	return f, nil
}

// complianceQuery reads a compliance request's filters and its export format (?format).
func complianceQuery(c echo.Context) (service.ComplianceFilter, string, error) {
	f, err := complianceFilter(c)
	if err != nil {
		return f, "", err
	}
	format, err := exportFormat(c)
	return f, format, err
}

func isoDay(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

var complianceHeader = []string{"badge", "station", "agency", "course_id", "requirement_id", "status", "due_at", "completed_at", "expires_at"}

// apiCompliance answers one row per officer and requirement that applies, streamed (JSON, CSV or
// XLSX): a national export never sits whole in memory.
func (s *Server) apiCompliance(c echo.Context) error {
	f, format, err := complianceQuery(c)
	if err != nil {
		return err
	}
	if err := f.Check(); err != nil {
		return err // a bad filter is a 422 before anything is written
	}
	if format == "csv" || format == "xlsx" {
		w, err := startTable(c, format, "cumplimiento", complianceHeader)
		if err != nil {
			return err
		}
		err = s.Center.ComplianceRows(ctx(c), scope(c), f, func(r service.ComplianceRow) error {
			return w.Row([]any{r.Badge, r.Station, r.Agency, r.CourseID, r.RequirementID, r.Status, isoDay(r.DueAt), isoDay(r.CompletedAt), isoDay(r.ExpiresAt)})
		})
		if err != nil {
			return err
		}
		return w.Close()
	}
	res := c.Response()
	res.Header().Set("Content-Type", "application/json")
	res.WriteHeader(http.StatusOK)
	res.Write([]byte("["))
	enc := json.NewEncoder(res)
	first := true
	err = s.Center.ComplianceRows(ctx(c), scope(c), f, func(r service.ComplianceRow) error {
		if !first {
			res.Write([]byte(","))
		}
		first = false
		return enc.Encode(map[string]any{"badge": r.Badge, "station": r.Station, "agency": r.Agency, "course_id": r.CourseID,
			"requirement_id": r.RequirementID, "status": r.Status, "due_at": isoDay(r.DueAt), "completed_at": isoDay(r.CompletedAt), "expires_at": isoDay(r.ExpiresAt)})
	})
	if err != nil {
		s.Log.Error("compliance rows", "err", err)
		return nil // the answer has begun; the client sees a cut-off array
	}
	_, err = res.Write([]byte("]\n"))
	return err
}

// apiComplianceSummary counts the compliance rows by state, agency, station, rank or course.
func (s *Server) apiComplianceSummary(c echo.Context) error {
	f, format, err := complianceQuery(c)
	if err != nil {
		return err
	}
	rows, err := s.Center.ComplianceSummary(ctx(c), scope(c), f, c.QueryParam("by"))
	if err != nil {
		return err
	}
	if format == "csv" || format == "xlsx" {
		w, err := startTable(c, format, "resumen-cumplimiento", []string{"key", "officers", "required", "compliant", "expiring", "due", "overdue", "rate"})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := w.Row([]any{r.Key, r.Officers, r.Required, r.Compliant, r.Expiring, r.Due, r.Overdue, r.Rate()}); err != nil {
				return err
			}
		}
		return w.Close()
	}
	out := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"key": r.Key, "officers": r.Officers, "required": r.Required, "compliant": r.Compliant,
			"expiring": r.Expiring, "due": r.Due, "overdue": r.Overdue, "rate": r.Rate()})
	}
	return c.JSON(http.StatusOK, out)
}

// apiOpenData answers the anonymised coverage table: public with --public-open-data, else to
// staff only (401 without a token).
func (s *Server) apiOpenData(c echo.Context) error {
	if !s.PublicOpenData && currentUser(c) == nil {
		if c.Get(badTokenKey) != nil {
			return courses.E(courses.Unauthorized, "err.token")
		}
		return courses.E(courses.Unauthorized, "err.login_required")
	}
	format, err := exportFormat(c)
	if err != nil {
		return err
	}
	rows, err := s.Center.OpenCoverage(ctx(c), c.QueryParam("by"))
	if err != nil {
		return err
	}
	cell := func(n *int) any {
		if n == nil {
			return "<10"
		}
		return *n
	}
	if format == "csv" || format == "xlsx" {
		w, err := startTable(c, format, "cobertura", []string{"key", "officers", "required", "compliant", "overdue", "rate"})
		if err != nil {
			return err
		}
		for _, r := range rows {
			var rate any
			if r.Rate != nil {
				rate = *r.Rate
			}
			if err := w.Row([]any{r.Key, cell(r.Officers), cell(r.Required), cell(r.Compliant), cell(r.Overdue), rate}); err != nil {
				return err
			}
		}
		return w.Close()
	}
	out := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"key": r.Key, "officers": cell(r.Officers), "required": cell(r.Required),
			"compliant": cell(r.Compliant), "overdue": cell(r.Overdue), "rate": r.Rate})
	}
	return c.JSON(http.StatusOK, out)
}
