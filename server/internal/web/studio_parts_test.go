package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// uploadWith submits a multipart form with one file, more fields and the CSRF token.
func (b *browser) uploadWith(path string, fields map[string]string, field, filename string, data []byte) *httptest.ResponseRecorder {
	b.e.t.Helper()
	fields["_csrf"] = b.csrf()
	body, ctype := multipartBody(b.e.t, fields, field, filename, data)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return b.send(req)
}

// studioDraft starts a draft of the published sample course as a trainer in the studio.
func studioDraft(t *testing.T, e *env) (*browser, string) {
	t.Helper()
	tr := loggedIn(e, trainerUser, trainerPass)
	rec := tr.post("/drafts", url.Values{"course_id": {sampleCourse}})
	mustStatus(t, "create", rec, http.StatusSeeOther)
	return tr, rec.Header().Get("Location")
}

// Images: added, refused with a message a person can act on (a name in use, content that is not
// what its name says), replaced with the revision shown, removed.
func TestStudioImages(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		tr, base := studioDraft(t, e)
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
		mustStatus(t, "upload", tr.uploadWith(base+"/media", map[string]string{}, "file", "foto.png", png), http.StatusSeeOther)
		page := tr.get(base).Body.String()
		mustContain(t, "images", page, "media/foto.png", `src="`+base+`/media/foto.png"`)
		if rec := tr.get(base + "/media/foto.png"); rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/png" {
			t.Errorf("image served: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		rec := tr.uploadWith(base+"/media", map[string]string{}, "file", "foto.png", png)
		mustStatus(t, "same name", rec, http.StatusConflict)
		mustContain(t, "same name", rec.Body.String(), "Ya hay una imagen media/foto.png")
		rec = tr.uploadWith(base+"/media", map[string]string{}, "file", "falsa.png", []byte("no soy una imagen"))
		mustStatus(t, "not a PNG", rec, http.StatusUnprocessableEntity)
		mustContain(t, "not a PNG", rec.Body.String(), "no es del tipo que indica su nombre")
		r := revOf(t, page, "media/foto.png")
		mustStatus(t, "replace", tr.uploadWith(base+"/media", map[string]string{"replace": "media/foto.png", "rev": r}, "file", "otra.png", png), http.StatusSeeOther)
		rec = tr.post(base+"/media/delete", url.Values{"path": {"media/foto.png"}, "rev": {r}})
		mustStatus(t, "remove with an old revision", rec, http.StatusConflict)
		page = tr.get(base).Body.String()
		mustStatus(t, "remove", tr.post(base+"/media/delete", url.Values{"path": {"media/foto.png"}, "rev": {revOf(t, page, "media/foto.png")}}), http.StatusSeeOther)
		mustNotContain(t, "images", tr.get(base).Body.String(), "media/foto.png")
	})
}

// revOf is the revision the images list shows for path.
func revOf(t *testing.T, page, path string) string {
	t.Helper()
	i := strings.Index(page, `name="replace" value="`+path+`"`)
	if i < 0 {
		t.Fatalf("no replace form for %s", path)
	}
	return rev(t, page[i:])
}

// Lessons: added from a title, moved down and up (the files renamed), removed; a form sent after
// the draft changed is refused.
func TestStudioLessons(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		tr, base := studioDraft(t, e)
		rec := tr.post(base+"/lessons", url.Values{"title": {"Señales de alerta"}})
		mustStatus(t, "add", rec, http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); !strings.HasSuffix(loc, "/lessons/03-senales-de-alerta") {
			t.Errorf("new lesson at %q", loc)
		}
		page := tr.get(base).Body.String()
		old := rev(t, page[strings.Index(page, `action="`+base+`/lessons/move"`):])
		mustStatus(t, "move up", tr.post(base+"/lessons/move", url.Values{"lesson": {"03-senales-de-alerta"}, "dir": {"up"}, "rev": {old}}), http.StatusSeeOther)
		page = tr.get(base).Body.String()
		mustContain(t, "moved", page, "02-senales-de-alerta", "03-repaso")
		rec = tr.post(base+"/lessons/delete", url.Values{"lesson": {"02-senales-de-alerta"}, "rev": {old}})
		mustStatus(t, "remove with an old revision", rec, http.StatusConflict)
		mustContain(t, "stale", rec.Body.String(), "Otra persona cambió este borrador")
		cur := rev(t, page[strings.Index(page, `action="`+base+`/lessons/delete"`):])
		mustStatus(t, "remove", tr.post(base+"/lessons/delete", url.Values{"lesson": {"02-senales-de-alerta"}, "rev": {cur}}), http.StatusSeeOther)
		mustNotContain(t, "removed", tr.get(base).Body.String(), "senales-de-alerta")
		rec = tr.post(base+"/lessons", url.Values{"title": {"  "}})
		mustStatus(t, "no title", rec, http.StatusUnprocessableEntity)
		mustContain(t, "no title", rec.Body.String(), "Escriba el título de la lección nueva.")
	})
}

