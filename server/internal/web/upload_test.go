package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// publishUpload uploads a clean course: the center answers with its preview (nothing published
// yet), and "Publicar" publishes that upload once.
func publishUpload(t *testing.T, b *browser, zip []byte) {
	t.Helper()
	rec := b.upload("/courses", "zip", "curso.zip", zip)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/courses/uploads/") {
		t.Fatalf("upload: %d %q, want a redirect to the preview", rec.Code, rec.Header().Get("Location"))
	}
	preview := rec.Header().Get("Location")
	rec = b.get(preview)
	if rec.Code != http.StatusOK {
		t.Fatalf("preview: %d", rec.Code)
	}
	mustContain(t, "preview", rec.Body.String(), "Revisar antes de publicar", `action="`+preview+`/publish"`, `class="lesson"`)
	if vs, _ := b.e.store.ListVersions(context.Background(), ""); len(vs) != 0 {
		t.Fatalf("the preview published %d versions", len(vs))
	}
	rec = b.post(preview+"/publish", nil)
	if rec.Code != http.StatusCreated {
		t.Fatalf("publish: %d %.1000s", rec.Code, rec.Body)
	}
	mustContain(t, "publish", rec.Body.String(), "Publicado: ", ", versión 1.")
	mustNotContain(t, "publish", rec.Body.String(), "curso-de-prueba versión")
	if rec := b.post(preview+"/publish", nil); rec.Code != http.StatusNotFound {
		t.Errorf("publishing the same upload twice: %d, want 404", rec.Code)
	}
}

// An upload can be discarded; a discarded one cannot be published.
func TestUIUploadDiscard(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		rec := b.upload("/courses", "zip", "curso.zip", sampleZip(t, "", nil))
		preview := rec.Header().Get("Location")
		if rec := b.get("/courses"); !strings.Contains(rec.Body.String(), `href="`+preview+`"`) {
			t.Errorf("the courses page does not list the waiting upload %s: %s", preview, rec.Body)
		}
		rec = b.post(preview+"/discard", nil)
		mustContain(t, "discard", rec.Body.String(), "Se descartó la subida de curso.zip.")
		if rec := b.post(preview+"/publish", nil); rec.Code != http.StatusNotFound {
			t.Errorf("publishing a discarded upload: %d", rec.Code)
		}
		if vs, _ := e.store.ListVersions(context.Background(), ""); len(vs) != 0 {
			t.Errorf("versions: %d", len(vs))
		}
	})
}
