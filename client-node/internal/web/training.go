package web

import (
	"context"
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// trainingRow is one line of "Mi formación".
type trainingRow struct {
	Kind, Title, Day, Area, Code string
	Hours                        float64
}

// areaHours is the hours of one area (in one year, or in all).
type areaHours struct {
	Area  string
	Hours float64
}

// yearHours is a year's hours, by area.
type yearHours struct {
	Year  string
	Areas []areaHours
	Total float64
}

// training gathers an officer's record on this node: every certificate he holds here, with the
// area of its workshop or course, summed by area and by year.
func (s *Server) training(ctx context.Context, badge, l string) ([]trainingRow, []areaHours, []yearHours, float64, error) {
	entries, err := s.Store.TrainingOf(ctx, badge)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	areas := map[string]string{}
	if versions, err := s.Store.LatestVersions(ctx); err == nil {
		for i := range versions {
			if pkg, err := s.version(ctx, &versions[i]); err == nil {
				areas[pkg.Course.ID] = pkg.Course.Area
			}
		}
	}
	var rows []trainingRow
	byArea, byYear := map[string]float64{}, map[string]map[string]float64{}
	total := 0.0
	for _, e := range entries {
		r := trainingRow{Kind: "course", Title: e.Title.In(l, "es"), Day: e.Day, Area: e.Area, Code: e.Claims.Code, Hours: e.Claims.Hours}
		if e.Workshop != "" || (e.Claims.CourseID == "" && e.Claims.Score == nil) {
			r.Kind = "workshop"
		}
		if r.Area == "" {
			r.Area = areas[e.Claims.CourseID]
		}
		if r.Area == "" {
			r.Area = "other"
		}
		rows = append(rows, r)
		total += r.Hours
		byArea[r.Area] += r.Hours
		year := r.Day
		if len(year) >= 4 {
			year = year[:4]
		}
		if byYear[year] == nil {
			byYear[year] = map[string]float64{}
		}
		byYear[year][r.Area] += r.Hours
	}
	var years []yearHours
	for y, m := range byYear {
		yh := yearHours{Year: y, Areas: sortedAreas(m)}
		for _, a := range yh.Areas {
			yh.Total += a.Hours
		}
		years = append(years, yh)
	}
	sort.Slice(years, func(i, j int) bool { return years[i].Year > years[j].Year })
	return rows, sortedAreas(byArea), years, total, nil
}

// sortedAreas lists an area → hours map in the courses' order of areas.
func sortedAreas(m map[string]float64) []areaHours {
	var out []areaHours
	for _, a := range courses.Areas {
		if h, ok := m[a]; ok {
			out = append(out, areaHours{a, h})
		}
	}
	return out
}

// handleTraining is "Mi formación": the officer's hours by area and year, and each course and
// workshop with its certificate's verify code, from what this station holds.
func (s *Server) handleTraining(c echo.Context) error {
	rows, areas, years, total, err := s.training(c.Request().Context(), officer(c).Badge, lang(c))
	if err != nil {
		return err
	}
	return s.render(c, "training", page{"Rows": rows, "Areas": areas, "Years": years, "Total": total})
}

// apiTraining: GET /api/v1/training, the logged-in officer's record on this node.
func (s *Server) apiTraining(c echo.Context) error {
	rows, areas, _, total, err := s.training(c.Request().Context(), officer(c).Badge, lang(c))
	if err != nil {
		return err
	}
	byArea := map[string]float64{}
	for _, a := range areas {
		byArea[a.Area] = a.Hours
	}
	entries := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		entries = append(entries, map[string]any{"kind": r.Kind, "title": r.Title, "date": r.Day, "hours": r.Hours, "area": r.Area,
			"certificate_code": r.Code})
	}
	o := officer(c)
	return c.JSON(http.StatusOK, map[string]any{"badge": o.Badge, "name": o.GivenNames + " " + o.FamilyNames, "hours_total": total,
		"hours_by_area": byArea, "entries": entries})
}
