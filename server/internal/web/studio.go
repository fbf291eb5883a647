package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// The studio: the center's pages where trainers write courses (issue 17, docs/authoring.md). Each
// handler is a thin shell over the same service.Center draft functions the JSON API calls; the
// pages work without JavaScript (studio.js only adds the live preview).

// draftURL is the address of a draft's page, plus more path.
func draftURL(id string, more ...string) string {
	return "/drafts/" + url.PathEscape(id) + strings.Join(more, "")
}

// isStale reports whether err is a save refused because someone else saved (or created) the
// file first.
func isStale(err error) bool {
	var e *courses.Error
	return errors.As(err, &e) && e.Code == courses.Conflict && (e.ID == "draft.stale" || e.ID == "draft.stale_draft" || e.ID == "draft.revision_missing")
}

// failOn shows a domain error on the page show renders (its message, its fields, its status);
// anything else goes to the error handler.
func failOn(c echo.Context, err error, p page, show func(int, page) error) error {
	if courses.ErrorCode(err) == courses.Internal {
		return err
	}
	p["Error"], p["Fields"] = errText(c, err), fieldsOf(c, err)
	return show(statusOf(err), p)
}

// formFile reads an uploaded file of a form (already bounded by the body limit); a form without
// it is an Invalid error named by msg.
func formFile(c echo.Context, field, msg string) ([]byte, string, error) {
	fh, err := c.FormFile(field)
	if err != nil {
		return nil, "", courses.E(courses.Invalid, msg)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return data, fh.Filename, err
}

// handleDrafts lists drafts: the user's own, those in review, and the others in editing.
func (s *Server) handleDrafts(c echo.Context) error { return s.draftsWith(c, http.StatusOK, page{}) }

func (s *Server) draftsWith(c echo.Context, status int, p page) error {
	list, err := s.Center.Drafts(ctx(c), store.DraftFilter{})
	if err != nil {
		return err
	}
	me := actor(c)
	var mine, review, others []store.Draft
	for _, d := range list {
		switch {
		case d.Status == store.DraftReview:
			review = append(review, d)
		case d.CreatedBy == me:
			mine = append(mine, d)
		default:
			others = append(others, d)
		}
	}
	versions, err := s.Store.LatestVersions(ctx(c))
	if err != nil {
		return err
	}
	titles := map[string]courses.Text{}
	for _, v := range versions {
		titles[v.CourseID] = v.Title
	}
	p["Sections"] = map[string][]store.Draft{"mine": mine, "review": review, "others": others}
	p["CourseTitles"] = titles
	return s.renderStatus(c, status, "drafts", p)
}

// handleDraftCreate starts a draft: of a published course (course_id) or of a new one (course_id
// and title), then opens it.
func (s *Server) handleDraftCreate(c echo.Context) error {
	d, err := s.Center.CreateDraft(ctx(c), c.FormValue("course_id"), c.FormValue("title"), actor(c))
	if err != nil {
		form := map[string]string{"course_id": c.FormValue("course_id"), "title": c.FormValue("title")}
		return failOn(c, err, page{"Form": form}, func(st int, p page) error { return s.draftsWith(c, st, p) })
	}
	if q := c.FormValue("question"); courses.ValidSlug(q) { // from the item analysis: straight to that question
		return c.Redirect(http.StatusSeeOther, draftURL(d.ID, "/questions/", q))
	}
	return c.Redirect(http.StatusSeeOther, draftURL(d.ID))
}

// handleDraftImport starts a draft from an uploaded course zip.
func (s *Server) handleDraftImport(c echo.Context) error {
	data, _, err := formFile(c, "zip", "courses.choose_zip")
	if err == nil {
		var d *store.Draft
		if d, err = s.Center.ImportDraftZip(ctx(c), data, actor(c)); err == nil {
			return c.Redirect(http.StatusSeeOther, draftURL(d.ID))
		}
	}
	return failOn(c, err, page{}, func(st int, p page) error { return s.draftsWith(c, st, p) })
}

// handleDraftZip downloads a draft as a course zip.
func (s *Server) handleDraftZip(c echo.Context) error { return s.apiDraftZip(c) }

// handleDraftMedia serves a draft's image to its pages (the preview, the images list).
func (s *Server) handleDraftMedia(c echo.Context) error {
	p := "media/" + c.Param("*")
	data, _, err := s.Center.DraftFile(ctx(c), c.Param("id"), p)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	return c.Blob(http.StatusOK, coursepkg.MediaType(p), data)
}

// optionField is a diff's field of an option: options[N].text, .correct or .feedback.
var optionField = regexp.MustCompile(`^options\[(\d+)\]\.(text|correct|feedback)$`)

// problemList is a list of lint problems for the "problems" and "problem-count" templates.
type problemList struct {
	Lang, Key        string // Key: the field the problems concern (field-problems)
	List             []service.LintProblem
	Errors, Warnings int
}

func init() {
	funcs["list"] = func(s ...string) []string { return s }
	funcs["has"] = func(list []string, s string) bool { return slices.Contains(list, s) }
	funcs["setting"] = func(q courses.Quiz, key string) int {
		return map[string]int{"pass_mark": q.PassMark, "attempts": q.Attempts, "time_limit_minutes": q.TimeLimitMinutes, "draw": q.Draw}[key]
	}
	funcs["fieldProblems"] = func(lang string, m map[string][]service.LintProblem, key string) problemList {
		out := funcs["problemsOf"].(func(string, []service.LintProblem) problemList)(lang, m[key])
		out.Key = key
		return out
	}
	funcs["textField"] = func(lang, name string, t courses.Text, fp map[string][]service.LintProblem, rows int) map[string]any {
		return map[string]any{"Lang": lang, "Name": name, "Text": t, "FP": fp, "Rows": rows}
	}
	funcs["fieldName"] = func(lang, field string) string {
		if m := optionField.FindStringSubmatch(field); m != nil {
			return messages.T(lang, "studio.field_option_"+m[2], m[1])
		}
		id := "studio.field_" + strings.NewReplacer(".", "_").Replace(field)
		if _, ok := messages[id]; ok {
			return messages.T(lang, id)
		}
		return field
	}
	funcs["diffOf"] = func(lang string, fs []reviewField) map[string]any { return map[string]any{"Lang": lang, "List": fs} }
	funcs["problemsOf"] = func(lang string, ps []service.LintProblem) problemList {
		out := problemList{Lang: lang, List: ps}
		for _, p := range ps {
			if p.Severity == service.SeverityWarning {
				out.Warnings++
			} else {
				out.Errors++
			}
		}
		return out
	}
}
