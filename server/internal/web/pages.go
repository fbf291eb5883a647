package web

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/lesson"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// handleDashboard shows totals, recent completions and stations not synced for a week (a
// coordinator: his agency's).
func (s *Server) handleDashboard(c echo.Context) error {
	totals, recent, stale, err := s.Store.Dashboard(c.Request().Context(), scope(c).AgencyFilter())
	if err != nil {
		return err
	}
	if u := currentUser(c); u != nil && u.Role == store.RoleTrainer {
		recent = nil // a trainer reads reports, not officers' records (docs/programme.md)
	}
	return s.render(c, "dashboard", page{"Totals": totals, "Recent": recent, "Stale": stale})
}

// handleCourses lists courses and their versions, with the upload form.
func (s *Server) handleCourses(c echo.Context) error {
	return s.coursesWith(c, http.StatusOK, page{})
}

func (s *Server) coursesWith(c echo.Context, status int, p page) error {
	versions, err := s.Store.ListVersions(c.Request().Context(), "")
	if err != nil {
		return err
	}
	p["Versions"] = versions
	if p["Uploads"], err = s.Store.PendingUploads(ctx(c)); err != nil {
		return err
	}
	return s.renderStatus(c, status, "courses", p)
}

// previewLesson is a lesson rendered for the trainer's preview.
type previewLesson struct {
	courses.Lesson
	HTML template.HTML // lesson.Render's article, as the node shows it
}

// handleCoursePreview shows a version exactly as officers read it (courses/lesson renders the
// lessons for the node too), plus the quiz's answer key. All lessons are on one page, so a link to
// another lesson goes to its article.
func (s *Server) handleCoursePreview(c echo.Context) error {
	pkg, v, err := s.loadVersion(c)
	if err != nil {
		return err
	}
	cr := pkg.Course
	lessons, l, err := previewLessons(c, cr, "/courses/"+cr.ID+"/"+c.Param("version")+"/files/media/")
	if err != nil {
		return err
	}
	return s.render(c, "course", page{"Course": cr, "Version": v, "Lessons": lessons, "CourseLang": l,
		"JustPublished": c.QueryParam("published") != ""})
}

// previewLessons renders a course's lessons as the node shows them, in the request's language
// when the course has it; media come from mediaBase.
func previewLessons(c echo.Context, cr *courses.Course, mediaBase string) ([]previewLesson, string, error) {
	l := cr.Lang(lang(c))
	routes := lesson.Routes{
		Media:  mediaBase,
		Lesson: func(id, _ string) string { return "#lesson-" + id },
	}
	var lessons []previewLesson
	for _, ls := range cr.Lessons {
		html, err := lesson.Render(cr, ls, l, routes)
		if err != nil {
			return nil, "", err
		}
		lessons = append(lessons, previewLesson{Lesson: ls, HTML: html})
	}
	return lessons, l, nil
}

// handleCourseFile serves a media file of a stored version.
func (s *Server) handleCourseFile(c echo.Context) error {
	ver, err := parseVersion(c.Param("version"))
	if err != nil {
		return err
	}
	v, err := s.Store.FindVersion(c.Request().Context(), c.Param("id"), ver)
	if err != nil {
		return err
	}
	files, err := s.Store.VersionFiles(c.Request().Context(), v.ID)
	if err != nil {
		return err
	}
	p := c.Param("*")
	data, ok := files[p]
	if !ok || !strings.HasPrefix(p, "media/") {
		return courses.E(courses.NotFound, "err.no_file", p)
	}
	// An SVG opened on its own must not run anything, whatever the linter let through.
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	return c.Blob(http.StatusOK, coursepkg.MediaType(p), data)
}

// handleStations lists stations with their sync state.
func (s *Server) handleStations(c echo.Context) error {
	return s.stationsWith(c, http.StatusOK, page{})
}

func (s *Server) stationsWith(c echo.Context, status int, p page) error {
	stations, err := s.Store.ListStationsOf(c.Request().Context(), scope(c).AgencyFilter())
	if err != nil {
		return err
	}
	nodes, err := s.Store.ListNodes(c.Request().Context())
	if err != nil {
		return err
	}
	p["Stations"] = stations
	p["Nodes"] = nodes
	p["Fingerprint"] = auth.Fingerprint(s.pub())
	p["Now"] = s.Now()
	p["CenterURL"] = s.centerURL(c)
	if err := s.orgChoices(c, p); err != nil {
		return err
	}
	return s.renderStatus(c, status, "stations", p)
}

// handleStationToken gives a station a new one-time enrollment token (a replacement PC, or a
// token that expired unused) and shows it once.
func (s *Server) handleStationToken(c echo.Context) error {
	st, tok, err := s.Center.NewEnrollmentToken(ctx(c), scope(c), c.Param("code"), actor(c))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.stationsWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	return s.stationsWith(c, http.StatusOK, page{"Created": st, "Token": tok, "NewToken": true})
}

