package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
)

// studioQuestion is one question the trainer writes in the studio: its type and the values of
// the editor's form fields.
type studioQuestion struct {
	Type   string
	Fields map[string]string
}

var studioQuiz = []studioQuestion{
	{"single", map[string]string{"id": "principio", "prompt_es": "¿Qué principio exige usar la fuerza mínima necesaria?", "prompt_en": "Which principle requires the least force needed?",
		"correct": "0", "opt0_es": "Proporcionalidad: la fuerza mínima necesaria", "opt0_en": "Proportionality: the least force needed",
		"opt1_es": "Legalidad", "opt1_en": "Legality", "opt2_es": "Rapidez", "opt2_en": "Speed",
		"explanation_es": "La proporcionalidad mide la fuerza.", "explanation_en": "Proportionality measures force."}},
	{"multiple", map[string]string{"id": "principios", "prompt_es": "¿Cuáles son principios del uso de la fuerza?", "prompt_en": "Which are principles of the use of force?",
		"correct0": "1", "opt0_es": "Legalidad", "opt0_en": "Legality", "correct1": "1", "opt1_es": "Necesidad", "opt1_en": "Necessity",
		"opt2_es": "Rapidez", "opt2_en": "Speed", "explanation_es": "Legalidad y necesidad.", "explanation_en": "Legality and necessity."}},
	{"true_false", map[string]string{"id": "ultimo-recurso", "prompt_es": "El arma de fuego es el último recurso.", "prompt_en": "A firearm is the last resort.",
		"answer": "true", "explanation_es": "Solo para proteger la vida.", "explanation_en": "Only to protect life."}},
	{"matching", map[string]string{"id": "niveles", "prompt_es": "Una cada conducta con su respuesta.", "prompt_en": "Match each behaviour with its response.",
		"left0_es": "Cooperador", "left0_en": "Cooperative", "right0_es": "Presencia", "right0_en": "Presence",
		"left1_es": "Agresivo", "left1_en": "Aggressive", "right1_es": "Defensa", "right1_en": "Defence",
		"explanation_es": "La respuesta sigue a la conducta.", "explanation_en": "The response follows the behaviour."}},
	{"ordering", map[string]string{"id": "escala", "prompt_es": "Ordene de menos a más fuerza.", "prompt_en": "Order from least to most force.",
		"item0_es": "Presencia", "item0_en": "Presence", "item1_es": "Verbalización", "item1_en": "Verbal commands",
		"item2_es": "Control físico", "item2_en": "Physical control", "explanation_es": "De menos a más.", "explanation_en": "From least to most."}},
	{"short", map[string]string{"id": "siglas", "prompt_es": "¿Qué siglas tiene el uso progresivo y diferenciado de la fuerza?", "prompt_en": "What is its acronym?",
		"acc0_es": "UPDF", "acc0_en": "UPDF", "explanation_es": "Uso progresivo y diferenciado.", "explanation_en": "Progressive and differentiated use."}},
	{"numeric", map[string]string{"id": "cuantos", "prompt_es": "¿Cuántos principios hay?", "prompt_en": "How many principles are there?",
		"value": "5", "tolerance": "0", "explanation_es": "Cinco principios.", "explanation_en": "Five principles."}},
}

// fillForm sets the fields of the page's form by name, as a person would (radio buttons and
// check boxes by value).
func fillForm(css string, fields map[string]string) chromedp.Action[chromedp.Void] {
	vals, _ := json.Marshal(fields)
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		ok, err := chromedp.Evaluate[bool](fmt.Sprintf(`((vals) => {
  const f = document.querySelector(%q);
  for (const [k, v] of Object.entries(vals)) {
    const els = f.querySelectorAll('[name="' + k + '"]');
    if (els.length === 0) return false;
    els.forEach(e => { if (e.type === 'radio' || e.type === 'checkbox') { e.checked = e.value === v; } else { e.value = v; } });
  }
  return true;
})(%s)`, css, vals))(ctx, tg)
		if err == nil && !ok {
			err = fmt.Errorf("a field of %v is missing from %s", fields, css)
		}
		return err
	})
}

