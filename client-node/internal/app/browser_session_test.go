package app

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
)

// Issue 21, item 2 (node): the login page speaks to the officer. A first visit shows no red
// box; wrong PINs say how many tries remain and, once the badge locks, who can unlock it;
// "Salir" says the session is closed; a missing page says so in the officer's language.
func TestBrowserLoginMessages(t *testing.T) {
	b := browsertest.Start(t)
	_, base := officerNode(t, nil)

	b.Do(chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#badge")))
	if has(b, ".error") {
		t.Errorf("first visit to the node shows an error box: %q", b.Text(".error"))
	}
	shoot(t, b, "node-login")

	b.Do(loginAs("PNB-1", "0000"), at("/login"), chromedp.WaitVisible(chromedp.CSS(".error")))
	if msg := b.Text(".error"); !strings.Contains(msg, "Credencial o PIN incorrectos") || !strings.Contains(msg, "Le quedan 4 intentos") {
		t.Errorf("first wrong PIN: %q, want the tries left", msg)
	}
	for range 3 {
		b.Do(loginAs("PNB-1", "0000"), at("/login"), chromedp.WaitVisible(chromedp.CSS(".error")))
	}
	if msg := b.Text(".error"); !strings.Contains(msg, "Le queda 1 intento antes") {
		t.Errorf("fourth wrong PIN: %q, want one try left (singular)", msg)
	}
	b.Do(loginAs("PNB-1", "0000"), at("/login"), chromedp.WaitVisible(chromedp.CSS(".error")))
	if msg := b.Text(".error"); !strings.Contains(msg, "pida a su comandante") {
		t.Errorf("fifth wrong PIN: %q, want who can unlock the badge", msg)
	}
	shoot(t, b, "node-login-locked")
	b.Do(loginAs("PNB-1", "1234"), at("/login"), chromedp.WaitVisible(chromedp.CSS(".error")))
	if msg := b.Text(".error"); !strings.Contains(msg, "bloqueada") || !strings.Contains(msg, "a su comandante") {
		t.Errorf("right PIN on a locked badge: %q, want the lock and who can help", msg)
	}

	b.Do(loginAs("PNB-2", "5678"), at("/"), chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Click(chromedp.CSS("button.exit")), at("/login"), chromedp.WaitVisible(chromedp.CSS("#badge")))
	if has(b, ".error") || !strings.Contains(text(b), "Sesión cerrada") {
		t.Errorf("after Salir: %q, want «Sesión cerrada» and no error", text(b))
	}
	shoot(t, b, "node-login-closed")

	b.Do(chromedp.Navigate(base+"/no-such-page?lang=en"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1 := b.Text("h1"); h1 != "Page not found" {
		t.Errorf("404 in English: %q", h1)
	}
	b.Do(chromedp.Navigate(base+"/login"), loginAs("PNB-2", "5678"), at("/"), chromedp.Navigate(base+"/courses/no-such-course?lang=es"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1, body := b.Text("h1"), text(b); h1 != "Página no encontrada" || strings.Contains(body, "not on this station") {
		t.Errorf("404 of a missing course in Spanish: %q\n%s", h1, body)
	}
	shoot(t, b, "node-404")
	if errs := pageErrors(b); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// Issue 21, item 3: a shared terminal stays private. When the session ends by inactivity the
// page the officer left becomes the login page in the browser too, in Spanish again for the next
// officer; logging in again returns him to the page he was on. Without JavaScript a meta refresh
// does the same.
func TestBrowserIdleSessionLeavesScreen(t *testing.T) {
	b := browsertest.Start(t)
	m, base := officerNode(t, nil)
	m.Web.Idle = 3 * time.Second

	b.Do(chromedp.Navigate(base+"/login?lang=en"), loginAs("PNB-1", "1234"), at("/"),
		chromedp.Navigate(base+"/courses/curso-de-prueba"), at("/courses/curso-de-prueba"))
	if h1 := b.Text("h1"); h1 != "Test course" {
		t.Fatalf("course page in English: %q", h1)
	}
	refresh, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`(document.querySelector('meta[http-equiv=refresh]') || {}).content || ''`))
	if err != nil || !strings.Contains(refresh, "url=/login?expired=1") {
		t.Errorf("no meta refresh to the login page for browsers without JavaScript: %q %v", refresh, err)
	}
	// The browser leaves the page by itself when the session ends (no click, no request).
	b.Do(at("/login"), chromedp.WaitVisible(chromedp.CSS("#badge")))
	body := text(b)
	if strings.Contains(body, "María José") || strings.Contains(body, "Test course") {
		t.Errorf("the officer's page is still on screen after the session ended:\n%s", body)
	}
	if !strings.Contains(body, "Se cerró la sesión por inactividad") || has(b, ".error") {
		t.Errorf("login page after inactivity, want the reason in Spanish (the next officer's language) and no error:\n%s", body)
	}
	shoot(t, b, "node-login-expired")

	m.Web.Idle = 10 * time.Minute
	b.Do(loginAs("PNB-1", "1234"), at("/courses/curso-de-prueba"))
	if h1 := b.Text("h1"); h1 != "Curso de prueba" {
		t.Errorf("after logging in again: %q, want the course page he was on, in Spanish", h1)
	}

	// A page left over from another officer's session does not open for the next one.
	b.Do(chromedp.Click(chromedp.CSS("button.exit")), at("/login"),
		chromedp.Navigate(base+"/login?next=//evil.example/x"), loginAs("PNB-2", "5678"), at("/"))
	if errs := pageErrors(b); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
