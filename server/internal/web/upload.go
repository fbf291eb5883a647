package web

import (
	"io"
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
)

// A course .zip uploaded on the courses page is checked and kept (service.StageCourse); the page
// then shows its problems, or its preview with "Publicar", which publishes that exact upload.

// handleCourseUpload checks an uploaded .zip of a course folder: problems are listed on the
// courses page; a clean course is kept and its preview shown (after a redirect, so reloading the
// preview does not upload again).
func (s *Server) handleCourseUpload(c echo.Context) error {
	fh, err := c.FormFile("zip")
	if err != nil {
		return s.coursesWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "courses.choose_zip")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<30))
	if err != nil {
		return err
	}
	u, problems, err := s.Center.StageCourse(ctx(c), data, fh.Filename, actor(c))
	if err != nil || len(problems) > 0 {
		return s.notPublished(c, err, problems)
	}
	return c.Redirect(http.StatusSeeOther, "/courses/uploads/"+u.ID)
}

// handleUploadPreview shows a kept upload as officers will read it, with "Publicar".
func (s *Server) handleUploadPreview(c echo.Context) error {
	u, pkg, _, err := s.Center.StagedCourse(ctx(c), c.Param("id"))
	if err != nil {
		return s.uploadGone(c, err)
	}
	lessons, l, err := previewLessons(c, pkg.Course, "/courses/uploads/"+u.ID+"/files/media/")
	if err != nil {
		return err
	}
	return s.render(c, "course", page{"Course": pkg.Course, "Lessons": lessons, "CourseLang": l, "Upload": u})
}

// handleUploadFile serves a media file of a kept upload, for its preview.
func (s *Server) handleUploadFile(c echo.Context) error {
	_, _, fsys, err := s.Center.StagedCourse(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	p := c.Param("*")
	data, err := fs.ReadFile(fsys, p)
	if err != nil || !strings.HasPrefix(p, "media/") {
		return courses.E(courses.NotFound, "err.no_file", p)
	}
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	return c.Blob(http.StatusOK, coursepkg.MediaType(p), data)
}

// handleUploadPublish publishes a kept upload; the toast names the course by its title.
func (s *Server) handleUploadPublish(c echo.Context) error {
	v, problems, err := s.Center.PublishUpload(ctx(c), c.Param("id"), actor(c))
	if err != nil || len(problems) > 0 {
		return s.notPublished(c, err, problems)
	}
	return s.coursesWith(c, http.StatusCreated, page{"Published": t(c, "courses.published", v.Title.In(lang(c), lang(c)), v.Version)})
}

// handleUploadDiscard drops a kept upload.
func (s *Server) handleUploadDiscard(c echo.Context) error {
	u, err := s.Center.DiscardUpload(ctx(c), c.Param("id"))
	if err != nil {
		return s.uploadGone(c, err)
	}
	return s.coursesWith(c, http.StatusOK, page{"Discarded": t(c, "upload.discarded", u.Filename)})
}

// uploadGone shows the courses page with why an upload can no longer be used.
func (s *Server) uploadGone(c echo.Context, err error) error {
	if courses.ErrorCode(err) == courses.Internal {
		return err
	}
	return s.coursesWith(c, statusOf(err), page{"Error": errText(c, err)})
}

// notPublished shows the courses page with why a course was not kept or not published: its
// problems, or a domain error.
func (s *Server) notPublished(c echo.Context, err error, problems coursepkg.Problems) error {
	switch {
	case err != nil && courses.ErrorCode(err) != courses.Internal:
		return s.coursesWith(c, statusOf(err), page{"Error": errText(c, err)})
	case err != nil:
		return err
	}
	return s.coursesWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "courses.lint_failed"), "Problems": lintLines(c, problems)})
}
