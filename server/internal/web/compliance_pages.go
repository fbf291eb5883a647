package web

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses/compliance"
	"aula/internal/i18n"
	"aula/internal/svgchart"
	"aula/server/internal/service"
)

// The compliance dashboard (issue 15): one page that drills down national → state → agency →
// station → officer. Where it stands is in the query (state, agency, station, badge); the
// filters course, rank and status apply at every level. Each level is a table with a stacked bar
// chart of statuses per unit, a trend line and CSV/XLSX downloads of the same table
// (/compliance/export), all from the service the API uses.

// crumb is one step of the breadcrumbs.
type crumb struct{ Label, Link string }

// unitRow is one row of a level's table: a unit (state, agency, station) and its counts.
type unitRow struct {
	service.SummaryRow
	Label, Link string
}

// officerLine is one officer × requirement row of the station and officer levels.
type officerLine struct {
	service.ComplianceRow
	Link string
}

// complianceLevel is where the dashboard stands: the grouping of its table and the next level.
func complianceLevel(f service.ComplianceFilter) (level, by string) {
	switch {
	case f.Badge != "":
		return "officer", ""
	case f.Station != "":
		return "station", ""
	case f.Agency != "":
		return "agency", "station"
	case f.State != "":
		return "state", "agency"
	}
	return "national", "state"
}

