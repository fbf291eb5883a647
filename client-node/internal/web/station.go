package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses/compliance"
	"aula/courses/format"
	"aula/internal/csvsafe"
)

// perSheet is how many officers a printed A4 page of the commander's table holds.
const perSheet = 40

// handleStation is the commander's page: every officer of the station with his status per
// requirement, filtered, with a bar of the statuses, as of the last sync; printable one A4 page
// per 40 officers.
func (s *Server) handleStation(c echo.Context) error {
	ctx := c.Request().Context()
	p, all, err := s.standings(ctx, "")
	if err != nil {
		return err
	}
	f := filterOf(c)
	v := stationTable(p, all, f)
	titles, err := s.courseTitles(ctx, lang(c))
	if err != nil {
		return err
	}
	var sheets []sheet
	fm := format.New(lang(c), s.Zone)
	for i := 0; i < len(v.Rows); i += perSheet {
		sheets = append(sheets, sheet{Rows: rowsHTML(lang(c), fm, v.Rows[i:min(i+perSheet, len(v.Rows))]), N: len(sheets) + 1})
	}
	for i := range sheets {
		sheets[i].Of = len(sheets)
	}
	var courseIDs []string
	for _, r := range p.Requirements {
		if len(courseIDs) == 0 || courseIDs[len(courseIDs)-1] != r.CourseID {
			courseIDs = append(courseIDs, r.CourseID)
		}
	}
	columns := make([]string, len(v.Columns))
	for i, r := range v.Columns {
		columns[i] = titleOf(titles, r.CourseID)
		if i > 0 && v.Columns[i-1].CourseID == r.CourseID { // two requirements on one course
			columns[i] += fmt.Sprintf(" (%d)", r.ID)
		}
	}
	countOf := map[string]int{compliance.Compliant: v.Counts.Compliant, compliance.Expiring: v.Counts.Expiring,
		compliance.Due: v.Counts.Due, compliance.Overdue: v.Counts.Overdue}
	csv := "/station/compliance.csv"
	if q := c.QueryString(); q != "" {
		csv += "?" + q
	}
	return s.render(c, "station", page{"View": v, "Sheets": sheets, "Filter": f, "Titles": titles, "CourseIDs": courseIDs,
		"Columns": columns, "CountOf": countOf, "AsOf": p.AsOf, "Station": p.Station, "Statuses": compliance.Statuses,
		"Bar": statusBar(lang(c), v.Counts), "Officers": len(v.Rows), "NoRequirements": len(p.Requirements) == 0, "CSV": csv,
		"Filtered": f != stationFilter{}})
}

// sheet is a printed page of the commander's table: up to perSheet officers, page N of Of.
type sheet struct {
	Rows  template.HTML
	N, Of int
}

