package web_test

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"aula/courses/coursepkg"
	"aula/internal/pgtest"
	"aula/server/internal/publish"
)

// draftAPI sends a draft request with optional If-Match.
func (e *env) draftAPI(method, path, token string, body any, ifMatch string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := apiRequest(e.t, method, path, body)
	req.Header.Set("Authorization", "Bearer "+token)
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	return e.serve(req)
}

// newDraft creates a draft and returns its id.
func (e *env) newDraft(token string, body map[string]string) string {
	e.t.Helper()
	rec := e.api(http.MethodPost, "/api/v1/drafts", token, body)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("create draft: %d %s", rec.Code, rec.Body)
	}
	var out struct{ ID string }
	decode(e.t, rec, &out)
	return out.ID
}

type draftProblems struct {
	Error    string
	Problems []struct {
		File, Severity, Message string
		Line                    int
	}
}

// TestDraftFromPublishedVersionToApproval walks contract §6 from a published course: a draft
// holds version 1's files with version 2 in course.yaml; saves carry the revision they edited and
// a stale one is refused (409, nothing overwritten); submit locks the draft; the submitter may
// not approve (403); another staff member approves and version 2 exists, signed, with the edit.
func TestDraftFromPublishedVersionToApproval(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin, trainer := e.adminToken(), e.trainerToken()
		e.publishSample(admin)

		id := e.newDraft(trainer, map[string]string{"course_id": "curso-de-prueba"})
		rec := e.api(http.MethodGet, "/api/v1/drafts/"+id, trainer, nil)
		var d struct {
			ID, Status  string
			BaseVersion int      `json:"base_version"`
			Files       []string `json:"files"`
			CourseID2   string   `json:"course_id"`
		}
		decode(t, rec, &d)
		if d.Status != "editing" || d.BaseVersion != 1 || d.CourseID2 != "curso-de-prueba" || len(d.Files) != 7 {
			t.Fatalf("draft: %s", rec.Body)
		}
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/course.yaml", trainer, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "\nversion: 2\n") || rec.Header().Get("ETag") == "" {
			t.Fatalf("course.yaml: %d %s %q", rec.Code, rec.Body, rec.Header().Get("ETag"))
		}

		lesson := "lessons/02-repaso.md"
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/"+lesson, trainer, nil)
		seen := rec.Header().Get("ETag")
		edited := strings.Replace(rec.Body.String(), "# Repaso", "# Repaso final", 1)
		rec = e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/"+lesson, trainer, edited, seen)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"problems":[]`) || rec.Header().Get("ETag") == seen {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		// The admin saves from the revision both opened: refused, the trainer's text kept.
		rec = e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/"+lesson, admin, "---\ntitle: x\nminutes: 1\n---\nOtro texto\n", seen)
		if msg, _ := jsonError(t, rec); rec.Code != http.StatusConflict || !strings.Contains(msg, "Otra persona guardó lessons/02-repaso.md") {
			t.Fatalf("stale save: %d %s", rec.Code, rec.Body)
		}
		rec = e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/"+lesson, admin, "x", "")
		if rec.Code != http.StatusConflict {
			t.Fatalf("overwrite without If-Match: %d %s", rec.Code, rec.Body)
		}
		if body := e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/"+lesson, trainer, nil).Body.String(); body != edited {
			t.Fatalf("the file changed: %s", body)
		}

		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/diff", trainer, nil)
		mustContain(t, "diff", rec.Body.String(), `"id":"02-repaso"`, `{"op":"-","text":"Repaso"}`, `{"op":"+","text":"Repaso final"}`)

		if rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/submit", trainer, nil); rec.Code != http.StatusOK {
			t.Fatalf("submit: %d %s", rec.Code, rec.Body)
		}
		rec = e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/"+lesson, trainer, edited+"\nMás.\n", `"99"`)
		if msg, _ := jsonError(t, rec); rec.Code != http.StatusConflict || !strings.Contains(msg, "en revisión") {
			t.Fatalf("edit in review: %d %s", rec.Code, rec.Body)
		}
		if rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/approve", trainer, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("self-approve: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/approve", admin, nil)
		if rec.Code != http.StatusCreated || rec.Body.String() != `{"course_id":"curso-de-prueba","version":2}`+"\n" {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		pkg, err := publish.Load(context.Background(), e.store, e.server.Key.Public().(ed25519.PublicKey), "curso-de-prueba", 2)
		if err != nil {
			t.Fatalf("version 2 does not verify: %v", err)
		}
		if !strings.Contains(pkg.Course.Lessons[1].Body["es"], "# Repaso final") {
			t.Errorf("version 2 lacks the edit: %q", pkg.Course.Lessons[1].Body["es"])
		}
		if rec = e.api(http.MethodGet, "/api/v1/drafts/"+id, trainer, nil); !strings.Contains(rec.Body.String(), `"status":"approved"`) {
			t.Errorf("after approval: %s", rec.Body)
		}
		var actions []string
		rows, err := e.db().Query(`SELECT actor || ' ' || action FROM audit WHERE action LIKE 'draft.%' OR action = 'course.publish' ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			rows.Scan(&a)
			actions = append(actions, a)
		}
		want := "admin course.publish|trainer draft.create|trainer draft.write|trainer draft.submit|admin course.publish|admin draft.approve"
		if got := strings.Join(actions, "|"); got != want {
			t.Errorf("audit trail:\n%s\nwant\n%s", got, want)
		}
	})
}

// TestDraftNewCourseLintSubmitErrors: a new course starts clean in Spanish and English; a broken
// quiz is reported for that file on save, and submitting answers 422 with the problems.
func TestDraftNewCourseLintSubmitErrors(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		trainer := e.trainerToken()
		if rec := e.api(http.MethodPost, "/api/v1/drafts", trainer, map[string]string{"course_id": "curso-nuevo"}); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("a new course without a title: %d %s", rec.Code, rec.Body)
		}
		id := e.newDraft(trainer, map[string]string{"course_id": "curso-nuevo", "title": `Atención al "ciudadano"`})
		rec := e.api(http.MethodGet, "/api/v1/drafts/"+id+"/lint", trainer, nil)
		if rec.Body.String() != `{"problems":[]}`+"\n" {
			t.Fatalf("a new course is not clean: %s", rec.Body)
		}
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/quiz.yaml", trainer, nil)
		rec = e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/quiz.yaml", trainer, "pass_mark: 500\nquestions: []\n", rec.Header().Get("ETag"))
		var out draftProblems
		decode(t, rec, &out)
		if rec.Code != http.StatusOK || len(out.Problems) == 0 || out.Problems[0].File != "quiz.yaml" || out.Problems[0].Severity != "error" {
			t.Fatalf("save a broken quiz: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/submit", trainer, nil)
		out = draftProblems{}
		decode(t, rec, &out)
		if rec.Code != http.StatusUnprocessableEntity || len(out.Problems) == 0 || !strings.Contains(out.Error, "errores") {
			t.Fatalf("submit with errors: %d %s", rec.Code, rec.Body)
		}
		if rec := e.api(http.MethodGet, "/api/v1/drafts?status=editing&author=trainer", trainer, nil); !strings.Contains(rec.Body.String(), id) {
			t.Errorf("list: %s", rec.Body)
		}
	})
}

// TestDraftFilesChecked: paths outside the course format (traversal included) are refused, an
// image must be what its name says, and an SVG is stored without its scripts.
func TestDraftFilesChecked(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		trainer := e.trainerToken()
		id := e.newDraft(trainer, map[string]string{"course_id": "curso-nuevo", "title": "Curso nuevo"})
		for _, p := range []string{"../../etc/passwd", "media/../../course.yaml", "%2e%2e/course.yaml", "media/%2e%2e/quiz.yaml", "notas.txt", "media/x.exe", "lessons/intro.md", ".secret"} {
			rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/"+p, trainer, "x", "")
			if rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusNotFound {
				t.Errorf("PUT %s: %d %s", p, rec.Code, rec.Body)
			}
		}
		rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/media/foto.png", trainer, "<html>not a png</html>", "")
		if msg, _ := jsonError(t, rec); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "media/foto.png") {
			t.Errorf("fake png: %d %s", rec.Code, rec.Body)
		}
		png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
		if rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/media/foto.png", trainer, png, ""); rec.Code != http.StatusOK {
			t.Errorf("real png: %d %s", rec.Code, rec.Body)
		}
		svg := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="3"/></svg>`
		if rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/media/dibujo.svg", trainer, svg, ""); rec.Code != http.StatusOK {
			t.Fatalf("svg: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/media/dibujo.svg", trainer, nil)
		if got := rec.Body.String(); got != `<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>` {
			t.Errorf("stored svg: %s", got)
		}
		if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("media served without a sandbox: %v", rec.Header())
		}
	})
}

