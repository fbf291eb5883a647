package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// The course drafts API (contract §6, docs/authoring.md). Every handler is a thin shell over a
// service.Center draft function; the studio's pages will call the same functions.

type apiDraft struct {
	ID          string            `json:"id"`
	CourseID    string            `json:"course_id"`
	BaseVersion int               `json:"base_version"`
	Status      string            `json:"status"`
	Files       []string          `json:"files,omitempty"`
	Revisions   map[string]int64  `json:"file_revisions,omitempty"`
	Revision    int64             `json:"revision"`
	CreatedBy   string            `json:"created_by"`
	CreatedAt   string            `json:"created_at"`
	UpdatedAt   string            `json:"updated_at"`
	SubmittedBy string            `json:"submitted_by,omitempty"`
	Published   int               `json:"published_version,omitempty"`
	Comments    []apiDraftComment `json:"comments,omitempty"`
}

type apiDraftComment struct {
	Author string `json:"author"`
	Text   string `json:"text"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	At     string `json:"at"`
}

func toAPIDraft(d *store.Draft) apiDraft {
	out := apiDraft{ID: d.ID, CourseID: d.CourseID, BaseVersion: d.BaseVersion, Status: d.Status, Revision: d.Revision,
		CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt.Format(time.RFC3339), UpdatedAt: d.UpdatedAt.Format(time.RFC3339),
		SubmittedBy: d.SubmittedBy, Published: d.PublishedVersion}
	if d.Files != nil {
		out.Files, out.Revisions = []string{}, map[string]int64{}
		for _, f := range d.Files {
			out.Files = append(out.Files, f.Path)
			out.Revisions[f.Path] = f.Revision
		}
	}
	return out
}

// apiDraftCreate: POST /api/v1/drafts {"course_id", "title"?} → 201 {"id", ...}.
func (s *Server) apiDraftCreate(c echo.Context) error {
	var in struct {
		CourseID string `json:"course_id"`
		Title    string `json:"title"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := s.Center.CreateDraft(ctx(c), in.CourseID, in.Title, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": d.ID, "course_id": d.CourseID, "base_version": d.BaseVersion})
}

// apiDraftImport: POST /api/v1/drafts/import (a course zip) → 201 {"id", ...}.
func (s *Server) apiDraftImport(c echo.Context) error {
	data, err := readBody(c)
	if err != nil {
		return err
	}
	d, err := s.Center.ImportDraftZip(ctx(c), data, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": d.ID, "course_id": d.CourseID, "base_version": d.BaseVersion})
}

// apiDrafts: GET /api/v1/drafts?status=&course=&author=.
func (s *Server) apiDrafts(c echo.Context) error {
	list, err := s.Center.Drafts(ctx(c), store.DraftFilter{Status: c.QueryParam("status"), CourseID: c.QueryParam("course"), Author: c.QueryParam("author")})
	if err != nil {
		return err
	}
	out := make([]apiDraft, 0, len(list))
	for i := range list {
		out = append(out, toAPIDraft(&list[i]))
	}
	return c.JSON(http.StatusOK, out)
}

// apiDraft: GET /api/v1/drafts/{id} → the draft, its files with their revisions, its comments.
func (s *Server) apiDraft(c echo.Context) error {
	d, err := s.Center.Draft(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	comments, err := s.Center.DraftComments(ctx(c), d.ID)
	if err != nil {
		return err
	}
	out := toAPIDraft(d)
	for _, cm := range comments {
		out.Comments = append(out.Comments, apiDraftComment{cm.Author, cm.Body, cm.File, cm.Line, cm.At.Format(time.RFC3339)})
	}
	return c.JSON(http.StatusOK, out)
}

// draftPath is the file path after /files/.
func draftPath(c echo.Context) string {
	p, err := url.PathUnescape(c.Param("*"))
	if err != nil {
		return c.Param("*")
	}
	return p
}

// ifMatch reads the revision a save or removal is based on from If-Match ("3", 3 or W/"3");
// service.NoRevision when there is none.
func ifMatch(c echo.Context) (int64, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return service.NoRevision, nil
	}
	n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), 10, 64)
	if err != nil || n < 0 {
		return 0, courses.E(courses.Malformed, "draft.bad_revision")
	}
	return n, nil
}

func etag(rev int64) string { return `"` + strconv.FormatInt(rev, 10) + `"` }

// apiDraftFile: GET /api/v1/drafts/{id}/files/{path} → the raw file, its revision as ETag.
func (s *Server) apiDraftFile(c echo.Context) error {
	p := draftPath(c)
	data, rev, err := s.Center.DraftFile(ctx(c), c.Param("id"), p)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(rev))
	ct := "text/plain; charset=utf-8"
	if strings.HasPrefix(p, "media/") {
		ct = coursepkg.MediaType(p)
		// An SVG opened on its own must not run anything, whatever got through.
		c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	}
	return c.Blob(http.StatusOK, ct, data)
}