// rowsHTML writes the table rows of officers in Go rather than in the template: 400 officers
// with 10 requirements are 4,000 cells, which the template engine's reflection would take tens
// of milliseconds to write (docs/benchmarks.md).
func rowsHTML(l string, fm format.Formatter, rows []stationRow) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	labels := map[string]string{}
	for _, st := range compliance.Statuses {
		labels[st] = esc(messages.T(l, "standing."+st))
	}
	na := esc(messages.T(l, "station.na"))
	for _, r := range rows {
		o := r.Officer
		b.WriteString(`<tr><th scope="row"><span class="badge-no">` + esc(o.Badge) + `</span> ` + esc(o.Rank) + ` ` +
			esc(o.FamilyNames) + `, ` + esc(o.GivenNames) + `</th>`)
		for _, st := range r.Cells {
			if !st.Applies {
				b.WriteString(`<td><span class="muted">` + na + `</span></td>`)
				continue
			}
			b.WriteString(`<td><span class="status st-` + st.Status + `">` + labels[st.Status] + `</span>`)
			if !st.DueAt.IsZero() {
				b.WriteString(` <small>` + esc(fm.Date(st.DueAt)) + `</small>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// titleOf is a course's title, or its id when the course is not installed here.
func titleOf(titles map[string]string, id string) string {
	if t := titles[id]; t != "" {
		return t
	}
	return id
}

// courseTitles returns the title of every installed course in lang (a required course not
// installed here shows its id).
func (s *Server) courseTitles(ctx context.Context, l string) (map[string]string, error) {
	versions, err := s.Store.LatestVersions(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i := range versions {
		pkg, err := s.version(ctx, &versions[i])
		if err != nil {
			return nil, err
		}
		out[pkg.Course.ID] = pkg.Course.Title.In(l, pkg.Course.Language)
	}
	return out, nil
}

// statusColors are the bar's colours, one per status (compliance.Statuses order); the legend
// repeats them in the page's CSS (.st-compliant …).
var statusColors = map[string]string{compliance.Compliant: "#1f7a3f", compliance.Expiring: "#d59b00",
	compliance.Due: "#2f6fb5", compliance.Overdue: "#b3261e"}

// statusBar draws the counts as one stacked bar, server-side: an SVG the page and the printout
// show without JavaScript.
func statusBar(l string, n compliance.Counts) template.HTML {
	const w, h = 600.0, 28.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" viewBox="0 0 %g %g" width="%g" height="%g" preserveAspectRatio="none" role="img" aria-label="%s">`, w, h, w, h,
		template.HTMLEscapeString(messages.T(l, "station.bar_label")))
	if n.Required == 0 {
		fmt.Fprintf(&b, `<rect x="0" y="0" width="%g" height="%g" fill="#e8ecf0"/>`, w, h)
	}
	x := 0.0
	counts := map[string]int{compliance.Compliant: n.Compliant, compliance.Expiring: n.Expiring, compliance.Due: n.Due, compliance.Overdue: n.Overdue}
	for _, st := range compliance.Statuses {
		if counts[st] == 0 {
			continue
		}
		width := w * float64(counts[st]) / float64(n.Required)
		fmt.Fprintf(&b, `<rect x="%.2f" y="0" width="%.2f" height="%g" fill="%s"><title>%s: %d</title></rect>`, x, width, h,
			statusColors[st], template.HTMLEscapeString(messages.T(l, "standing."+st)), counts[st])
		x += width
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// handleStationCSV is the commander's table as CSV, the filter applied: one line per officer and
// requirement that applies, in the reader's language.
func (s *Server) handleStationCSV(c echo.Context) error {
	ctx := c.Request().Context()
	p, all, err := s.standings(ctx, "")
	if err != nil {
		return err
	}
	l := lang(c)
	titles, err := s.courseTitles(ctx, l)
	if err != nil {
		return err
	}
	f := filterOf(c)
	v := stationTable(p, all, f)
	fm := format.New(l, s.Zone)
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="cumplimiento-%s-%s.csv"`, p.Station, s.today().Format(time.DateOnly)))
	res.WriteHeader(http.StatusOK)
	if _, err := res.Write([]byte(csvsafe.BOM)); err != nil {
		return err
	}
	w := csvsafe.NewWriter(res)
	head := []string{}
	for _, k := range []string{"badge", "family", "given", "rank", "course", "requirement", "status", "due", "completed", "expires"} {
		head = append(head, messages.T(l, "station.csv_"+k))
	}
	if err := w.Write(head); err != nil {
		return err
	}
	for _, row := range v.Rows {
		for _, st := range row.Cells {
			if !st.Applies || (f.Status != "" && st.Status != f.Status) {
				continue
			}
			title := titleOf(titles, st.Requirement.CourseID)
			if err := w.Write([]string{row.Officer.Badge, row.Officer.FamilyNames, row.Officer.GivenNames, row.Officer.Rank, title,
				fmt.Sprint(st.Requirement.ID), messages.T(l, "standing."+st.Status), csvDay(fm, st.DueAt), csvDay(fm, st.Completed), csvDay(fm, st.Expires)}); err != nil {
				return err
			}
		}
	}
	return w.Flush()
}

// apiStationCompliance: GET /api/v1/station/compliance?rank=&course=&status=&badge= (commanders
// only) → {"station","agency","as_of","rows":[...]}, the rows as the center's /compliance has
// them, computed on the node.
func (s *Server) apiStationCompliance(c echo.Context) error {
	p, all, err := s.standings(c.Request().Context(), "")
	if err != nil {
		return err
	}
	f := filterOf(c)
	if b := c.QueryParam("badge"); b != "" {
		f.Q = ""
		all = onlyBadge(all, b)
	}
	v := stationTable(p, all, f)
	rows := []complianceJSON{}
	for _, row := range v.Rows {
		for _, st := range row.Cells {
			if st.Applies && (f.Status == "" || st.Status == f.Status) {
				rows = append(rows, complianceRow(p, row.Officer, st))
			}
		}
	}
	var asOf any
	if !p.AsOf.IsZero() {
		asOf = p.AsOf.UTC().Format(time.RFC3339)
	}
	return c.JSON(http.StatusOK, map[string]any{"station": p.Station, "agency": p.Agency, "as_of": asOf, "rows": rows})
}

// onlyBadge keeps the officer with that badge (case ignored).
func onlyBadge(all []store.OfficerStanding, badge string) []store.OfficerStanding {
	for _, os := range all {
		if strings.EqualFold(os.Officer.Badge, strings.TrimSpace(badge)) {
			return []store.OfficerStanding{os}
		}
	}
	return nil
}

// csvDay is a day in a CSV cell: empty when absent (a spreadsheet reads "—" as text).
func csvDay(f format.Formatter, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return f.Date(t)
}