// TestDraftZipPreviewReorderReturn: a draft goes out as a zip that the linter accepts and comes
// back in as a new draft; the preview renders unsaved text as the node does; lessons reorder
// with their links; a returned draft keeps the reviewer's comments.
func TestDraftZipPreviewReorderReturn(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin, trainer := e.adminToken(), e.trainerToken()
		e.publishSample(admin)
		id := e.newDraft(trainer, map[string]string{"course_id": "curso-de-prueba"})

		rec := e.api(http.MethodGet, "/api/v1/drafts/"+id+"/zip", trainer, nil)
		fsys, err := publish.ZipFS(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if pkg, problems := coursepkg.Read(fsys, "zip"); len(problems) > 0 || pkg.Course.Version != 2 {
			t.Fatalf("the zip does not lint: %v", problems)
		}
		rec = e.api(http.MethodPost, "/api/v1/drafts/import", trainer, rec.Body.Bytes())
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"base_version":1`) {
			t.Fatalf("import: %d %s", rec.Code, rec.Body)
		}

		text := "---\ntitle: Bienvenida\nminutes: 2\n---\n# Hola\n\n<script>alert(1)</script>\n\n![esquema](../media/esquema.svg) [sigue](02-repaso.md)\n"
		rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/preview", trainer, map[string]any{"path": "lessons/01-bienvenida.md", "text": text})
		var pv struct {
			Lesson string
			HTML   map[string]string
		}
		decode(t, rec, &pv)
		if pv.Lesson != "01-bienvenida" || !strings.Contains(pv.HTML["es"], `<h1 id="hola">Hola</h1>`) || strings.Contains(pv.HTML["es"], "<script>") ||
			!strings.Contains(pv.HTML["es"], `src="/api/v1/drafts/`+id+`/files/media/esquema.svg"`) || !strings.Contains(pv.HTML["es"], `href="#lesson-02-repaso"`) ||
			!strings.Contains(pv.HTML["en"], "Welcome") {
			t.Fatalf("preview: %s", rec.Body)
		}

		rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/reorder", trainer, map[string]any{"lessons": []string{"02-repaso", "01-bienvenida"}})
		if rec.Code != http.StatusOK {
			t.Fatalf("reorder: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id, trainer, nil)
		mustContain(t, "reordered", rec.Body.String(), "lessons/01-repaso.md", "lessons/02-bienvenida.en.md")
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/lessons/02-bienvenida.md", trainer, nil)
		mustContain(t, "link", rec.Body.String(), "(01-repaso.md)")
		if rec = e.api(http.MethodGet, "/api/v1/drafts/"+id+"/lint", trainer, nil); rec.Body.String() != `{"problems":[]}`+"\n" {
			t.Fatalf("reordered draft: %s", rec.Body)
		}

		e.api(http.MethodPost, "/api/v1/drafts/"+id+"/submit", trainer, nil)
		if rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/return", admin, map[string]any{"comments": []map[string]any{}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("return without a comment: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodPost, "/api/v1/drafts/"+id+"/return", admin, map[string]any{"comments": []map[string]any{{"file": "lessons/01-repaso.md", "line": 5, "text": "Cite la ley."}}})
		if rec.Code != http.StatusOK {
			t.Fatalf("return: %d %s", rec.Code, rec.Body)
		}
		rec = e.api(http.MethodGet, "/api/v1/drafts/"+id, trainer, nil)
		mustContain(t, "returned", rec.Body.String(), `"status":"editing"`, `"text":"Cite la ley."`, `"author":"admin"`)
	})
}

// TestDraftApproveAfterAnotherPublish: two drafts of version 1; once one is published, the other
// cannot publish over it (409).
func TestDraftApproveAfterAnotherPublish(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin, trainer := e.adminToken(), e.trainerToken()
		e.publishSample(admin)
		first := e.newDraft(trainer, map[string]string{"course_id": "curso-de-prueba"})
		second := e.newDraft(trainer, map[string]string{"course_id": "curso-de-prueba"})
		for _, id := range []string{first, second} {
			if rec := e.api(http.MethodPost, "/api/v1/drafts/"+id+"/submit", trainer, nil); rec.Code != http.StatusOK {
				t.Fatalf("submit: %d %s", rec.Code, rec.Body)
			}
		}
		if rec := e.api(http.MethodPost, "/api/v1/drafts/"+first+"/approve", admin, nil); rec.Code != http.StatusCreated {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		rec := e.api(http.MethodPost, "/api/v1/drafts/"+second+"/approve", admin, nil)
		if msg, _ := jsonError(t, rec); rec.Code != http.StatusConflict || !strings.Contains(msg, "la 2") {
			t.Fatalf("approve over a newer version: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestDraftWarningsDoNotBlock: an item-writing warning comes with the save, in the request's
// language, and the draft is still submitted.
func TestDraftWarningsDoNotBlock(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		trainer := e.trainerToken()
		id := e.newDraft(trainer, map[string]string{"course_id": "curso-nuevo", "title": "Curso nuevo"})
		quiz := "pass_mark: 80\nquestions:\n  - id: sin-explicacion\n    type: true_false\n    prompt: {es: \"¿El cielo es azul?\", en: \"Is the sky blue?\"}\n    answer: true\n"
		etag := e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/quiz.yaml", trainer, nil).Header().Get("ETag")
		rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+id+"/files/quiz.yaml", trainer, quiz, etag)
		mustContain(t, "save", rec.Body.String(), `"severity":"warning"`, "no tiene explicación", `"question":"sin-explicacion"`)
		if rec := e.api(http.MethodPost, "/api/v1/drafts/"+id+"/submit", trainer, nil); rec.Code != http.StatusOK {
			t.Fatalf("submit with warnings only: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestDraftGIFTImport: GIFT questions are appended to the draft's quiz; what cannot be
// converted is listed by line, translated.
func TestDraftGIFTImport(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		trainer := e.trainerToken()
		id := e.newDraft(trainer, map[string]string{"course_id": "curso-nuevo", "title": "Curso nuevo"})
		text := "::capital:: ¿Cuál es la capital de Venezuela? {=Caracas ~Maracaibo ~Valencia}\n\n::ensayo:: Describa su turno. {}\n"
		rec := e.api(http.MethodPost, "/api/v1/drafts/"+id+"/gift", trainer, text)
		var out struct {
			Imported int
			Skipped  []struct {
				Line    int
				Message string
			}
		}
		decode(t, rec, &out)
		if rec.Code != http.StatusOK || out.Imported != 1 || len(out.Skipped) != 1 || out.Skipped[0].Line != 3 {
			t.Fatalf("gift: %d %s", rec.Code, rec.Body)
		}
		quiz := e.api(http.MethodGet, "/api/v1/drafts/"+id+"/files/quiz.yaml", trainer, nil).Body.String()
		mustContain(t, "quiz.yaml", quiz, "pregunta-1", "Caracas")
	})
}
