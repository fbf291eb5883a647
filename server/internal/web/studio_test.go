package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// studioQuestions are form values that make a lint-clean question of each type in the editor.
var studioQuestions = map[string]url.Values{
	"single": {"prompt_es": {"¿Qué principio exige usar la fuerza mínima necesaria?"}, "prompt_en": {"Which principle requires the least force needed?"},
		"rows": {"3"}, "correct": {"0"}, "opt0_es": {"Proporcionalidad: la fuerza mínima necesaria"}, "opt0_en": {"Proportionality: the least force needed"},
		"opt1_es": {"Legalidad"}, "opt1_en": {"Legality"}, "opt2_es": {"Rendición de cuentas"}, "opt2_en": {"Accountability"},
		"explanation_es": {"La proporcionalidad mide la fuerza."}, "explanation_en": {"Proportionality measures force."}},
	"multiple": {"prompt_es": {"¿Cuáles son principios?"}, "prompt_en": {"Which are principles?"}, "rows": {"3"},
		"correct0": {"1"}, "opt0_es": {"Legalidad"}, "opt0_en": {"Legality"}, "correct1": {"1"}, "opt1_es": {"Necesidad"}, "opt1_en": {"Necessity"},
		"opt2_es": {"Rapidez"}, "opt2_en": {"Speed"}, "explanation_es": {"Legalidad y necesidad."}, "explanation_en": {"Legality and necessity."}},
	"true_false": {"prompt_es": {"El arma de fuego es el último recurso."}, "prompt_en": {"A firearm is the last resort."}, "answer": {"true"},
		"explanation_es": {"Solo para proteger la vida."}, "explanation_en": {"Only to protect life."}},
	"matching": {"prompt_es": {"Una cada nivel con su respuesta."}, "prompt_en": {"Match each level with its response."}, "rows": {"2"},
		"left0_es": {"Cooperador"}, "left0_en": {"Cooperative"}, "right0_es": {"Presencia"}, "right0_en": {"Presence"},
		"left1_es": {"Agresivo"}, "left1_en": {"Aggressive"}, "right1_es": {"Defensa"}, "right1_en": {"Defence"},
		"explanation_es": {"La respuesta sigue a la conducta."}, "explanation_en": {"The response follows the behaviour."}},
	"ordering": {"prompt_es": {"Ordene los pasos."}, "prompt_en": {"Order the steps."}, "rows": {"3"},
		"item0_es": {"Presencia"}, "item0_en": {"Presence"}, "item1_es": {"Verbalización"}, "item1_en": {"Verbal commands"},
		"item2_es": {"Control físico"}, "item2_en": {"Physical control"}, "explanation_es": {"De menos a más."}, "explanation_en": {"From least to most."}},
	"short": {"prompt_es": {"¿Qué siglas tiene el uso progresivo y diferenciado de la fuerza?"}, "prompt_en": {"What is the acronym?"}, "rows": {"1"},
		"acc0_es": {"UPDF"}, "acc0_en": {"UPDF"}, "explanation_es": {"Uso progresivo y diferenciado."}, "explanation_en": {"Progressive and differentiated use."}},
	"numeric": {"prompt_es": {"¿Cuántos principios hay?"}, "prompt_en": {"How many principles are there?"}, "value": {"5"}, "tolerance": {"0"},
		"explanation_es": {"Cinco principios."}, "explanation_en": {"Five principles."}},
}

var (
	locationID = regexp.MustCompile(`^/drafts/([^/?#]+)`)
	revField   = regexp.MustCompile(`name="rev" value="(\d+)"`)
)

// rev is the first revision a page's forms carry.
func rev(t *testing.T, body string) string {
	t.Helper()
	m := revField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no rev field in the page")
	}
	return m[1]
}

func mustStatus(t *testing.T, what string, rec interface {
	Result() *http.Response
}, want int) {
	t.Helper()
	if got := rec.Result().StatusCode; got != want {
		t.Fatalf("%s: %d, want %d", what, got, want)
	}
}