// complianceLink is the dashboard's address for f's level and filters, with set changed.
func complianceLink(path string, f service.ComplianceFilter, set map[string]string) string {
	q := url.Values{}
	for k, v := range map[string]string{"state": f.State, "agency": f.Agency, "station": f.Station, "badge": f.Badge,
		"course": f.Course, "rank": f.Rank, "status": f.Status} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for k, v := range set {
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// handleCompliance shows one level of the dashboard.
func (s *Server) handleCompliance(c echo.Context) error {
	f, err := complianceFilter(c)
	if err != nil {
		return err
	}
	if err := f.Check(); err != nil {
		return err
	}
	f.AfterID, f.Limit = 0, 0
	level, by := complianceLevel(f)
	sc := scope(c)
	titles, err := s.latestTitles(c)
	if err != nil {
		return err
	}
	p := page{"Filter": f, "Level": level, "Crumbs": s.crumbs(c, f), "CourseTitles": titles}
	series := statusSeries(lang(c))
	var trend []service.TrendPoint // computed with the summary, in the same walk, where there is one
	if by != "" {
		rows, tr, err := s.Center.ComplianceOverview(ctx(c), sc, f, by, 12)
		trend = tr
		if err != nil {
			return err
		}
		units := make([]unitRow, 0, len(rows))
		bars := make([]svgchart.Bar, 0, len(rows))
		for _, r := range rows {
			u := unitRow{SummaryRow: r, Label: r.Key, Link: complianceLink("/compliance", f, map[string]string{by: r.Key})}
			if r.Key == "" {
				u.Label, u.Link = t(c, "compliance.unset"), ""
			}
			units = append(units, u)
			bars = append(bars, svgchart.Bar{Label: u.Label, Link: u.Link, Values: []int{r.Compliant, r.Expiring, r.Due, r.Overdue}})
		}
		pg := newPager(c, "/compliance", len(units))
		p["Units"], p["Pager"], p["By"] = pageOf(units, pg), pg, by
		p["Chart"] = svgchart.Stacked(t(c, chartTitles[by]), series, pageOf(bars, pg))
		p["Total"] = totalOf(rows)
	} else if trend, err = s.officerLevel(c, f, p, titles); err != nil {
		return err
	}
	if trend == nil {
		if trend, err = s.Center.ComplianceTrend(ctx(c), sc, f, 12); err != nil {
			return err
		}
	}
	points := make([]svgchart.Point, len(trend))
	for i, tp := range trend {
		points[i] = svgchart.Point{Label: monthLabel(lang(c), tp.Day, i == 0), Value: tp.Rate()}
	}
	p["Trend"] = svgchart.Line(t(c, "compliance.trend"), points)
	p["Statuses"] = compliance.Statuses
	p["Export"] = func(format, table string) string {
		return complianceLink("/compliance/export", f, map[string]string{"format": format, "table": table})
	}
	if f.Station != "" {
		p["PDF"] = "/stations/" + url.PathEscape(f.Station) + "/compliance.pdf"
	}
	if p["Courses"], err = s.requiredCourses(c, sc, titles); err != nil {
		return err
	}
	return s.render(c, "compliance", p)
}

// officerLevel fills the station and officer levels: one row per officer and requirement, a
// page of officers at a time (keyset: ?after=the last officer id of the previous page), and the
// station's chart by course (with its trend, returned; nil at the officer level).
func (s *Server) officerLevel(c echo.Context, f service.ComplianceFilter, p page, titles map[string]string) ([]service.TrendPoint, error) {
	sc := scope(c)
	var trend []service.TrendPoint
	if f.Station != "" {
		st, err := s.Center.CheckStation(ctx(c), sc, f.Station)
		if err != nil {
			return nil, err
		}
		p["Station"] = st
		sum, tr, err := s.Center.ComplianceOverview(ctx(c), sc, f, "course", 12)
		if err != nil {
			return nil, err
		}
		trend = tr
		bars := make([]svgchart.Bar, 0, len(sum))
		for _, r := range sum {
			bars = append(bars, svgchart.Bar{Label: titleOr(titles, r.Key), Values: []int{r.Compliant, r.Expiring, r.Due, r.Overdue}})
		}
		p["Chart"] = svgchart.Stacked(t(c, "compliance.chart_by.course"), statusSeries(lang(c)), bars)
		p["Total"] = totalOf(sum)
	}
	if f.Badge != "" {
		o, err := s.Center.CheckOfficer(ctx(c), sc, f.Badge)
		if err != nil {
			return nil, err
		}
		p["Officer"] = o
	}
	after := int64(0)
	if f.Badge == "" {
		paged, err := complianceFilter(c)
		if err != nil {
			return nil, err
		}
		after = paged.AfterID
	}
	f.AfterID, f.Limit = after, officersPerPage
	var lines []officerLine
	var last int64
	officers := 0
	err := s.Center.ComplianceRows(ctx(c), sc, f, func(r service.ComplianceRow) error {
		if r.OfficerID != last {
			officers++
			last = r.OfficerID
		}
		lines = append(lines, officerLine{ComplianceRow: r, Link: complianceLink("/compliance", f, map[string]string{"badge": r.Badge, "station": r.Station})})
		return nil
	})
	if err != nil {
		return nil, err
	}
	p["Lines"] = lines
	if officers == officersPerPage {
		p["NextPage"] = complianceLink("/compliance", f, map[string]string{"after": strconv.FormatInt(last, 10)})
	}
	if after > 0 {
		p["FirstPage"] = complianceLink("/compliance", f, nil)
	}
	return trend, nil
}

// chartTitles name each level's chart.
var chartTitles = map[string]string{"state": "compliance.chart_by.state", "agency": "compliance.chart_by.agency", "station": "compliance.chart_by.station"}

// officersPerPage is how many officers the station level shows at once.
const officersPerPage = 50

// crumbs are the links back up from f's level.
func (s *Server) crumbs(c echo.Context, f service.ComplianceFilter) []crumb {
	keep := func(set map[string]string) string {
		for _, k := range []string{"state", "agency", "station", "badge"} {
			if _, ok := set[k]; !ok {
				set[k] = ""
			}
		}
		for k, v := range map[string]string{"state": f.State, "agency": f.Agency, "station": f.Station} {
			if set[k] == "keep" {
				set[k] = v
			}
		}
		return complianceLink("/compliance", f, set)
	}
	out := []crumb{{t(c, "compliance.national"), keep(map[string]string{})}}
	if f.State != "" {
		out = append(out, crumb{f.State, keep(map[string]string{"state": "keep"})})
	}
	if f.Agency != "" {
		out = append(out, crumb{f.Agency, keep(map[string]string{"state": "keep", "agency": "keep"})})
	}
	if f.Station != "" {
		out = append(out, crumb{f.Station, keep(map[string]string{"state": "keep", "agency": "keep", "station": "keep"})})
	}
	if f.Badge != "" {
		out = append(out, crumb{f.Badge, ""})
	}
	out[len(out)-1].Link = "" // where the reader is
	return out
}

// statusSeries are the four statuses as chart series: colour, and a pattern for print.
func statusSeries(lang string) []svgchart.Series {
	return []svgchart.Series{
		{Name: messages.T(lang, "status.compliant"), Color: "#4caf50", Pattern: "solid"},
		{Name: messages.T(lang, "status.expiring"), Color: "#ffd54f", Pattern: "hatch"},
		{Name: messages.T(lang, "status.due"), Color: "#90caf9", Pattern: "dots"},
		{Name: messages.T(lang, "status.overdue"), Color: "#e53935", Pattern: "cross"},
	}
}

// totalOf adds up a level's rows (officers are counted once per unit, so their sum is exact for
// a partition by state, agency or station).
func totalOf(rows []service.SummaryRow) service.SummaryRow {
	var t service.SummaryRow
	for _, r := range rows {
		t.Officers += r.Officers
		t.Required += r.Required
		t.Compliant += r.Compliant
		t.Expiring += r.Expiring
		t.Due += r.Due
		t.Overdue += r.Overdue
	}
	return t
}

// requiredCourse is a course some requirement in the reader's scope asks for.
type requiredCourse struct{ ID, Title string }

// requiredCourses lists the courses of the requirements the reader sees (the course filter).
func (s *Server) requiredCourses(c echo.Context, sc service.Scope, titles map[string]string) ([]requiredCourse, error) {
	reqs, err := s.Center.ListRequirements(ctx(c), sc)
	if err != nil {
		return nil, err
	}
	var out []requiredCourse
	seen := map[string]bool{}
	for _, r := range reqs {
		if !seen[r.CourseID] {
			seen[r.CourseID] = true
			out = append(out, requiredCourse{r.CourseID, titleOr(titles, r.CourseID)})
		}
	}
	return out, nil
}

// latestTitles maps each course id to its latest version's title in the reader's language.
func (s *Server) latestTitles(c echo.Context) (map[string]string, error) {
	versions, err := s.Store.LatestVersions(ctx(c))
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(versions))
	for _, v := range versions {
		out[v.CourseID] = v.Title.In(lang(c), i18n.Default)
	}
	return out, nil
}

// titleOr is a course's title, or its id when the center holds no title for it.
func titleOr(titles map[string]string, id string) string {
	if t := titles[id]; t != "" {
		return t
	}
	return id
}

// monthLabel names a month on the trend's axis: "dic", with the year on the first point and in
// January ("ene 27").
func monthLabel(lang string, d time.Time, first bool) string {
	names := monthsES
	if lang == "en" {
		names = monthsEN
	}
	s := names[d.Month()-1]
	if first || d.Month() == time.January {
		s += fmt.Sprintf(" %02d", d.Year()%100)
	}
	return s
}

var (
	monthsES = []string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"}
	monthsEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// isoOrNone writes a day as the JSON API does ("2006-01-02"), or "" for none.
func isoOrNone(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
