package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/internal/csvsafe"
	"aula/server/internal/store"
)

func resultFilter(c echo.Context) store.ResultFilter {
	return store.ResultFilter{Course: c.QueryParam("course"), Station: c.QueryParam("station"), Badge: c.QueryParam("badge"),
		Query: searchQuery(c), Agency: scope(c).AgencyFilter()}
}

// handleAttempts lists submitted attempts; ?format=csv downloads them.
func (s *Server) handleAttempts(c echo.Context) error { return s.attemptsPage(c, false) }

// handleCompletions lists completions; ?format=csv downloads them.
func (s *Server) handleCompletions(c echo.Context) error { return s.attemptsPage(c, true) }

func (s *Server) attemptsPage(c echo.Context, completions bool) error {
	f := resultFilter(c)
	if c.QueryParam("format") == "csv" {
		f.Limit = -1 // the export holds every matching row, not one page
		list, err := s.Store.ListAttempts(ctx(c), f, completions)
		if err != nil {
			return err
		}
		return s.attemptsCSV(c, list, completions)
	}
	total, err := s.Store.CountResults(ctx(c), f, completions)
	if err != nil {
		return err
	}
	pg := newPager(c, c.Request().URL.Path, total)
	f.Limit, f.Offset = store.PageSize, pg.Offset()
	list, err := s.Store.ListAttempts(ctx(c), f, completions)
	if err != nil {
		return err
	}
	stations, err := s.Store.ListStationsOf(c.Request().Context(), scope(c).AgencyFilter())
	if err != nil {
		return err
	}
	versions, err := s.Store.LatestVersions(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, "attempts", page{"Attempts": list, "Filter": f, "Completions": completions, "Stations": stations, "Courses": versions,
		"Query": c.QueryString(), "Pager": pg})
}

// attemptsCSV writes attempts as CSV (UTF-8 with a byte-order mark so spreadsheets show accents),
// in the request's language: translated headers, dates and numbers as on the pages (csvHeader).
func (s *Server) attemptsCSV(c echo.Context, list []store.Attempt, completions bool) error {
	name := "intentos.csv"
	if completions {
		name = "completados.csv"
	}
	h := c.Response().Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	c.Response().WriteHeader(http.StatusOK)
	_, _ = c.Response().Write([]byte(csvsafe.BOM))
	w := csvsafe.NewWriter(c.Response())
	f := s.formatter(c)
	_ = w.Write(csvHeader(f.Lang, "col.badge", "col.name", "col.course", "col.version", "col.score", "col.result", "col.station",
		"col.submitted", "col.received"))
	for _, a := range list {
		result := t(c, "result.failed")
		if a.Passed {
			result = t(c, "result.passed")
		}
		_ = w.Write([]string{a.Badge, a.OfficerName, a.CourseID, fmt.Sprint(a.CourseVersion), f.Number(a.Score, 2), result, a.Station,
			f.DateTime(a.SubmittedAt), f.DateTime(a.ReceivedAt)})
	}
	return w.Flush()
}

// handleCertificates lists certificates.
func (s *Server) handleCertificates(c echo.Context) error {
	return s.certificatesWith(c, http.StatusOK, page{})
}

func (s *Server) certificatesWith(c echo.Context, status int, p page) error {
	f := resultFilter(c)
	total, err := s.Store.CountCertificates(ctx(c), f)
	if err != nil {
		return err
	}
	pg := newPager(c, "/certificates", total)
	f.Limit, f.Offset = store.PageSize, pg.Offset()
	list, err := s.Store.ListCertificates(ctx(c), f)
	if err != nil {
		return err
	}
	p["Pager"] = pg
	expiring, err := s.Store.ExpiringCertificates(c.Request().Context(), 60)
	if err != nil {
		return err
	}
	p["Certificates"], p["Filter"], p["Expiring"], p["Today"] = list, f, expiring, s.today()
	return s.renderStatus(c, status, "certificates", p)
}