// A trainer writes a new course in the studio with one lesson and one question of each type,
// sees a stale save refused with both versions, submits it; the trainer cannot approve it (no
// button, 403), an administrator sees the diff and approves it: version 1 is published.
func TestStudioNewCourseToPublished(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		tr := loggedIn(e, trainerUser, trainerPass)
		rec := tr.post("/drafts", url.Values{"course_id": {"uso-basico"}, "title": {"Uso básico de la fuerza"}})
		mustStatus(t, "create", rec, http.StatusSeeOther)
		id := locationID.FindStringSubmatch(rec.Header().Get("Location"))[1]
		base := "/drafts/" + id

		page := tr.get(base).Body.String()
		mustContain(t, "draft page", page, "Datos del curso", "Uso básico de la fuerza", "Enviar a revisión", "01-introduccion")
		rec = tr.post(base+"/course", url.Values{"rev": {rev(t, page)}, "title_es": {"Uso básico de la fuerza"}, "title_en": {"Basic use of force"},
			"summary_es": {"Principios y niveles."}, "summary_en": {"Principles and levels."}, "area": {"use-of-force"}, "hours": {"1,5"},
			"language": {"es"}, "languages": {"es", "en"}, "issue": {"automatic"}, "valid_months": {"12"}})
		mustStatus(t, "save details", rec, http.StatusSeeOther)
		if page = tr.get(base).Body.String(); !strings.Contains(page, "Basic use of force") || !strings.Contains(page, `value="1,5"`) {
			t.Errorf("details not saved:\n%s", page)
		}

		// The lesson: preview (no JavaScript and the fragment), save, a stale save.
		lesson := base + "/lessons/01-introduccion"
		editor := tr.get(lesson).Body.String()
		mustContain(t, "lesson editor", editor, "Vista previa", `data-preview=`, "Introducción")
		text := "---\ntitle: Introducción\nminutes: 5\n---\n# Introducción\n\nLa **vida** primero.\n"
		frag := tr.post(lesson+"/preview", url.Values{"text": {text}, "fragment": {"1"}})
		mustContain(t, "preview fragment", frag.Body.String(), "<strong>vida</strong>")
		mustNotContain(t, "preview fragment", frag.Body.String(), "<html")
		mustContain(t, "preview page", tr.post(lesson+"/preview", url.Values{"text": {text}}).Body.String(), "<strong>vida</strong>", "<html")
		old := rev(t, editor)
		mustStatus(t, "save lesson", tr.post(lesson, url.Values{"rev": {old}, "text": {text}}), http.StatusSeeOther)
		rec = tr.post(lesson, url.Values{"rev": {old}, "text": {text + "Otra línea.\n"}})
		mustStatus(t, "stale save", rec, http.StatusConflict)
		mustContain(t, "stale save", rec.Body.String(), "Otra persona guardó este archivo", "Otra línea.", "La **vida** primero.")

		// A question of each type, written through the editors.
		for _, typ := range []string{"single", "multiple", "true_false", "matching", "ordering", "short", "numeric"} {
			quiz := tr.get(base + "/quiz").Body.String()
			rec := tr.post(base+"/questions", url.Values{"type": {typ}, "rev": {rev(t, quiz)}})
			mustStatus(t, "add "+typ, rec, http.StatusSeeOther)
			qpath := rec.Header().Get("Location")
			form := studioQuestions[typ]
			qpage := tr.get(qpath).Body.String()
			form.Set("rev", rev(t, qpage))
			form.Set("id", "q-"+strings.ReplaceAll(typ, "_", "-"))
			rec = tr.post(qpath, form)
			mustStatus(t, "save "+typ, rec, http.StatusSeeOther)
		}
		quiz := tr.get(base + "/quiz").Body.String()
		mustContain(t, "quiz page", quiz, "q-single", "q-numeric", "Reglas de la evaluación", "1 aviso")
		// The single-choice question's right option is the longest: a warning next to its options.
		single := tr.get(base + "/questions/q-single").Body.String()
		options := single[strings.Index(single, "<legend>Opciones</legend>"):]
		options = options[:strings.Index(options, `class="row-edit"`)]
		mustContain(t, "single question's options", options, "Aviso", "la opción correcta es la más larga")

		// GIFT: one question imported, an essay skipped by its line.
		gift := "// de Moodle\n::capital:: ¿Capital de Venezuela? {=Caracas ~Maracaibo ~Valencia}\n\n::ensayo:: Explique el principio de necesidad. {}\n"
		rec = tr.post(base+"/gift", url.Values{"text": {gift}})
		mustStatus(t, "GIFT import", rec, http.StatusOK)
		mustContain(t, "GIFT import", rec.Body.String(), "Se importó 1 pregunta.", "línea 4", "capital")
		rec = tr.post(base+"/questions/order", url.Values{"question": {"capital"}, "op": {"delete"}, "rev": {rev(t, tr.get(base+"/quiz").Body.String())}})
		mustStatus(t, "remove the imported question", rec, http.StatusSeeOther)

		rec = tr.post(base+"/submit", nil)
		mustStatus(t, "submit", rec, http.StatusSeeOther)
		review := tr.get(base + "/review").Body.String()
		mustNotContain(t, "the author's review page", review, "Aprobar y publicar")
		mustContain(t, "the author's review page", review, "debe aprobarlo o devolverlo otra persona")
		mustStatus(t, "the author approves", tr.post(base+"/approve", nil), http.StatusForbidden)

		ad := loggedIn(e, adminUser, adminPass)
		review = ad.get(base + "/review").Body.String()
		mustContain(t, "review", review, "Aprobar y publicar", "Devolver con comentarios", "q-matching", "+ La vida primero.")
		rec = ad.post(base+"/approve", nil)
		mustStatus(t, "approve", rec, http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/courses/uso-basico/1") {
			t.Errorf("approve went to %q", loc)
		}
		mustContain(t, "published course", ad.get(rec.Header().Get("Location")).Body.String(), "Principios y niveles.",
			"Versión 1 aprobada y publicada", "Nuevo borrador desde la versión publicada")
	})
}
