package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/sync/certificate"
)

// workshopWrite: scheduling and approving workshops (coordinators: in their agency).
var workshopWrite = []string{store.RoleAdmin, store.RoleCoordinator, store.RoleTrainer}

// workshopFilter reads the list filters from the query (or a form).
func workshopFilter(c echo.Context) (store.WorkshopFilter, error) {
	f := store.WorkshopFilter{Agency: strings.ToUpper(c.QueryParam("agency")), State: c.QueryParam("state"),
		Station: strings.ToUpper(c.QueryParam("station")), Status: c.QueryParam("status"), From: c.QueryParam("from"), To: c.QueryParam("to")}
	fields := map[string]courses.Msg{}
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			fields[name] = courses.M("v.date")
		}
	}
	switch f.Status {
	case "", store.WorkshopScheduled, store.WorkshopClosed, store.WorkshopApproved:
	default:
		fields["status"] = courses.M("v.workshop_status")
	}
	if len(fields) > 0 {
		return f, courses.InvalidFields(fields)
	}
	return f, nil
}

// signCenter signs a certificate's claims with the center's key.
func (s *Server) signCenter(cl certificate.Claims) string { return certificate.SignByCenter(cl, s.Key) }

func (s *Server) apiWorkshopCreate(c echo.Context) error {
	var in service.WorkshopInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	id, err := s.Center.CreateWorkshop(ctx(c), scope(c), in, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"id": id})
}

// workshopJSON is a workshop as the API answers it.
func workshopJSON(w *store.Workshop) map[string]any {
	return map[string]any{"id": w.ID, "title": w.Title, "area": w.Area, "hours": w.Hours, "station": w.Station, "agency": w.Agency,
		"state": w.State, "date": w.Day, "trainer": w.Trainer, "course_id": orNull(w.CourseID), "counts_for_course": w.Counts,
		"status": w.Status, "officers": w.Officers, "guests": w.Guests}
}

func (s *Server) apiWorkshop(c echo.Context) error {
	w, list, err := s.Center.FindWorkshop(ctx(c), scope(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := workshopJSON(w)
	att := []map[string]any{}
	for _, p := range list {
		a := map[string]any{"name": p.Name, "certificate_code": orNull(p.CertCode), "source": p.Source}
		if p.Badge != "" {
			a["badge"], a["station"], a["other_station"] = p.Badge, p.Station, p.OtherStation
		} else {
			a["guest_id"], a["document"], a["institution"] = p.GuestID, p.Document, p.Institution
		}
		att = append(att, a)
	}
	out["attendance"] = att
	return c.JSON(http.StatusOK, out)
}

var workshopHeader = []string{"id", "date", "station", "agency", "state", "title", "area", "hours", "trainer", "course_id", "status", "officers", "guests"}

// apiWorkshops lists workshops (filters agency, state, station, status, from, to), as JSON, CSV
// or XLSX.
func (s *Server) apiWorkshops(c echo.Context) error { return s.workshopList(c, false) }

// workshopPageHeader names workshopHeader's columns on the workshops page's download.
var workshopPageHeader = []string{"wsp.col.id", "wsp.date", "col.station", "wsp.force", "wsp.state", "wsp.title", "col.area", "wsp.hours_label",
	"wsp.trainer", "col.course", "wsp.status_col", "wsp.officers", "wsp.guests"}

// wsStatusMsg names the catalog's words for a workshop's status.
var wsStatusMsg = map[string]string{store.WorkshopScheduled: "wsp.status.scheduled", store.WorkshopClosed: "wsp.status.closed",
	store.WorkshopApproved: "wsp.status.approved"}

// workshopList answers the list of workshops; forPage: the workshops page's download, in the
// reader's language (column names, area, status, dates and decimals).
func (s *Server) workshopList(c echo.Context, forPage bool) error {
	f, err := workshopFilter(c)
	if err != nil {
		return err
	}
	format, err := exportFormat(c)
	if err != nil {
		return err
	}
	list, _, err := s.Center.ListWorkshops(ctx(c), scope(c), f)
	if err != nil {
		return err
	}
	if format == "csv" || format == "xlsx" {
		header := workshopHeader
		if forPage {
			header = csvHeader(lang(c), workshopPageHeader...)
		}
		w, err := s.startSummary(c, format, "talleres", header, forPage)
		if err != nil {
			return err
		}
		for _, x := range list {
			var day, area, status any = x.Day, x.Area, x.Status
			if forPage {
				d, _ := time.Parse(time.DateOnly, x.Day)
				day, area, status = d, t(c, areaMsg[x.Area]), t(c, wsStatusMsg[x.Status])
			}
			if err := w.Row([]any{x.ID, day, x.Station, x.Agency, x.State, x.Title.In(lang(c), "es"), area, x.Hours, x.Trainer, x.CourseID,
				status, x.Officers, x.Guests}); err != nil {
				return err
			}
		}
		return w.Close()
	}
	out := make([]map[string]any, 0, len(list))
	for i := range list {
		out = append(out, workshopJSON(&list[i]))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiWorkshopApprove(c echo.Context) error {
	if err := s.Center.ApproveWorkshop(ctx(c), scope(c), c.Param("id"), actor(c), s.signCenter); err != nil {
		return err
	}
	return s.apiWorkshop(c)
}

// apiWorkshopRoster enters a paper roster: a CSV body whose first line is "badge" and then one
// badge per line.
func (s *Server) apiWorkshopRoster(c echo.Context) error {
	badges, problems := s.readRosterCSV(c, c.Request().Body, "roster.csv")
	if len(problems) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": strings.Join(problems, "\n"), "problems": problems})
	}
	n, err := s.Center.PaperRoster(ctx(c), scope(c), c.Param("id"), badges, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"added": n})
}

// readRosterCSV reads a paper roster: the header "badge" (other columns, such as a name, are
// ignored), then one officer per line; every line naming no officer is reported as FILE:LINE.
func (s *Server) readRosterCSV(c echo.Context, r io.Reader, name string) ([]string, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil || len(head) == 0 || !strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(head[0], "\ufeff")), "badge") {
		return nil, []string{name + ":1: " + t(c, "workshop.roster_header")}
	}
	var badges, problems []string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, t(c, "workshop.roster_line")))
			break
		}
		b := strings.ToUpper(strings.TrimSpace(rec[0]))
		if b == "" {
			continue
		}
		o, err := s.Store.FindOfficer(ctx(c), b)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, t(c, "v.badge_unknown", b)))
			continue
		}
		if !scope(c).Holds(o.Agency) {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, t(c, "workshop.roster_other_agency", b)))
			continue
		}
		badges = append(badges, b)
	}
	if len(badges) == 0 && len(problems) == 0 {
		problems = append(problems, name+":2: "+t(c, "workshop.roster_empty"))
	}
	return badges, problems
}
