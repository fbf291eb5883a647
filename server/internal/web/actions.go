package web

import (
	"context"
	"fmt"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/webedge"
	"aula/server/internal/publish"
	"aula/server/internal/roster"
	"aula/server/internal/store"
)

// Validation and orchestration live in package service (s.Center), shared with the command line;
// the helpers below are the web side of them: who acts, and problems in the request's language.

// actor is the username of the staff member making the request.
func actor(c echo.Context) string { return currentUser(c).Username }

// ctx is the request's context.
func ctx(c echo.Context) context.Context { return c.Request().Context() }

// rosterLines translates an officer import's problems: FILE:LINE: message.
func rosterLines(c echo.Context, problems []roster.Problem) []string {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Text(func(id string, args ...any) string { return t(c, id, args...) })
	}
	return lines
}

// lintLines lists a course's problems, one per line (FILE:LINE: message), in the request's
// language.
func lintLines(c echo.Context, problems coursepkg.Problems) []string {
	tr := func(id string, args ...any) string { return t(c, id, args...) }
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Text(tr))
	}
	return lines
}

// bindJSON decodes a JSON body strictly (webedge.BindJSON).
func bindJSON(c echo.Context, v any) error { return webedge.BindJSON(c, v) }

// readBody reads a request body (already bounded by the body limit middleware).
func readBody(c echo.Context) ([]byte, error) { return webedge.ReadBody(c) }

// loadVersion reads a stored version for preview.
func (s *Server) loadVersion(c echo.Context) (*coursepkg.Package, *store.Version, error) {
	ver, err := parseVersion(c.Param("version"))
	if err != nil {
		return nil, nil, err
	}
	v, err := s.Store.FindVersion(ctx(c), c.Param("id"), ver)
	if err != nil {
		return nil, nil, err
	}
	pkg, err := publish.Load(ctx(c), s.Store, s.pub(), v.CourseID, v.Version)
	return pkg, v, err
}

func parseVersion(s string) (int, error) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1e6 {
			return 0, courses.E(courses.NotFound, "err.no_version", s)
		}
		n = n*10 + int(r-'0')
	}
	if n < 1 {
		return 0, courses.E(courses.NotFound, "err.no_version", s)
	}
	return n, nil
}