// apiDraftFilePut: PUT /api/v1/drafts/{id}/files/{path} (the file's bytes; If-Match: the
// revision edited) → 200 {"problems", "revision"}, the new revision as ETag; 409 when stale.
func (s *Server) apiDraftFilePut(c echo.Context) error {
	base, err := ifMatch(c)
	if err != nil {
		return err
	}
	data, err := readBody(c)
	if err != nil {
		return err
	}
	rev, problems, err := s.Center.WriteDraftFile(ctx(c), c.Param("id"), draftPath(c), data, base, actor(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(rev))
	return c.JSON(http.StatusOK, map[string]any{"problems": problemsIn(c, problems), "revision": rev})
}

// apiDraftFileDelete: DELETE /api/v1/drafts/{id}/files/{path} (If-Match required) → 204.
func (s *Server) apiDraftFileDelete(c echo.Context) error {
	base, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.Center.DeleteDraftFile(ctx(c), c.Param("id"), draftPath(c), base, actor(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// problemsIn returns a draft's problems with the warnings' messages in the request's language
// (never null in JSON).
func problemsIn(c echo.Context, ps []service.LintProblem) []service.LintProblem {
	out := make([]service.LintProblem, len(ps))
	for i, p := range ps {
		if p.ID != "" {
			p.Message = t(c, p.ID, p.Args...)
		}
		out[i] = p
	}
	return out
}

// problemsReply answers 422 with the draft's problems.
func problemsReply(c echo.Context, id string, problems []service.LintProblem) error {
	return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": t(c, id), "code": id, "problems": problemsIn(c, problems)})
}

// apiDraftLint: GET /api/v1/drafts/{id}/lint → {"problems": [...]}.
func (s *Server) apiDraftLint(c echo.Context) error {
	problems, err := s.Center.LintDraft(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"problems": problemsIn(c, problems)})
}

// apiDraftReorder: POST /api/v1/drafts/{id}/reorder {"lessons": [ids], "revision"?}.
func (s *Server) apiDraftReorder(c echo.Context) error {
	var in struct {
		Lessons  []string `json:"lessons"`
		Revision int64    `json:"revision"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rev, err := s.Center.ReorderLessons(ctx(c), c.Param("id"), in.Lessons, in.Revision, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"revision": rev})
}

// apiDraftSubmit: POST /api/v1/drafts/{id}/submit → 200 {"status": "review"}; 422 with the
// problems while any error remains.
func (s *Server) apiDraftSubmit(c echo.Context) error {
	problems, err := s.Center.SubmitDraft(ctx(c), c.Param("id"), actor(c))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return problemsReply(c, "draft.has_errors", problems)
	}
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "status": store.DraftReview})
}

// apiDraftApprove: POST /api/v1/drafts/{id}/approve → 201 {"course_id", "version"}.
func (s *Server) apiDraftApprove(c echo.Context) error {
	v, problems, err := s.Center.ApproveDraft(ctx(c), c.Param("id"), actor(c))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return problemsReply(c, "draft.has_errors", problems)
	}
	return c.JSON(http.StatusCreated, map[string]any{"course_id": v.CourseID, "version": v.Version})
}

// apiDraftReturn: POST /api/v1/drafts/{id}/return {"comments": [{"file","line","text"}]} → 200.
func (s *Server) apiDraftReturn(c echo.Context) error {
	var in struct {
		Comment  string                  `json:"comment"`
		Comments []service.ReviewComment `json:"comments"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Comment != "" {
		in.Comments = append([]service.ReviewComment{{Text: in.Comment}}, in.Comments...)
	}
	if err := s.Center.ReturnDraft(ctx(c), c.Param("id"), actor(c), in.Comments); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "status": store.DraftEditing})
}

// apiDraftDiff: GET /api/v1/drafts/{id}/diff → the review diff against the base version.
func (s *Server) apiDraftDiff(c echo.Context) error {
	diff, problems, err := s.Center.DraftDiff(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	if diff == nil {
		return problemsReply(c, "draft.has_errors", problems)
	}
	return c.JSON(http.StatusOK, diff)
}

// apiDraftPreview: POST /api/v1/drafts/{id}/preview {"path", "text"?} → {"lesson", "html": {lang: article}}.
func (s *Server) apiDraftPreview(c echo.Context) error {
	var in struct {
		Path string  `json:"path"`
		Text *string `json:"text"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	id := c.Param("id")
	out, err := s.Center.PreviewLesson(ctx(c), id, in.Path, in.Text, "/api/v1/drafts/"+url.PathEscape(id)+"/files/media/")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// apiDraftZip: GET /api/v1/drafts/{id}/zip → the draft as a course folder in a zip.
func (s *Server) apiDraftZip(c echo.Context) error {
	data, name, err := s.Center.DraftZip(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/zip", data)
}

// apiDraftGIFT: POST /api/v1/drafts/{id}/gift (body: GIFT text) → 200 {"imported": N,
// "skipped": [{"line","message"}]}: questions appended to the draft's quiz.
func (s *Server) apiDraftGIFT(c echo.Context) error {
	text, err := readBody(c)
	if err != nil {
		return err
	}
	n, skipped, err := s.Center.ImportGIFT(ctx(c), c.Param("id"), text, actor(c))
	if err != nil {
		return err
	}
	type skip struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	}
	out := make([]skip, 0, len(skipped))
	for _, sk := range skipped {
		out = append(out, skip{sk.Line, sk.Text(func(id string, args ...any) string { return t(c, id, args...) })})
	}
	return c.JSON(http.StatusOK, map[string]any{"imported": n, "skipped": out})
}
