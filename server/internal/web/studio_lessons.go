package web

import (
	"fmt"
	"html/template"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// lessonOf finds a lesson of the draft by id.
func (v *draftView) lessonOf(id string) (*studioLesson, error) {
	i := slices.IndexFunc(v.Lessons, func(l studioLesson) bool { return l.ID == id })
	if i < 0 {
		return nil, courses.E(courses.NotFound, "studio.no_lesson", id)
	}
	return &v.Lessons[i], nil
}

// lessonPath is the file of lesson id in lang: lessons/ID.md in the default language,
// lessons/ID.LANG.md in another.
func (v *draftView) lessonPath(id, lang string) string {
	if lang == v.Details.Language {
		return "lessons/" + id + ".md"
	}
	return "lessons/" + id + "." + lang + ".md"
}

// editorLang is the language tab asked for, the course's default language otherwise.
func (v *draftView) editorLang(c echo.Context) string {
	l := c.QueryParam("lang")
	if l == "" {
		l = c.FormValue("lang")
	}
	if !slices.Contains(v.Details.Languages, l) {
		return v.Details.Language
	}
	return l
}

// handleLessonEditor shows a lesson's Markdown in one language next to its preview.
func (s *Server) handleLessonEditor(c echo.Context) error {
	return s.lessonEditorWith(c, http.StatusOK, page{})
}

// lessonEditorWith renders the lesson editor; p may carry the typed text (Text) and a conflict.
func (s *Server) lessonEditorWith(c echo.Context, status int, p page) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	l, err := v.lessonOf(c.Param("lesson"))
	if err != nil {
		return err
	}
	lang := v.editorLang(c)
	file := v.lessonPath(l.ID, lang)
	saved := string(v.files[file])
	text, ok := p["Text"].(string)
	if !ok {
		text = saved
	}
	if _, exists := v.files[file]; !exists && !ok {
		text = newLessonText(l.Title.In(lang, v.Details.Language))
	}
	p["V"], p["L"], p["EditLang"], p["File"], p["Text"], p["Rev"] = v, l, lang, file, text, v.Revs[file]
	p["Editing"] = v.Draft.Status == "editing"
	p["LessonProblems"] = v.fileProblems(file)
	if p["Preview"] == nil {
		p["Preview"] = s.previewHTML(c, file, text, lang)
	}
	return s.renderStatus(c, status, "draftlesson", p)
}

// newLessonText starts a lesson translation not written yet.
func newLessonText(title string) string {
	return "---\ntitle: " + title + "\nminutes: 5\n---\n# " + title + "\n\n"
}

// previewHTML renders text as the node would, in lang; a failure is shown as its message.
func (s *Server) previewHTML(c echo.Context, file, text, lang string) template.HTML {
	out, err := s.Center.PreviewLesson(ctx(c), c.Param("id"), file, &text, draftURL(c.Param("id"), "/media/"))
	if err != nil {
		return template.HTML(`<p class="error">` + template.HTMLEscapeString(errText(c, err)) + `</p>`)
	}
	if h, ok := out.HTML[lang]; ok {
		return h
	}
	for _, h := range out.HTML {
		return h
	}
	return ""
}