// Quiz rules and a question's errors are shown next to the field; a bad number is named.
func TestStudioQuizErrors(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		tr, base := studioDraft(t, e)
		quiz := tr.get(base + "/quiz").Body.String()
		rec := tr.post(base+"/quiz", url.Values{"rev": {rev(t, quiz)}, "pass_mark": {"ochenta"}, "attempts": {"3"}, "review": {"score"}})
		mustStatus(t, "bad pass mark", rec, http.StatusUnprocessableEntity)
		mustContain(t, "bad pass mark", rec.Body.String(), "«ochenta» no es un número")
		mustStatus(t, "pass mark 0", tr.post(base+"/quiz", url.Values{"rev": {rev(t, quiz)}, "pass_mark": {"0"}, "attempts": {"3"}, "review": {"score"}}), http.StatusSeeOther)
		quiz = tr.get(base + "/quiz").Body.String()
		settings := quiz[strings.Index(quiz, `id="pass_mark"`):strings.Index(quiz, `id="attempts"`)]
		mustContain(t, "the pass mark's error", settings, `class="lint-error"`, "pass_mark")

		// A single-choice question with no right option: the error sits under its options.
		q := tr.get(base + "/questions/una-opcion").Body.String()
		form := url.Values{"rev": {rev(t, q)}, "id": {"una-opcion"}, "prompt_es": {"¿Capital?"}, "prompt_en": {"Capital?"}, "rows": {"2"},
			"opt0_es": {"Caracas"}, "opt0_en": {"Caracas"}, "opt1_es": {"Maracaibo"}, "opt1_en": {"Maracaibo"},
			"explanation_es": {"Es Caracas."}, "explanation_en": {"It is Caracas."}}
		mustStatus(t, "save", tr.post(base+"/questions/una-opcion", form), http.StatusSeeOther)
		q = tr.get(base + "/questions/una-opcion").Body.String()
		options := q[strings.Index(q, "<legend>Opciones</legend>"):]
		options = options[:strings.Index(options, `class="row-edit"`)]
		mustContain(t, "the options' error", options, `class="lint-error"`)
		if strings.Contains(q[:strings.Index(q, "<legend>Opciones</legend>")], `class="lint-error"`) {
			t.Errorf("the options' error is shown above the options")
		}
	})
}

// A reviewer returns a submitted draft: a comment is required; the authors then see it and can
// edit again.
func TestStudioReturn(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		tr, base := studioDraft(t, e)
		mustStatus(t, "submit", tr.post(base+"/submit", nil), http.StatusSeeOther)
		mustStatus(t, "save while in review", tr.post(base+"/lessons", url.Values{"title": {"Otra"}}), http.StatusConflict)
		ad := loggedIn(e, adminUser, adminPass)
		rec := ad.post(base+"/return", url.Values{"comment": {" "}})
		mustStatus(t, "return without a comment", rec, http.StatusUnprocessableEntity)
		mustContain(t, "return without a comment", rec.Body.String(), "Escriba al menos un comentario")
		mustStatus(t, "return", ad.post(base+"/return", url.Values{"comment": {"Falta la fuente del dato de la lección 2."}}), http.StatusSeeOther)
		page := tr.get(base).Body.String()
		mustContain(t, "returned draft", page, "Comentarios de la revisión", "Falta la fuente del dato de la lección 2.", "En edición", "Enviar a revisión")
	})
}

// The live check: the question as typed is linted without saving, the problems keyed by field.
func TestStudioQuestionCheck(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		tr, base := studioDraft(t, e)
		q := tr.get(base + "/questions/una-opcion").Body.String()
		mustContain(t, "question editor", q, `data-check="`+base+`/questions/una-opcion/check"`, `data-lint="options"`, "/static/studio.js")
		form := url.Values{"rev": {rev(t, q)}, "id": {"una-opcion"}, "prompt_es": {"¿Capital?"}, "prompt_en": {"Capital?"}, "rows": {"2"},
			"correct": {"0"}, "opt0_es": {"Caracas, la capital"}, "opt0_en": {"Caracas, the capital"}, "opt1_es": {"Coro"}, "opt1_en": {"Coro"},
			"explanation_es": {"Es Caracas."}, "explanation_en": {"It is Caracas."}}
		rec := tr.post(base+"/questions/una-opcion/check", form)
		mustStatus(t, "check", rec, http.StatusOK)
		var out struct {
			Fields map[string][]struct{ Severity, Label, Message string }
		}
		decode(t, rec, &out)
		found := false
		for _, n := range out.Fields["options"] {
			found = found || n.Severity == "warning" && n.Label == "Aviso" && strings.Contains(n.Message, "la opción correcta es la más larga")
		}
		if !found {
			t.Errorf("no longest-option warning at the options: %+v", out.Fields)
		}
		if !strings.Contains(tr.get(base+"/questions/una-opcion").Body.String(), "¿Cuál es la capital") {
			t.Errorf("the check saved the question")
		}
	})
}
