package web

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// studioLesson is one lesson of a draft as the draft page lists it.
type studioLesson struct {
	ID       string
	Title    courses.Text      // per language, from the front matter
	Paths    map[string]string // language -> file
	Problems []service.LintProblem
}

// draftView is what every studio page of a draft needs.
type draftView struct {
	Draft    *store.Draft
	Details  coursepkg.CourseDetails
	Lessons  []studioLesson
	Media    []store.DraftFileInfo
	Problems []service.LintProblem
	Revs     map[string]int64 // file -> revision
	files    map[string][]byte
}

// loadDraftView reads a draft, its files, its course details, lessons, images and problems.
func (s *Server) loadDraftView(c echo.Context) (*draftView, error) {
	id := c.Param("id")
	d, err := s.Center.Draft(ctx(c), id)
	if err != nil {
		return nil, err
	}
	v := &draftView{Draft: d, Revs: map[string]int64{}, files: map[string][]byte{}}
	for _, f := range d.Files {
		v.Revs[f.Path] = f.Revision
		if strings.HasPrefix(f.Path, "media/") {
			v.Media = append(v.Media, f)
			continue
		}
		data, _, err := s.Center.DraftFile(ctx(c), id, f.Path)
		if err != nil {
			return nil, err
		}
		v.files[f.Path] = data
	}
	v.Details, _ = coursepkg.ReadCourseDetails(v.files["course.yaml"])
	problems, err := s.Center.LintDraft(ctx(c), id)
	if err != nil {
		return nil, err
	}
	v.Problems = problemsIn(c, problems)
	byID := map[string]int{}
	for _, p := range slices.Sorted(maps.Keys(v.files)) {
		lid, _, lang, ok := coursepkg.LessonParts(p)
		if !ok {
			continue
		}
		if lang == "" {
			lang = v.Details.Language
		}
		i, seen := byID[lid]
		if !seen {
			i = len(v.Lessons)
			byID[lid] = i
			v.Lessons = append(v.Lessons, studioLesson{ID: lid, Title: courses.Text{}, Paths: map[string]string{}})
		}
		v.Lessons[i].Paths[lang] = p
		for l, title := range coursepkg.LessonTitle(v.files[p], lang) {
			if _, set := v.Lessons[i].Title[l]; !set || l == lang {
				v.Lessons[i].Title[l] = title
			}
		}
		for _, pr := range v.Problems {
			if pr.File == p {
				v.Lessons[i].Problems = append(v.Lessons[i].Problems, pr)
			}
		}
	}
	return v, nil
}

// fileProblems are the problems of one file.
func (v *draftView) fileProblems(file string) []service.LintProblem {
	var out []service.LintProblem
	for _, p := range v.Problems {
		if p.File == file {
			out = append(out, p)
		}
	}
	return out
}

// handleDraft shows a draft: its course details, lessons and images, its problems, the
// reviewers' comments, and "Enviar a revisión".
func (s *Server) handleDraft(c echo.Context) error { return s.draftWith(c, http.StatusOK, page{}) }

func (s *Server) draftWith(c echo.Context, status int, p page) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	comments, err := s.Center.DraftComments(ctx(c), v.Draft.ID)
	if err != nil {
		return err
	}
	if p["Details"] == nil {
		p["Details"] = v.Details
	}
	p["V"], p["Comments"], p["CourseProblems"] = v, comments, v.fileProblems("course.yaml")
	p["Areas"], p["Issues"], p["Languages"] = courses.Areas, courses.IssuePolicies, courses.Languages
	p["Editing"] = v.Draft.Status == store.DraftEditing
	p["Errors"] = service.HasErrors(v.Problems)
	p["Saved"] = c.QueryParam("saved") != ""
	return s.renderStatus(c, status, "draft", p)
}

// handleDraftCourse saves the course details form into course.yaml (based on the revision the
// form was shown with).
func (s *Server) handleDraftCourse(c echo.Context) error {
	id := c.Param("id")
	data, _, err := s.Center.DraftFile(ctx(c), id, "course.yaml")
	if err != nil {
		return err
	}
	d := coursepkg.CourseDetails{
		Language: c.FormValue("language"), Languages: c.Request().Form["languages"], Area: c.FormValue("area"),
		Title:   courses.Text{"es": strings.TrimSpace(c.FormValue("title_es")), "en": strings.TrimSpace(c.FormValue("title_en"))},
		Summary: courses.Text{"es": strings.TrimSpace(c.FormValue("summary_es")), "en": strings.TrimSpace(c.FormValue("summary_en"))},
		Issue:   c.FormValue("issue"),
	}
	fields := map[string]courses.Msg{}
	if d.Hours, err = parseNumber(c.FormValue("hours")); err != nil {
		fields["hours"] = courses.M("studio.bad_number", c.FormValue("hours"))
	}
	if d.ValidMonths, err = strconv.Atoi(strings.TrimSpace(c.FormValue("valid_months"))); err != nil {
		fields["valid_months"] = courses.M("studio.bad_number", c.FormValue("valid_months"))
	}
	if len(d.Languages) == 0 {
		d.Languages = []string{d.Language}
	}
	fail := func(err error) error {
		return failOn(c, err, page{"Details": d}, func(st int, p page) error { return s.draftWith(c, st, p) })
	}
	if len(fields) > 0 {
		return fail(courses.InvalidFields(fields))
	}
	out, err := coursepkg.SetCourseDetails(data, d)
	if err != nil {
		return fail(courses.E(courses.Invalid, "studio.course_yaml_broken"))
	}
	if _, _, err := s.Center.WriteDraftFile(ctx(c), id, "course.yaml", out, formRev(c), actor(c)); err != nil {
		return fail(err)
	}
	return c.Redirect(http.StatusSeeOther, draftURL(id, "?saved=1#details"))
}

// parseNumber reads a number typed with a decimal comma or point.
func parseNumber(s string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
}

// formRev is the revision a form was shown with (hidden field rev); NoRevision when absent.
func formRev(c echo.Context) int64 {
	n, err := strconv.ParseInt(c.FormValue("rev"), 10, 64)
	if err != nil || n < 0 {
		return service.NoRevision
	}
	return n
}

// handleDraftSubmit sends the draft to review; while it has errors they are shown instead.
func (s *Server) handleDraftSubmit(c echo.Context) error {
	problems, err := s.Center.SubmitDraft(ctx(c), c.Param("id"), actor(c))
	if err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
	}
	if len(problems) > 0 {
		return s.draftWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "draft.has_errors")})
	}
	return c.Redirect(http.StatusSeeOther, draftURL(c.Param("id"), "/review"))
}