// The acceptance: a trainer writes a course in the center's studio (one lesson with the
// live preview, one question of each type), sees the item-writing warning on a question whose
// right option is the longest, and submits it; an administrator approves it from the review
// diff; the station gets it on its next sync and an officer takes its quiz and passes.
// Screenshots of the editor, the preview, a question and the review go to AULA_SHOTS.
func TestBrowserStudioCourseReachesStation(t *testing.T) {
	b := browsertest.Start(t)
	c, n := enrolled(t)
	admin := adminToken(t, c)
	if code, body := call(t, "POST", c.URL+"/api/v1/staff", admin, `{"username":"formadora","role":"trainer","password":"escribe cursos con cuidado"}`); code != 201 {
		t.Fatalf("trainer account: %d %s", code, body)
	}
	shots := browsertest.ShotsDir()
	centerLogin := func(user, pass string) {
		b.Do(chromedp.Navigate(c.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), pass),
			chromedp.Click(chromedp.CSS("button.primary")), at("/"))
	}
	path := func() string {
		p, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`location.pathname`))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	shot := func(name string) {
		for _, size := range [][2]int64{{1280, 800}, {1024, 768}} {
			b.Do(chromedp.EmulateViewport(size[0], size[1]))
			b.Screenshot(shots, fmt.Sprintf("%s-%d.png", name, size[0]))
		}
	}

	// The trainer starts a new course.
	centerLogin("formadora", "escribe cursos con cuidado")
	b.Do(chromedp.Navigate(c.URL+"/drafts"), chromedp.WaitVisible(chromedp.CSS("#course_id")),
		chromedp.SendKeys(chromedp.CSS("#course_id"), "curso-del-estudio"), chromedp.SendKeys(chromedp.CSS("#title"), "Principios del uso de la fuerza"),
		chromedp.Click(chromedp.CSS(`form[action="/drafts"] button.primary`)),
		waitJS(`/^\/drafts\/[^/]+$/.test(location.pathname) && document.readyState === "complete"`))
	draft := path()

	// The lesson: typed in the editor, the preview follows (studio.js), then saved.
	b.Do(chromedp.Navigate(c.URL+draft+"/lessons/01-introduccion"), chromedp.WaitVisible(chromedp.CSS("#text")))
	lesson := "---\ntitle: Introducción\nminutes: 5\n---\n# Introducción\n\nLa **vida** es lo primero: la fuerza se usa solo cuando es necesaria.\n\n> Nota: este curso complementa la formación obligatoria.\n"
	b.Do(chromedp.SetValue(chromedp.CSS("#text"), lesson),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#text").dispatchEvent(new Event("input"))`),
		waitJS(`document.querySelector("#preview").textContent.includes("la fuerza se usa solo cuando es necesaria")`))
	if strong := b.Text("#preview strong"); strong != "vida" {
		t.Errorf("preview shows %q in bold, want vida", strong)
	}
	shot("studio-lesson-preview")
	b.Do(chromedp.Click(chromedp.CSS(`#lesson-form button.primary`)), waitJS(`location.search.includes("saved=1") && document.readyState === "complete"`))

	// One question of each type, through the editors.
	for _, q := range studioQuiz {
		b.Do(chromedp.Navigate(c.URL+draft+"/quiz"), chromedp.WaitVisible(chromedp.CSS("#type")),
			chromedp.SetValue(chromedp.CSS("#type"), q.Type), chromedp.Click(chromedp.CSS(`form[action$="/questions"] button`)),
			waitJS(`/\/questions\/[^/]+$/.test(location.pathname) && document.readyState === "complete"`),
			fillForm("form.question-form", q.Fields))
		if q.Type == "single" { // the live check warns before saving
			b.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector("form.question-form").dispatchEvent(new Event("input"))`),
				waitJS(`document.querySelector('[data-lint="options"]').textContent.includes("la opción correcta es la más larga")`))
		}
		b.Do(chromedp.Click(chromedp.CSS("form.question-form button.primary")),
			waitJS(`location.search.includes("saved=1") && document.readyState === "complete"`))
	}
	b.Do(chromedp.Navigate(c.URL+draft+"/questions/principio"), chromedp.WaitVisible(chromedp.CSS("form.question-form")))
	if warn := b.Text("fieldset .field-lint"); !strings.Contains(warn, "la opción correcta es la más larga") {
		t.Errorf("warning next to the options: %q", warn)
	}
	shot("studio-question")
	b.Do(chromedp.Navigate(c.URL+draft+"/quiz"), chromedp.WaitVisible(chromedp.CSS("#questions")))
	shot("studio-quiz")
	b.Do(chromedp.Navigate(c.URL+draft), chromedp.WaitVisible(chromedp.CSS("#details")))
	shot("studio-draft")

	// Submitted; the author has no approve button.
	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/submit"] button.primary`)), at(draft+"/review"))
	if txt := b.Text("main"); strings.Contains(txt, "Aprobar y publicar") || !strings.Contains(txt, "debe aprobarlo o devolverlo otra persona") {
		t.Errorf("the author's review page: %q", txt)
	}
	b.Do(chromedp.Click(chromedp.CSS(`header form button`)), at("/login"))

	// Another staff member approves from the diff.
	centerLogin("admin", "una clave larga")
	b.Do(chromedp.Navigate(c.URL+draft+"/review"), chromedp.WaitVisible(chromedp.CSS("section.decide")))
	if diff := b.Text("pre.diff"); !strings.Contains(diff, "+ La vida es lo primero") {
		t.Errorf("lesson diff: %q", diff)
	}
	shot("studio-review")
	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/approve"] button.primary`)), at("/courses/curso-del-estudio/1"))

	// The station syncs; an officer takes the course.
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	node := nodeWeb(t, n)
	b.Do(chromedp.EmulateViewport(1024, 768), chromedp.Navigate(node.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#badge")),
		chromedp.SendKeys(chromedp.CSS("#badge"), "PNB-1"), chromedp.SendKeys(chromedp.CSS("#pin"), "4821"),
		chromedp.Click(chromedp.CSS("form button.primary")), at("/"),
		chromedp.Navigate(node.URL+"/courses/curso-del-estudio/quiz"), chromedp.WaitVisible(chromedp.CSS("form button.primary")),
		chromedp.Click(chromedp.CSS("form button.primary")),
		waitJS(`/^\/attempts\/[^/]+\/q\/1$/.test(location.pathname) && document.readyState === "complete"`))
	attempt := strings.TrimSuffix(path(), "/q/1")
	total := len(studioQuiz) + 1 // and the true/false question a new course starts with
	for i := 1; i <= total; i++ {
		b.Do(chromedp.WaitVisible(chromedp.CSS("form.question")))
		q, err := chromedp.Run(b.Ctx, chromedp.Evaluate[pageQuestion](readQuestion))
		if err != nil {
			t.Fatalf("question %d: %v", i, err)
		}
		b.Do(studioAnswer(t, q)...)
		next := fmt.Sprintf("%s/q/%d", attempt, i+1)
		if i == total {
			next = attempt + "/review"
		}
		b.Do(chromedp.Click(chromedp.CSS(`button[name=go][value=next]`)), at(next))
	}
	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/submit"] button.primary`)), at(attempt+"/result"), chromedp.WaitVisible(chromedp.CSS(".result")))
	if res := b.Text(".result"); !strings.Contains(res, "¡Aprobado!") {
		t.Errorf("result: %q", res)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// studioAnswer answers a question of the studio's course right.
func studioAnswer(t *testing.T, q pageQuestion) []chromedp.Action[chromedp.Void] {
	t.Helper()
	id := func(list []struct{ ID, Text string }, text string) string {
		for _, c := range list {
			if c.Text == text {
				return c.ID
			}
		}
		t.Fatalf("no choice %q in %+v", text, list)
		return ""
	}
	click := func(value string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=a][value=%q]`, value)))
	}
	set := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`select[name=%q]`, name)), value)
	}
	var out []chromedp.Action[chromedp.Void]
	switch q.Kind {
	case "radio":
		out = append(out, click(id(q.Choices, "Proporcionalidad: la fuerza mínima necesaria")))
	case "checkbox":
		out = append(out, click(id(q.Choices, "Legalidad")), click(id(q.Choices, "Necesidad")))
	case "true_false":
		out = append(out, click("true"))
	case "matching":
		match := map[string]string{"Cooperador": "Presencia", "Agresivo": "Defensa"}
		for _, s := range q.Selects {
			out = append(out, set(s.Name, id(q.Right, match[s.Label])))
		}
	case "ordering":
		pos := map[string]string{"Presencia": "1", "Verbalización": "2", "Control físico": "3"}
		for _, s := range q.Selects {
			out = append(out, set(s.Name, pos[s.Label]))
		}
	case "short":
		out = append(out, chromedp.SendKeys(chromedp.CSS("#a"), "UPDF"))
	case "numeric":
		out = append(out, chromedp.SendKeys(chromedp.CSS("#a"), "5"))
	default:
		t.Fatalf("unknown question %+v", q)
	}
	return out
}
