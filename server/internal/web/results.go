package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/internal/csvsafe"
	"aula/server/internal/store"
)

func resultFilter(c echo.Context) store.ResultFilter {
	return store.ResultFilter{Course: c.QueryParam("course"), Station: c.QueryParam("station"), Badge: c.QueryParam("badge")}
}

// handleAttempts lists submitted attempts; ?format=csv downloads them.
func (s *Server) handleAttempts(c echo.Context) error { return s.attemptsPage(c, false) }

// handleCompletions lists completions; ?format=csv downloads them.
func (s *Server) handleCompletions(c echo.Context) error { return s.attemptsPage(c, true) }

func (s *Server) attemptsPage(c echo.Context, completions bool) error {
	f := resultFilter(c)
	list, err := s.Store.ListAttempts(c.Request().Context(), f, completions)
	if err != nil {
		return err
	}
	if c.QueryParam("format") == "csv" {
		return attemptsCSV(c, list, completions)
	}
	stations, err := s.Store.ListStations(c.Request().Context())
	if err != nil {
		return err
	}
	versions, err := s.Store.LatestVersions(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, "attempts", page{"Attempts": list, "Filter": f, "Completions": completions, "Stations": stations, "Courses": versions,
		"Query": c.QueryString()})
}

// attemptsCSV writes attempts as CSV (UTF-8 with a byte-order mark so spreadsheets show accents).
func attemptsCSV(c echo.Context, list []store.Attempt, completions bool) error {
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
	_ = w.Write([]string{"id", "badge", "name", "course_id", "course_version", "score", "passed", "station", "submitted_at", "received_at"})
	for _, a := range list {
		_ = w.Write([]string{a.ID, a.Badge, a.OfficerName, a.CourseID, fmt.Sprint(a.CourseVersion), fmt.Sprintf("%.2f", a.Score),
			fmt.Sprint(a.Passed), a.Station, a.SubmittedAt.Format(time.RFC3339), a.ReceivedAt.Format(time.RFC3339)})
	}
	return w.Flush()
}

// handleCertificates lists certificates.
func (s *Server) handleCertificates(c echo.Context) error {
	return s.certificatesWith(c, http.StatusOK, page{})
}

func (s *Server) certificatesWith(c echo.Context, status int, p page) error {
	f := resultFilter(c)
	list, err := s.Store.ListCertificates(c.Request().Context(), f)
	if err != nil {
		return err
	}
	expiring, err := s.Store.ExpiringCertificates(c.Request().Context(), 60)
	if err != nil {
		return err
	}
	p["Certificates"], p["Filter"], p["Expiring"], p["Today"] = list, f, expiring, s.Now().Format("2006-01-02")
	return s.renderStatus(c, status, "certificates", p)
}
