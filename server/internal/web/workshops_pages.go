package web

import (
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// handleWorkshops lists the workshops the reader's scope holds (filters: force, state, station,
// status, from, to; paginated), with the workshops-and-hours report below; ?format=csv|xlsx
// downloads the whole filtered list (the API's export).
func (s *Server) handleWorkshops(c echo.Context) error {
	if f := c.QueryParam("format"); f != "" {
		return s.workshopList(c, true)
	}
	f, err := workshopFilter(c)
	if err != nil {
		return err
	}
	total, err := s.Center.CountWorkshops(ctx(c), scope(c), f)
	if err != nil {
		return err
	}
	pg := newPager(c, "/workshops", total)
	f.Paging = store.Paging{Offset: pg.Offset(), Limit: store.PageSize}
	list, _, err := s.Center.ListWorkshops(ctx(c), scope(c), f)
	if err != nil {
		return err
	}
	by, err := summaryBy(c)
	if err != nil {
		return err
	}
	p := page{"Workshops": list, "Pager": pg, "Filter": f, "By": by, "Links": reportLinks(c, by),
		"Statuses": []string{store.WorkshopScheduled, store.WorkshopClosed, store.WorkshopApproved}}
	if p["Held"], err = s.Center.WorkshopSummary(ctx(c), scope(c), by, f); err != nil {
		return err
	}
	if p["Hours"], err = s.Center.HoursSummary(ctx(c), scope(c), by); err != nil {
		return err
	}
	if p["Stations"], err = s.Store.ListStationsOf(ctx(c), scope(c).AgencyFilter()); err != nil {
		return err
	}
	if p["Agencies"], err = s.agenciesInScope(c); err != nil {
		return err
	}
	p["States"] = statesOf(p["Stations"].([]store.Station))
	p["CanSchedule"] = canSchedule(c)
	return s.render(c, "workshops", p)
}

// reportLinks are the report's links: the list grouped by state or by force, and the downloads
// (the held workshops keep the list's filters; the hours take only the grouping).
func reportLinks(c echo.Context, by string) map[string]string {
	q := c.Request().URL.Query()
	q.Del("page")
	q.Del("format")
	with := func(path string, set map[string]string) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		for k, x := range set {
			v.Set(k, x)
		}
		return path + "?" + v.Encode()
	}
	hours := url.Values{"report": {"hours"}, "by": {by}}
	return map[string]string{
		"ByState": with("/workshops", map[string]string{"by": "state"}), "ByAgency": with("/workshops", map[string]string{"by": "agency"}),
		"HeldCSV":  with("/workshops/reports", map[string]string{"report": "held", "format": "csv", "by": by}),
		"HeldXLSX": with("/workshops/reports", map[string]string{"report": "held", "format": "xlsx", "by": by}),
		"HoursCSV": "/workshops/reports?" + hours.Encode() + "&format=csv", "HoursXLSX": "/workshops/reports?" + hours.Encode() + "&format=xlsx",
	}
}

// statesOf lists the states of stations, sorted, each once.
func statesOf(stations []store.Station) []string {
	var out []string
	for _, st := range stations {
		if st.State != "" && !slices.Contains(out, st.State) {
			out = append(out, st.State)
		}
	}
	slices.Sort(out)
	return out
}

// agenciesInScope lists the forces the reader may filter by (a coordinator: his own).
func (s *Server) agenciesInScope(c echo.Context) ([]store.Agency, error) {
	all, err := s.Store.ListAgencies(ctx(c))
	if err != nil || !scope(c).Limited() {
		return all, err
	}
	return slices.DeleteFunc(all, func(a store.Agency) bool { return !scope(c).Holds(a.Code) }), nil
}

// canSchedule: the reader may schedule, approve and enter paper rosters (routes.go, workshopWrite).
func canSchedule(c echo.Context) bool {
	u := currentUser(c)
	return u != nil && slices.Contains(workshopWrite, u.Role)
}

// handleWorkshopExport downloads a report of the list page: ?report=held (workshops held, the
// list filters apply) or hours (training hours per year), by=state|agency, format=csv|xlsx.
func (s *Server) handleWorkshopExport(c echo.Context) error {
	if f := c.QueryParam("format"); f != "csv" && f != "xlsx" {
		return courses.InvalidFields(map[string]courses.Msg{"format": courses.M("v.export_format")})
	}
	if c.QueryParam("report") == "hours" {
		return s.hoursSummary(c, true)
	}
	return s.workshopSummary(c, true)
}

// handleWorkshopNew shows the "Nuevo taller" form.
func (s *Server) handleWorkshopNew(c echo.Context) error {
	return s.workshopForm(c, http.StatusOK, page{"Form": map[string]string{"trainer": actor(c), "date": s.today()}})
}

func (s *Server) workshopForm(c echo.Context, status int, p page) error {
	var err error
	if p["Stations"], err = s.Store.ListStationsOf(ctx(c), scope(c).AgencyFilter()); err != nil {
		return err
	}
	if p["Courses"], err = s.Store.LatestVersions(ctx(c)); err != nil {
		return err
	}
	p["Areas"] = courses.Areas
	return s.renderStatus(c, status, "workshop_new", p)
}

// handleWorkshopCreate schedules a workshop from the form; a bad field shows the form again (422)
// with every value kept and each field's message.
func (s *Server) handleWorkshopCreate(c echo.Context) error {
	form := map[string]string{}
	for _, k := range []string{"title_es", "title_en", "area", "hours", "station", "date", "trainer", "course_id", "counts"} {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	title, _ := json.Marshal(map[string]string{"es": form["title_es"], "en": form["title_en"]})
	in := service.WorkshopInput{Title: title, Area: form["area"], Station: form["station"], Date: form["date"],
		CourseID: form["course_id"], Counts: form["counts"] == "yes", Trainer: form["trainer"]}
	// Hours as a person writes them (4,5 or 4.5); anything else is 0, which the service refuses.
	if h, err := strconv.ParseFloat(strings.ReplaceAll(form["hours"], ",", "."), 64); err == nil && !math.IsNaN(h) {
		in.Hours = h
	}
	id, err := s.Center.CreateWorkshop(ctx(c), scope(c), in, actor(c))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.workshopForm(c, statusOf(err), page{"Form": form, "Fields": fieldsOf(c, err), "Error": errText(c, err)})
	}
	return c.Redirect(http.StatusSeeOther, "/workshops/"+id+"?done=created")
}
