package app

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/syncer"
	"aula/internal/browsertest"
)

// approvalCourse is the sample course under another id, whose certificates wait for the center's
// approval and whose quiz opens only once every lesson is read.
func approvalCourse(t *testing.T) map[string]string {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile(nodetest.SampleDir() + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	course := strings.NewReplacer("id: curso-de-prueba", "id: curso-aprobacion", "issue: automatic", "issue: approval",
		`title: {es: "Curso de prueba", en: "Test course"}`, `title: {es: "Curso con aprobación", en: "Course with approval"}`).Replace(read("course.yaml"))
	quiz := "require_lessons: true\n" + strings.Replace(read("quiz.yaml"), "time_limit_minutes: 10", "time_limit_minutes: 0", 1)
	return map[string]string{"course.yaml": course, "quiz.yaml": quiz}
}

// Issue 21, item 4: an officer's path through his courses. Lessons count as read when he reaches
// their end; a course may ask for them before its quiz (also through the API); an ordering
// question keeps his choices when a number is used twice; a pass on a course with approval says
// the certificate is pending; an attempt whose time ran out shows as finished with its result and
// the next one says it is new; "Mis certificados" lists his certificates; every page fits a phone.
func TestBrowserOfficerPath(t *testing.T) {
	b := browsertest.Start(t)
	var offset atomic.Int64 // the node's clock runs ahead of the real one by this much
	_, key, _ := ed25519.GenerateKey(nil)
	_, base := officerNode(t, func(m *Main) {
		m.Store.SetClock(func() time.Time { return time.Now().Add(time.Duration(offset.Load())) })
		m.Web.Idle = 2 * time.Hour
		// Enrolled as far as certificates go: the node signs them (provisional until the center confirms).
		m.Web.Sync = &syncer.Node{Store: m.Store, Key: key, NodeID: "nodo-1", Station: "CCS-01 — Caracas Centro",
			Endorsement: []byte(`{}`), EndorsementSig: "firma"}
	}, approvalCourse(t))

	b.Do(chromedp.Navigate(base+"/login"), loginAs("PNB-1", "1234"), at("/"), chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	shoot(t, b, "node-courses")

	// The quiz waits for the lessons, on the page and through the API.
	b.Do(chromedp.Navigate(base+"/courses/curso-aprobacion/quiz"), at("/courses/curso-aprobacion/quiz"))
	if has(b, "form[action$='/quiz'] button") || !strings.Contains(text(b), "lea antes todas las lecciones") {
		t.Errorf("quiz of a course that requires its lessons, none read: a start button or no message:\n%s", text(b))
	}
	shoot(t, b, "node-quiz-lessons-first")
	tok := apiLogin(t, base, "PNB-2", "5678")
	if code, body := call(t, "POST", base+"/api/v1/courses/curso-aprobacion/attempts", tok, ""); code != 409 || !strings.Contains(string(body), "lecciones") {
		t.Errorf("API start before the lessons: %d %s, want 409 with the message", code, body)
	}

	// Opening a lesson is not reading it; the button at its end is.
	b.Do(chromedp.Navigate(base+"/courses/curso-aprobacion/lessons/01-bienvenida"), at("/courses/curso-aprobacion/lessons/01-bienvenida"))
	shoot(t, b, "node-lesson")
	b.Do(chromedp.Navigate(base+"/courses/curso-aprobacion"), at("/courses/curso-aprobacion"))
	if strings.Contains(text(b), "✔") {
		t.Errorf("a lesson only opened shows as read:\n%s", text(b))
	}
	shoot(t, b, "node-course")
	b.Do(chromedp.Navigate(base+"/courses/curso-aprobacion/lessons/01-bienvenida"), at("/courses/curso-aprobacion/lessons/01-bienvenida"),
		chromedp.Click(chromedp.CSS("form.read button")), at("/courses/curso-aprobacion/lessons/02-repaso"),
		chromedp.Click(chromedp.CSS("form.read button")), at("/courses/curso-aprobacion/quiz"),
		chromedp.WaitVisible(chromedp.CSS("form[action$='/quiz'] button")))
	shoot(t, b, "node-quiz")

	// The approval course's quiz: a number used twice keeps the choices; a pass says the
	// certificate waits for approval.
	attempt := startQuiz(t, b)
	for n := 1; n <= 7; n++ {
		b.Do(chromedp.WaitVisible(chromedp.CSS("form.question")))
		q, err := chromedp.Run(b.Ctx, chromedp.Evaluate[pageQuestion](readQuestion))
		if err != nil {
			t.Fatalf("question %d: %v", n, err)
		}
		if q.Kind == "ordering" {
			b.Do(chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`select[name=%q]`, q.Selects[0].Name)), "2"),
				chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`select[name=%q]`, q.Selects[1].Name)), "2"),
				chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`select[name=%q]`, q.Selects[2].Name)), "1"),
				submitPage(`button[name=go][value=next]`), chromedp.WaitVisible(chromedp.CSS("form.question .error")))
			kept, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('form.question select')].map(s => s.value)`))
			if err != nil || len(kept) < 3 || kept[0] != "2" || kept[1] != "2" || kept[2] != "1" {
				t.Errorf("ordering with a number used twice: the choices on screen are %v, want 2, 2, 1 kept", kept)
			}
			shoot(t, b, "node-question-ordering-twice")
		}
		b.Do(answer(t, q)...)
		b.Do(submitPage(`button[name=go][value=next]`))
	}
	b.Do(at(attempt+"/review"), submitPage(`form[action$="/submit"] button.primary`), at(attempt+"/result"))
	if body := text(b); !strings.Contains(body, "Aprobado — certificado pendiente de aprobación") {
		t.Errorf("pass on a course with approval: no word of the certificate:\n%s", body)
	}
	shoot(t, b, "node-result-pending")

	// The sample course: an attempt left until its time ran out shows finished, with its result.
	b.Do(chromedp.Navigate(base+"/courses/curso-de-prueba/quiz"), at("/courses/curso-de-prueba/quiz"))
	first := startQuiz(t, b)
	offset.Store(int64(11 * time.Minute))
	b.Do(chromedp.Navigate(base+"/courses/curso-de-prueba/quiz"), at("/courses/curso-de-prueba/quiz"))
	if body := text(b); !strings.Contains(body, "se acabó el tiempo") || !has(b, fmt.Sprintf(`a[href=%q]`, first+"/result")) {
		t.Errorf("quiz page after the time ran out: no word of the finished attempt and its result:\n%s", body)
	}
	shoot(t, b, "node-quiz-timed-out")
	b.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, first+"/result"))), at(first+"/result"))
	if body := text(b); !strings.Contains(body, "Se acabó el tiempo") || !strings.Contains(body, "Su nota") {
		t.Errorf("result of the timed-out attempt:\n%s", body)
	}
	shoot(t, b, "node-result-timed-out")
	b.Do(chromedp.Navigate(base+"/courses/curso-de-prueba/quiz"), at("/courses/curso-de-prueba/quiz"))
	second := startQuiz(t, b)
	if body := text(b); !strings.Contains(body, "intento nuevo (intento 2 de 2)") {
		t.Errorf("a fresh attempt does not say so:\n%s", body)
	}
	shoot(t, b, "node-question-fresh")
	for n := 1; n <= 7; n++ {
		b.Do(chromedp.WaitVisible(chromedp.CSS("form.question")))
		q, err := chromedp.Run(b.Ctx, chromedp.Evaluate[pageQuestion](readQuestion))
		if err != nil {
			t.Fatalf("question %d: %v", n, err)
		}
		b.Do(answer(t, q)...)
		b.Do(submitPage(`button[name=go][value=next]`))
	}
	b.Do(at(second+"/review"), submitPage(`form[action$="/submit"] button.primary`), at(second+"/result"))
	shoot(t, b, "node-result-certificate")
	code := b.Text(".card strong")

	// Mis certificados: code, course, date, level, PDF.
	b.Do(chromedp.Click(chromedp.CSS(`header a[href="/certificates"]`)), at("/certificates"))
	body := text(b)
	for _, want := range []string{"Mis certificados", "Curso de prueba", "Provisional", "Descargar el certificado (PDF)", time.Now().Format("02/01/2006")} {
		if !strings.Contains(body, want) {
			t.Errorf("Mis certificados lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(code, b.Text("code")) {
		t.Errorf("the certificate's code on the list %q is not the one on the result %q", b.Text("code"), code)
	}
	shoot(t, b, "node-certificates")
	if errs := pageErrors(b); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// startQuiz presses the quiz page's start button and returns the attempt's path.
func startQuiz(t *testing.T, b *browsertest.Browser) string {
	t.Helper()
	b.Do(submitPage("form[action$='/quiz'] button.primary"),
		waitJS(`/^\/attempts\/[^/]+\/q\/1$/.test(location.pathname) && document.readyState === "complete"`))
	loc, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(loc, "/q/1")
}

// submitPage clicks a button that sends a form and waits for the page that answers.
func submitPage(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return chromedp.Do(ctx, waitJS(`window.aulaOld = true`), chromedp.Click(chromedp.CSS(css)),
			waitJS(`!window.aulaOld && document.readyState === "complete"`))
	})
}

// apiLogin opens an API session on the node.
func apiLogin(t *testing.T, base, badge, pin string) string {
	t.Helper()
	code, body := call(t, "POST", base+"/api/v1/session", "", fmt.Sprintf(`{"badge":%q,"pin":%q}`, badge, pin))
	var out struct{ Token string }
	if err := json.Unmarshal(body, &out); err != nil || code != 200 {
		t.Fatalf("API login: %d %s", code, body)
	}
	return out.Token
}
