package app

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/store"
	"aula/internal/browsertest"
	"aula/sync/auth"
)

// prepareData leaves in dir what sync would: the sample course installed and the test roster.
func prepareData(t *testing.T, dir string) {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, key, _ := ed25519.GenerateKey(nil)
	nodetest.Install(t, st, os.DirFS(nodetest.SampleDir()), key)
	var roster []store.Officer
	for _, o := range nodetest.Officers {
		h, err := auth.HashSecret(o.PIN)
		if err != nil {
			t.Fatal(err)
		}
		roster = append(roster, store.Officer{Badge: o.Badge, GivenNames: o.Given, FamilyNames: o.Family, Rank: "Oficial", PINHash: h})
	}
	if err := st.ReplaceRoster(context.Background(), roster); err != nil {
		t.Fatal(err)
	}
}

// pageQuestion is what the script below reads from a question page.
type pageQuestion struct {
	Kind    string // radio, checkbox, true_false, matching, ordering, short, numeric
	Choices []struct{ ID, Text string }
	Selects []struct{ Name, Label string }
	Right   []struct{ ID, Text string }
}

const readQuestion = `(() => {
  const f = document.querySelector('form.question');
  const q = {Kind: '', Choices: [], Selects: [], Right: []};
  f.querySelectorAll('input[name=a][type=radio], input[name=a][type=checkbox]').forEach(i => {
    q.Kind = i.type;
    q.Choices.push({ID: i.value, Text: i.parentElement.textContent.trim()});
  });
  if (q.Kind === 'radio' && q.Choices.length === 2 && q.Choices[0].ID === 'true') q.Kind = 'true_false';
  f.querySelectorAll('select').forEach(s => {
    q.Kind = s.name.startsWith('m_') ? 'matching' : 'ordering';
    q.Selects.push({Name: s.name, Label: f.querySelector('label[for="' + s.id + '"]').textContent.trim()});
  });
  const first = f.querySelector('select[name^=m_]');
  if (first) first.querySelectorAll('option').forEach(o => { if (o.value) q.Right.push({ID: o.value, Text: o.textContent.trim()}); });
  const a = f.querySelector('input#a');
  if (a) q.Kind = a.inputMode === 'decimal' ? 'numeric' : 'short';
  return q;
})()`

