package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/publish"
	"aula/server/internal/roster"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// The operations below are shared by the web UI and the JSON API, so both apply the same rules.

// createStation registers a station and returns it with its one-time enrollment token, which is
// shown once and stored only as a hash.
func (s *Server) createStation(c echo.Context, code, name string) (*store.Station, string, error) {
	code, name = strings.ToUpper(strings.TrimSpace(code)), strings.TrimSpace(name)
	fields := roster.StationProblems(code, name)
	for k, id := range fields {
		fields[k] = t(c, id)
	}
	if len(fields) > 0 {
		return nil, "", invalid(c, fields)
	}
	tok := auth.RandomToken(24)
	st, err := s.Store.CreateStation(c.Request().Context(), code, name, auth.HashToken(tok), currentUser(c).Username)
	return st, tok, err
}

// newToken gives an existing station a new one-time enrollment token.
func (s *Server) newToken(c echo.Context, code string) (*store.Station, string, error) {
	tok := auth.RandomToken(24)
	st, err := s.Store.NewEnrollmentToken(c.Request().Context(), strings.ToUpper(strings.TrimSpace(code)), auth.HashToken(tok), currentUser(c).Username)
	return st, tok, err
}

// createStaff adds a staff account.
func (s *Server) createStaff(c echo.Context, username, role, password string) (*store.Staff, error) {
	username = strings.TrimSpace(username)
	fields := map[string]string{}
	if !ValidUsername(username) {
		fields["username"] = t(c, "v.username")
	}
	if role != store.RoleAdmin && role != store.RoleTrainer {
		fields["role"] = t(c, "v.role")
	}
	if msg := passwordProblem(c, password, username); msg != "" {
		fields["password"] = msg
	}
	if len(fields) > 0 {
		return nil, invalid(c, fields)
	}
	h, err := s.Gate.Hash(c.Request().Context(), password)
	if err != nil {
		return nil, busy(c, err)
	}
	u, err := s.Store.CreateStaff(c.Request().Context(), username, role, h)
	if err == nil {
		err = s.Store.Audit(c.Request().Context(), currentUser(c).Username, "staff.create", username+" ("+role+")")
	}
	return u, err
}

// ValidUsername reports whether u can be a staff username: 3 to 40 lowercase ASCII letters,
// digits, dots, dashes or underscores (so never a control character or another alphabet's
// look-alike letter).
func ValidUsername(u string) bool {
	if len(u) < 3 || len(u) > 40 {
		return false
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// importOfficers parses and imports a roster CSV: all rows or none. Problems come back as
// lines FILE:LINE: message, in the request's language.
func (s *Server) importOfficers(c echo.Context, r io.Reader, name string) (store.ImportResult, []string, error) {
	if courses.TextProblem(name) != "" || name == "" {
		name = "officers.csv" // the uploaded file's name is shown back
	}
	res, problems, err := roster.Import(c.Request().Context(), s.Store, s.PINKey, r, name, currentUser(c).Username)
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Text(func(id string, args ...any) string { return t(c, id, args...) })
	}
	return res, lines, err
}

// publishZip publishes an uploaded course zip. Lint problems come back as lines.
func (s *Server) publishZip(c echo.Context, data []byte, name string) (*store.Version, []string, error) {
	if len(data) > publish.MaxZipSize {
		return nil, nil, courses.Errorf(courses.Invalid, "%s", t(c, "err.too_large"))
	}
	fsys, err := publish.ZipFS(data)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.Publisher.Publish(c.Request().Context(), fsys, name, currentUser(c).Username)
	var problems coursepkg.Problems
	if errors.As(err, &problems) {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = p.String()
		}
		return nil, lines, nil
	}
	return v, nil, err
}

// revoke revokes a certificate with a reason.
func (s *Server) revoke(c echo.Context, id, reason string) error {
	reason = strings.TrimSpace(reason)
	if id := courses.TextProblem(reason); id != "" {
		return invalid(c, map[string]string{"reason": t(c, id)})
	}
	if len(reason) < 5 || len(reason) > 500 {
		return invalid(c, map[string]string{"reason": t(c, "v.reason")})
	}
	return s.Store.RevokeCertificate(c.Request().Context(), id, reason, currentUser(c).Username)
}

// invalid is a 422 with per-field messages.
func invalid(c echo.Context, fields map[string]string) error {
	return &courses.Error{Code: courses.Invalid, Message: t(c, "err.invalid"), Fields: fields}
}

// bindJSON decodes a JSON body strictly: unknown fields and trailing data are errors.
func bindJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// The body limit middleware fails reads with a 413 HTTPError; net/http with a MaxBytesError.
		var mbe *http.MaxBytesError
		var he *echo.HTTPError
		if errors.As(err, &mbe) || errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return echo.NewHTTPError(http.StatusBadRequest, t(c, "err.json", err.Error()))
	}
	if dec.More() {
		return echo.NewHTTPError(http.StatusBadRequest, t(c, "err.json", "trailing data"))
	}
	return nil
}

// readBody reads a request body (already bounded by the body limit middleware).
func readBody(c echo.Context) ([]byte, error) {
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	return data, nil
}

// loadVersion reads a stored version for preview.
func (s *Server) loadVersion(c echo.Context) (*coursepkg.Package, *store.Version, error) {
	ver, err := parseVersion(c.Param("version"))
	if err != nil {
		return nil, nil, err
	}
	v, err := s.Store.FindVersion(c.Request().Context(), c.Param("id"), ver)
	if err != nil {
		return nil, nil, err
	}
	pkg, err := publish.Load(c.Request().Context(), s.Store, s.pub(), v.CourseID, v.Version)
	return pkg, v, err
}

func parseVersion(s string) (int, error) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1e6 {
			return 0, courses.Errorf(courses.NotFound, "no such version %q", s)
		}
		n = n*10 + int(r-'0')
	}
	if n < 1 {
		return 0, courses.Errorf(courses.NotFound, "no such version %q", s)
	}
	return n, nil
}