// handleLessonSave saves a lesson file from the editor. A file someone else saved since the
// editor was opened is not overwritten: the page shows both versions.
func (s *Server) handleLessonSave(c echo.Context) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	l, err := v.lessonOf(c.Param("lesson"))
	if err != nil {
		return err
	}
	lang := v.editorLang(c)
	file, text := v.lessonPath(l.ID, lang), strings.ReplaceAll(c.FormValue("text"), "\r\n", "\n")
	base := formRev(c)
	if base == 0 {
		base = service.NoRevision // a translation not written yet
	}
	_, _, err = s.Center.WriteDraftFile(ctx(c), v.Draft.ID, file, []byte(text), base, actor(c))
	if err != nil {
		p := page{"Text": text}
		if isStale(err) { // someone saved (or created) the file first
			if theirs, _, ferr := s.Center.DraftFile(ctx(c), v.Draft.ID, file); ferr == nil {
				p["Conflict"], p["Theirs"] = true, string(theirs)
				return s.lessonEditorWith(c, http.StatusConflict, p)
			}
		}
		return failOn(c, err, p, func(st int, p page) error { return s.lessonEditorWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(v.Draft.ID, "/lessons/", l.ID, "?lang=", lang, "&saved=1"))
}

// handleLessonPreview renders the text typed in the editor: the whole page for the "Vista
// previa" button (no JavaScript), only the article for studio.js (fragment=1).
func (s *Server) handleLessonPreview(c echo.Context) error {
	text := strings.ReplaceAll(c.FormValue("text"), "\r\n", "\n")
	if c.FormValue("fragment") != "" {
		v, err := s.loadDraftView(c)
		if err != nil {
			return err
		}
		lang := v.editorLang(c)
		return c.HTML(http.StatusOK, string(s.previewHTML(c, v.lessonPath(c.Param("lesson"), lang), text, lang)))
	}
	return s.lessonEditorWith(c, http.StatusOK, page{"Text": text, "Previewed": true})
}

// slugOf makes a file name part of a title: lowercase ASCII letters and digits joined by dashes.
func slugOf(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range store.Fold(title) { // lower case, accents removed
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	s := b.String()
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	if s == "" {
		s = "leccion"
	}
	return s
}

// handleLessonAdd adds a lesson at the end, in every language of the course, titled as typed.
func (s *Server) handleLessonAdd(c echo.Context) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(c.FormValue("title"))
	if title == "" || courses.TextProblem(title) != "" {
		return s.draftWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "studio.lesson_title_required"),
			"Fields": map[string]string{"lesson_title": t(c, "studio.lesson_title_required")}})
	}
	n := 1
	for _, l := range v.Lessons {
		var k int
		if _, err := fmt.Sscanf(l.ID, "%d-", &k); err == nil && k >= n {
			n = k + 1
		}
	}
	id := fmt.Sprintf("%02d-%s", n, slugOf(title))
	for _, lang := range v.Details.Languages {
		if _, _, err := s.Center.WriteDraftFile(ctx(c), v.Draft.ID, v.lessonPath(id, lang), []byte(newLessonText(title)), service.NoRevision, actor(c)); err != nil {
			return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
		}
	}
	return c.Redirect(http.StatusSeeOther, draftURL(v.Draft.ID, "/lessons/", id))
}

// handleLessonDelete removes a lesson (every language) when the draft is as the page showed it.
func (s *Server) handleLessonDelete(c echo.Context) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	l, err := v.lessonOf(c.FormValue("lesson"))
	if err == nil && formRev(c) != v.Draft.Revision {
		err = courses.E(courses.Conflict, "draft.stale_draft")
	}
	for _, p := range l.pathsOrNil() {
		if err != nil {
			break
		}
		err = s.Center.DeleteDraftFile(ctx(c), v.Draft.ID, p, v.Revs[p], actor(c))
	}
	if err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(v.Draft.ID, "#lessons"))
}

// pathsOrNil lists a lesson's files (none for a nil lesson).
func (l *studioLesson) pathsOrNil() []string {
	if l == nil {
		return nil
	}
	out := make([]string, 0, len(l.Paths))
	for _, p := range l.Paths {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// handleLessonMove moves a lesson one place up or down (the files are renamed by the service).
func (s *Server) handleLessonMove(c echo.Context) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	order := make([]string, len(v.Lessons))
	for i, l := range v.Lessons {
		order[i] = l.ID
	}
	i := slices.Index(order, c.FormValue("lesson"))
	j := i - 1
	if c.FormValue("dir") == "down" {
		j = i + 1
	}
	if i >= 0 && j >= 0 && j < len(order) {
		order[i], order[j] = order[j], order[i]
		if _, err := s.Center.ReorderLessons(ctx(c), v.Draft.ID, order, formRev(c), actor(c)); err != nil {
			return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
		}
	}
	return c.Redirect(http.StatusSeeOther, draftURL(v.Draft.ID, "#lessons"))
}

// handleMediaUpload adds an image, or replaces one (replace: its path, rev: the revision shown).
func (s *Server) handleMediaUpload(c echo.Context) error {
	id := c.Param("id")
	data, name, err := formFile(c, "file", "studio.choose_file")
	if err == nil {
		p, base := "media/"+path.Base(strings.ReplaceAll(name, `\`, "/")), service.NoRevision
		if r := c.FormValue("replace"); r != "" {
			p, base = r, formRev(c)
		}
		if _, _, err = s.Center.WriteDraftFile(ctx(c), id, p, data, base, actor(c)); courses.ErrorCode(err) == courses.Conflict && base == service.NoRevision {
			err = courses.E(courses.Conflict, "studio.media_exists", p)
		}
	}
	if err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(id, "#media"))
}

// handleMediaDelete removes an image (rev: the revision shown).
func (s *Server) handleMediaDelete(c echo.Context) error {
	id := c.Param("id")
	if err := s.Center.DeleteDraftFile(ctx(c), id, c.FormValue("path"), formRev(c), actor(c)); err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.draftWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(id, "#media"))
}