// An officer on a station PC: logs in, opens the course list, reads a lesson, takes the sample
// quiz answering its seven question types through the form controls, passes and sees the result,
// with no console error (a CSP violation or a missing asset would be one). Screenshots of the
// course list, a question and the result go to testdata/screens/ for a person to look at.
func TestBrowserOfficerTakesQuiz(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	dir := t.TempDir()
	prepareData(t, dir)
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	defer func() { cancel(); <-done }()
	base := "http://" + m.Addr()
	shots := "testdata/screens"
	at := func(path string) chromedp.Action[chromedp.Void] { // wait for a page to be loaded
		return waitJS(fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, path))
	}

	// Start at /login: "/" answers 401 (with the same form) to a browser without a session.
	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#badge")))
	if h1 := b.Text("h1"); h1 != "Ingreso de funcionarios" {
		t.Errorf("login heading %q, want Spanish", h1)
	}
	b.Do(
		chromedp.SendKeys(chromedp.CSS("#badge"), "pnb-1"),
		chromedp.SendKeys(chromedp.CSS("#pin"), "1234"),
		chromedp.Click(chromedp.CSS("form button.primary")),
		at("/"), chromedp.WaitVisible(chromedp.CSS("ul.cards")),
	)
	if h1, who := b.Text("h1"), b.Text(".who"); h1 != "Mis cursos" || !strings.Contains(who, "María José Pérez Rojas") {
		t.Errorf("course list: heading %q, officer %q", h1, who)
	}
	if card := b.Text("ul.cards li"); !strings.Contains(card, "Curso de prueba") || !strings.Contains(card, "Sin empezar") {
		t.Errorf("course card %q", card)
	}
	b.Screenshot(shots, "node-courses.png")

	b.Do(chromedp.Click(chromedp.CSS(`ul.cards h2 a`)), at("/courses/curso-de-prueba"),
		chromedp.Click(chromedp.CSS(`a[href="/courses/curso-de-prueba/lessons/01-bienvenida"]`)),
		at("/courses/curso-de-prueba/lessons/01-bienvenida"), chromedp.WaitVisible(chromedp.CSS("article.lesson img")))
	if h1 := b.Text("article h1"); h1 != "Bienvenida" {
		t.Errorf("lesson heading %q", h1)
	}
	loaded, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector("article.lesson img"); return i.complete && i.naturalWidth > 0; })()`))
	if err != nil || !loaded {
		t.Errorf("the lesson's image did not load: %v", err)
	}

	b.Do(chromedp.Navigate(base+"/courses/curso-de-prueba/quiz"), chromedp.WaitVisible(chromedp.CSS("form button.primary")),
		chromedp.Click(chromedp.CSS("form button.primary")),
		waitJS(`/^\/attempts\/[^/]+\/q\/1$/.test(location.pathname) && document.readyState === "complete"`))
	loc, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	attempt := strings.TrimSuffix(loc, "/q/1")

	seen := map[string]bool{}
	for n := 1; n <= 7; n++ {
		b.Do(chromedp.WaitVisible(chromedp.CSS("form.question")))
		q, err := chromedp.Run(b.Ctx, chromedp.Evaluate[pageQuestion](readQuestion))
		if err != nil {
			t.Fatalf("question %d: %v", n, err)
		}
		seen[q.Kind] = true
		b.Do(answer(t, q)...)
		if q.Kind == "matching" {
			b.Screenshot(shots, "node-question.png")
		}
		next := fmt.Sprintf("%s/q/%d", attempt, n+1)
		if n == 7 {
			next = attempt + "/review"
		}
		b.Do(chromedp.Click(chromedp.CSS(`button[name=go][value=next]`)), at(next))
	}
	if len(seen) != 7 {
		t.Errorf("question kinds seen: %v, want all 7", seen)
	}
	if txt := b.Text("main"); !strings.Contains(txt, "7 de 7 respondidas") {
		t.Errorf("review page: %q", txt)
	}
	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/submit"] button.primary`)), at(attempt+"/result"),
		chromedp.WaitVisible(chromedp.CSS(".result")))
	if res := b.Text(".result"); !strings.Contains(res, "¡Aprobado!") || !strings.Contains(res, "Su nota: 100 %") {
		t.Errorf("result: %q", res)
	}
	b.Screenshot(shots, "node-result.png")
	a, err := m.Store.FindAttempt(context.Background(), strings.TrimPrefix(attempt, "/attempts/"))
	if err != nil || a.Score != 100 || !a.Passed {
		t.Errorf("stored attempt: %+v, %v", a, err)
	}

	b.Do(chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	if card := b.Text("ul.cards li"); !strings.Contains(card, "Aprobado") {
		t.Errorf("course card after passing: %q", card)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// waitJS waits until a JavaScript expression is true. It evaluates it again and again, as a
// page that is navigating away has no context to evaluate in for a moment.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		deadline := time.Now().Add(20 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, tg)
			if err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("waiting for %s: %v", expr, err)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// answer returns the clicks, selections and typing that answer a sample question right.
func answer(t *testing.T, q pageQuestion) []chromedp.Action[chromedp.Void] {
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
	switch q.Kind {
	case "radio":
		return []chromedp.Action[chromedp.Void]{click(id(q.Choices, "Caracas"))}
	case "checkbox":
		return []chromedp.Action[chromedp.Void]{click(id(q.Choices, "dos")), click(id(q.Choices, "cuatro"))}
	case "true_false":
		return []chromedp.Action[chromedp.Void]{click("true")}
	case "matching":
		names := map[string]string{"1": "uno", "2": "dos", "3": "tres"}
		var out []chromedp.Action[chromedp.Void]
		for _, s := range q.Selects {
			out = append(out, set(s.Name, id(q.Right, names[s.Label])))
		}
		return out
	case "ordering":
		pos := map[string]string{"uno": "1", "dos": "2", "tres": "3", "cuatro": "4"}
		var out []chromedp.Action[chromedp.Void]
		for _, s := range q.Selects {
			out = append(out, set(s.Name, pos[s.Label]))
		}
		return out
	case "short":
		return []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#a"), "24 horas")}
	case "numeric":
		return []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#a"), "48,0")}
	}
	t.Fatalf("unknown question %+v", q)
	return nil
}
