package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/certpdf"
	"aula/server/internal/service"
)

// transcriptJSON is an officer's transcript as the API answers it (docs/api.md).
func transcriptJSON(c echo.Context, tr *service.Transcript) map[string]any {
	entries := make([]map[string]any, 0, len(tr.Entries))
	for _, e := range tr.Entries {
		entries = append(entries, map[string]any{"kind": e.Kind, "title": e.Title.In(lang(c), "es"), "date": e.Day, "hours": e.Hours,
			"area": e.Area, "course_id": orNull(e.CourseID), "certificate_code": orNull(e.Code)})
	}
	return map[string]any{"badge": tr.Officer.Badge, "name": tr.Officer.Name(), "station": tr.Officer.StationCode, "hours_total": tr.HoursTotal,
		"hours_by_area": tr.HoursByArea, "hours_by_year": tr.HoursByYear, "entries": entries}
}

// apiTranscript: GET /api/v1/officers/{badge}/transcript[?format=pdf].
func (s *Server) apiTranscript(c echo.Context) error {
	tr, err := s.Center.Transcript(ctx(c), scope(c), c.Param("badge"))
	if err != nil {
		return err
	}
	if c.QueryParam("format") == "pdf" {
		return s.transcriptPDF(c, tr)
	}
	return c.JSON(http.StatusOK, transcriptJSON(c, tr))
}

// apiHoursSummary: GET /api/v1/hours/summary?by=agency|state[&format=csv|xlsx]: training hours
// per agency or state and year.
func (s *Server) apiHoursSummary(c echo.Context) error { return s.hoursSummary(c, false) }

// hoursSummary answers the hours summary; forPage: a download of the workshops page, with the
// page's column names in the reader's language and decimals as the reader writes them.
func (s *Server) hoursSummary(c echo.Context, forPage bool) error {
	format, err := exportFormat(c)
	if err != nil {
		return err
	}
	by, err := summaryBy(c)
	if err != nil {
		return err
	}
	rows, err := s.Center.HoursSummary(ctx(c), scope(c), by)
	if err != nil {
		return err
	}
	if format == "csv" || format == "xlsx" {
		header := []string{"key", "year", "officers", "hours"}
		if forPage {
			header = csvHeader(lang(c), byColumn[by], "wsp.year", "wsp.officers_trained", "wsp.hours_label")
		}
		w, err := s.startSummary(c, format, "horas-de-formacion", header, forPage)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := w.Row([]any{r.Key, r.Year, r.Officers, r.Hours}); err != nil {
				return err
			}
		}
		return w.Close()
	}
	out := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"key": r.Key, "year": r.Year, "officers": r.Officers, "hours": r.Hours})
	}
	return c.JSON(http.StatusOK, out)
}

// apiWorkshopSummary: GET /api/v1/workshops/summary?by=agency|state (list filters apply)
// [&format=csv|xlsx]: workshops held, participants and hours delivered.
func (s *Server) apiWorkshopSummary(c echo.Context) error { return s.workshopSummary(c, false) }

// workshopSummary answers the workshops summary; forPage as for hoursSummary.
func (s *Server) workshopSummary(c echo.Context, forPage bool) error {
	format, err := exportFormat(c)
	if err != nil {
		return err
	}
	by, err := summaryBy(c)
	if err != nil {
		return err
	}
	f, err := workshopFilter(c)
	if err != nil {
		return err
	}
	rows, err := s.Center.WorkshopSummary(ctx(c), scope(c), by, f)
	if err != nil {
		return err
	}
	if format == "csv" || format == "xlsx" {
		header := []string{"key", "workshops", "approved", "participants", "guests", "hours", "participant_hours"}
		if forPage {
			header = csvHeader(lang(c), byColumn[by], "wsp.held_n", "wsp.approved_n", "wsp.participants", "wsp.guests", "wsp.hours_given", "wsp.person_hours")
		}
		w, err := s.startSummary(c, format, "resumen-talleres", header, forPage)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := w.Row([]any{r.Key, r.Workshops, r.Approved, r.Participants, r.Guests, r.Hours, r.ParticipantHours}); err != nil {
				return err
			}
		}
		return w.Close()
	}
	out := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"key": r.Key, "workshops": r.Workshops, "approved": r.Approved, "participants": r.Participants,
			"guests": r.Guests, "hours": r.Hours, "participant_hours": r.ParticipantHours})
	}
	return c.JSON(http.StatusOK, out)
}

// byColumn names the first column of a summary grouped by state or agency.
var byColumn = map[string]string{"state": "wsp.state", "agency": "wsp.force"}

// startSummary starts a summary's download: the API's as startTable, a page's localized.
func (s *Server) startSummary(c echo.Context, format, name string, header []string, forPage bool) (tableWriter, error) {
	w, err := startTable(c, format, name, header)
	if err != nil || !forPage {
		return w, err
	}
	return s.localize(c, w)
}

// summaryBy reads ?by=: "state" (the default) or "agency".
func summaryBy(c echo.Context) (string, error) {
	switch by := c.QueryParam("by"); by {
	case "", "state":
		return "state", nil
	case "agency":
		return by, nil
	}
	return "", courses.InvalidFields(map[string]courses.Msg{"by": courses.M("v.coverage_by")})
}

// transcriptPDF answers the one-page "constancia de formación" in the reader's language.
func (s *Server) transcriptPDF(c echo.Context, tr *service.Transcript) error {
	pdf, err := s.transcriptPDFBytes(c, tr)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", "constancia-"+tr.Officer.Badge+".pdf"))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// transcriptPDFBytes renders the constancia in the reader's language.
func (s *Server) transcriptPDFBytes(c echo.Context, tr *service.Transcript) ([]byte, error) {
	d := certpdf.Transcript{Name: tr.Officer.Name(), Badge: tr.Officer.Badge, Station: tr.Officer.StationCode,
		AsOf: s.Now().In(s.zone()).Format(time.DateOnly), HoursTotal: tr.HoursTotal, VerifyBase: s.publicURL(c) + "/verify/"}
	for _, a := range courses.Areas {
		if h, ok := tr.HoursByArea[a]; ok {
			d.Areas = append(d.Areas, certpdf.AreaHours{Label: t(c, areaMsg[a]), Hours: h})
		}
	}
	for _, e := range tr.Entries {
		d.Entries = append(d.Entries, certpdf.TranscriptEntry{Day: e.Day, Kind: t(c, kindMsg[e.Kind]), Title: e.Title.In(lang(c), "es"),
			Area: t(c, areaMsg[e.Area]), Hours: e.Hours, Code: e.Code})
	}
	return certpdf.RenderTranscript(d, lang(c))
}

// areaMsg and kindMsg name the catalog's words for a course area and a ledger entry's kind.
var (
	areaMsg = map[string]string{"use-of-force": "area.use-of-force", "human-rights": "area.human-rights",
		"police-management": "area.police-management", "other": "area.other"}
	kindMsg = map[string]string{"course": "tr.kind_course", "workshop": "tr.kind_workshop"}
)
