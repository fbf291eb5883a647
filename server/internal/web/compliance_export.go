package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/certpdf"
	"aula/courses/compliance"
	"aula/server/internal/service"
)

// handleComplianceExport downloads the dashboard's tables as CSV or XLSX (?format=csv|xlsx):
// table=units is the level's table (by course at a station), table=rows every officer ×
// requirement row under the level and filters, streamed.
func (s *Server) handleComplianceExport(c echo.Context) error {
	f, format, err := complianceQuery(c)
	if err != nil {
		return err
	}
	if format != "csv" && format != "xlsx" {
		return courses.InvalidFields(map[string]courses.Msg{"format": courses.M("v.export_format")})
	}
	if err := f.Check(); err != nil {
		return err
	}
	f.AfterID, f.Limit = 0, 0
	l := lang(c)
	titles, err := s.latestTitles(c)
	if err != nil {
		return err
	}
	if c.QueryParam("table") == "rows" {
		w, err := startTable(c, format, t(c, "compliance.file_rows"), csvHeader(l, "col.badge", "col.name", "col.rank", "col.station",
			"compliance.col.agency", "compliance.col.state", "compliance.col.course", "col.status", "compliance.col.due", "compliance.col.completed", "compliance.col.expires"))
		if err != nil {
			return err
		}
		if w, err = s.localize(c, w); err != nil {
			return err
		}
		err = s.Center.ComplianceRows(ctx(c), scope(c), f, func(r service.ComplianceRow) error {
			return w.Row([]any{r.Badge, r.Name, r.Rank, r.Station, r.Agency, r.State, titleOr(titles, r.CourseID), messages.T(l, "status."+r.Status),
				r.DueAt, r.CompletedAt, r.ExpiresAt})
		})
		if err != nil {
			return err
		}
		return w.Close()
	}
	_, by := complianceLevel(f)
	if by == "" {
		by = "course"
	}
	rows, err := s.Center.ComplianceSummary(ctx(c), scope(c), f, by)
	if err != nil {
		return err
	}
	w, err := startTable(c, format, t(c, "compliance.file_units"), csvHeader(l, "compliance.by."+by, "compliance.col.officers", "compliance.col.required",
		"status.compliant", "status.expiring", "status.due", "status.overdue", "compliance.col.rate"))
	if err != nil {
		return err
	}
	if w, err = s.localize(c, w); err != nil {
		return err
	}
	for _, r := range rows {
		key := r.Key
		if by == "course" {
			key = titleOr(titles, key)
		}
		if err := w.Row([]any{key, r.Officers, r.Required, r.Compliant, r.Expiring, r.Due, r.Overdue, r.Rate()}); err != nil {
			return err
		}
	}
	return w.Close()
}

// handleStationPDF is a station's one-page compliance summary for a commander's meeting.
func (s *Server) handleStationPDF(c echo.Context) error {
	sc := scope(c)
	st, err := s.Center.CheckStation(ctx(c), sc, strings.ToUpper(c.Param("code")))
	if err != nil {
		return err
	}
	titles, err := s.latestTitles(c)
	if err != nil {
		return err
	}
	f := service.ComplianceFilter{Station: st.Code}
	sum := certpdf.Summary{Station: st.Code, StationName: st.Name, Agency: strings.TrimPrefix(st.Agency+" — "+st.AgencyName, " — "), State: st.State,
		AsOf: s.Center.Today().Format("2006-01-02")}
	counts := map[string]*certpdf.SummaryCourse{}
	var order []string
	var last int64
	err = s.Center.ComplianceRows(ctx(c), sc, f, func(r service.ComplianceRow) error {
		if r.OfficerID != last {
			sum.Officers++
			last = r.OfficerID
		}
		k := counts[r.CourseID]
		if k == nil {
			k = &certpdf.SummaryCourse{Title: titleOr(titles, r.CourseID)}
			counts[r.CourseID] = k
			order = append(order, r.CourseID)
		}
		switch r.Status {
		case compliance.Compliant:
			k.Compliant++
		case compliance.Expiring:
			k.Expiring++
		case compliance.Due:
			k.Due++
		case compliance.Overdue:
			k.Overdue++
		}
		if r.Status == compliance.Due || r.Status == compliance.Overdue {
			sum.Behind = append(sum.Behind, certpdf.SummaryOfficer{Badge: r.Badge, Name: r.Name, Rank: r.Rank, Course: titleOr(titles, r.CourseID),
				Status: r.Status, DueOn: isoOrNone(r.DueAt)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(order)
	for _, id := range order {
		sum.Courses = append(sum.Courses, *counts[id])
	}
	// Most urgent first: overdue before due, then the earliest due date, then the badge.
	sort.SliceStable(sum.Behind, func(i, j int) bool {
		a, b := sum.Behind[i], sum.Behind[j]
		if a.Status != b.Status {
			return a.Status == compliance.Overdue
		}
		if a.DueOn != b.DueOn {
			return a.DueOn < b.DueOn
		}
		return a.Badge < b.Badge
	})
	pdf, err := certpdf.RenderSummary(sum, lang(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="cumplimiento-`+st.Code+`.pdf"`)
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}