// handleStationCreate registers a station and shows its enrollment token once.
func (s *Server) handleStationCreate(c echo.Context) error {
	st, tok, err := s.Center.CreateStationIn(ctx(c), scope(c), store.NewStation{Code: c.FormValue("code"), Name: c.FormValue("name"),
		Agency: c.FormValue("agency"), State: c.FormValue("state")}, actor(c))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.stationsWith(c, statusOf(err), page{"Error": errText(c, err), "Fields": fieldsOf(c, err), "Form": map[string]string{"code": c.FormValue("code"), "name": c.FormValue("name"),
			"agency": c.FormValue("agency"), "state": c.FormValue("state")}})
	}
	return s.stationsWith(c, http.StatusCreated, page{"Created": st, "Token": tok})
}

// handleStaff lists staff accounts (admins only).
func (s *Server) handleStaff(c echo.Context) error { return s.staffWith(c, http.StatusOK, page{}) }

func (s *Server) staffWith(c echo.Context, status int, p page) error {
	staff, err := s.Store.ListStaff(c.Request().Context())
	if err != nil {
		return err
	}
	q := searchQuery(c)
	if words := strings.Fields(store.Fold(q)); len(words) > 0 {
		var found []store.Staff
		roles := map[string]string{store.RoleAdmin: t(c, "role.admin"), store.RoleTrainer: t(c, "role.trainer")}
		for _, u := range staff {
			if containsAll(store.Fold(u.Username+" "+u.Role+" "+roles[u.Role]), words) {
				found = append(found, u)
			}
		}
		staff = found
	}
	pg := newPager(c, "/staff", len(staff))
	p["Staff"], p["Pager"], p["Query"] = pageOf(staff, pg), pg, q
	p["Roles"] = service.Roles
	if err := s.orgChoices(c, p); err != nil {
		return err
	}
	return s.renderStatus(c, status, "staff", p)
}

// containsAll reports whether s contains every one of words.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// handleStaffCreate adds a staff account.
func (s *Server) handleStaffCreate(c echo.Context) error {
	u, err := s.Center.CreateStaffIn(ctx(c), c.FormValue("username"), c.FormValue("role"), c.FormValue("agency"), c.FormValue("password"), actor(c))
	if err = busy(c, err); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.staffWith(c, statusOf(err), page{"Error": errText(c, err), "Fields": fieldsOf(c, err), "Form": map[string]string{"username": c.FormValue("username"), "role": c.FormValue("role"), "agency": c.FormValue("agency")}})
	}
	return s.staffWith(c, http.StatusCreated, page{"CreatedUser": u})
}

// fieldsOf returns an error's per-field messages in the request's language.
func fieldsOf(c echo.Context, err error) map[string]string { return messages.Fields(lang(c), err) }

// handleOfficers lists officers, filtered by station or a search, a page at a time.
func (s *Server) handleOfficers(c echo.Context) error {
	f := store.OfficerFilter{Station: c.QueryParam("station"), Query: searchQuery(c), Agency: scope(c).AgencyFilter()}
	total, err := s.Store.CountOfficers(ctx(c), f)
	if err != nil {
		return err
	}
	pg := newPager(c, "/officers", total)
	f.Limit, f.Offset = store.PageSize, pg.Offset()
	officers, err := s.Store.ListOfficers(ctx(c), f)
	if err != nil {
		return err
	}
	stations, err := s.Store.ListStationsOf(ctx(c), scope(c).AgencyFilter())
	if err != nil {
		return err
	}
	return s.render(c, "officers", page{"Officers": officers, "Stations": stations, "Filter": f, "Pager": pg})
}

// officerRecord is what the center knows of one officer: the page and the API show the same.
type officerRecord struct {
	Officer      *store.Officer
	Postings     []store.Posting
	Attempts     []store.Attempt
	Certificates []store.Certificate
}

// findOfficerRecord reads one officer's postings, attempts and certificates.
func (s *Server) findOfficerRecord(ctx context.Context, sc service.Scope, badge string) (*officerRecord, error) {
	o, err := s.Center.CheckOfficer(ctx, sc, strings.ToUpper(badge))
	if err != nil {
		return nil, err
	}
	r := &officerRecord{Officer: o}
	if r.Postings, err = s.Store.Postings(ctx, o.ID); err != nil {
		return nil, err
	}
	f := store.ResultFilter{Badge: o.Badge}
	if r.Attempts, err = s.Store.ListAttempts(ctx, f, false); err != nil {
		return nil, err
	}
	if r.Certificates, err = s.Store.ListCertificates(ctx, f); err != nil {
		return nil, err
	}
	return r, nil
}

// handleOfficer shows one officer: postings, attempts, certificates, and (admins) the actions.
func (s *Server) handleOfficer(c echo.Context) error { return s.officerWith(c, http.StatusOK, page{}) }

// handleImportPage shows the officer import form.
func (s *Server) handleImportPage(c echo.Context) error { return s.render(c, "import", page{}) }

// handleImport imports an uploaded roster CSV: all rows or none.
func (s *Server) handleImport(c echo.Context) error {
	fh, err := c.FormFile("csv")
	if err != nil {
		return s.renderStatus(c, http.StatusUnprocessableEntity, "import", page{"Error": t(c, "import.choose_csv")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	res, problems, err := s.Center.ImportOfficers(ctx(c), scope(c), f, fh.Filename, actor(c))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return s.renderStatus(c, http.StatusUnprocessableEntity, "import", page{"Error": t(c, "import.nothing_imported"), "Problems": rosterLines(c, problems)})
	}
	return s.render(c, "import", page{"Result": res})
}
