package app

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/internal/e2e"
)

// In the browser, with the center stopped: an officer signs in to a workshop with his badge and
// PIN on "Registrar mi asistencia" (no session), signing in again is harmless, and the commander
// adds a guest and closes the list, after which the form is gone. Screenshots under $AULA_SHOTS.
func TestBrowserWorkshopSignInAndClose(t *testing.T) {
	b := browsertest.Start(t)
	c, n := enrolled(t)
	server, _ := e2e.Binaries(t)
	e2e.Must(t, "", server, "station", "commander", "--data", c.Data, "--code", "CCS-01", "--badge", "PNB-1")
	admin := adminToken(t, c)
	code, body := call(t, "POST", c.URL+"/api/v1/workshops", admin, `{"title":{"es":"Gestión policial basada en evidencia","en":"Evidence-based policing"},
		"area":"police-management","hours":4,"station":"CCS-01","date":"`+time.Now().Format(time.DateOnly)+`","trainer":"Inés Bolívar"}`)
	if code != 201 {
		t.Fatalf("schedule: %d %s", code, body)
	}
	var w struct{ ID string }
	json.Unmarshal(body, &w)
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.Stop()
	ts := nodeWeb(t, n)

	form := "form[action='/workshops/" + w.ID + "/attend']"
	signIn := func(badge, pin string) {
		b.Do(chromedp.Navigate(ts.URL+"/workshops"), at("/workshops"),
			chromedp.SendKeys(chromedp.CSS(form+" input[name=badge]"), badge),
			chromedp.SendKeys(chromedp.CSS(form+" input[name=pin]"), pin),
			waitJS(`(window.aulaOld = true)`),
			chromedp.Click(chromedp.CSS(form+" button")),
			waitJS(`!window.aulaOld && document.readyState === "complete"`))
	}
	signIn("PNB-2", "7395")
	if got := text(b); !strings.Contains(got, "su asistencia quedó registrada") || !strings.Contains(got, "Registrados: 1 funcionarios") {
		t.Errorf("after signing in:\n%s", got)
	}
	shoot(t, b, "ws-node-attend")
	signIn("PNB-2", "7395")
	if got := text(b); !strings.Contains(got, "ya estaba registrada") {
		t.Errorf("signing in again:\n%s", got)
	}
	signIn("PNB-2", "0000")
	if got := text(b); !strings.Contains(got, "Registrados: 1 funcionarios") || !has(b, ".error") {
		t.Errorf("a wrong PIN:\n%s", got)
	}

	b.Do(chromedp.Navigate(ts.URL+"/login"), at("/login"), loginAs("PNB-1", "4821"))
	b.Do(chromedp.Navigate(ts.URL+"/workshops/"+w.ID), at("/workshops/"+w.ID),
		chromedp.SendKeys(chromedp.CSS("#g-name"), "Carmen Sofía Ortega"),
		chromedp.SendKeys(chromedp.CSS("#g-doc"), "V-12345678"),
		chromedp.SendKeys(chromedp.CSS("#g-inst"), "Ministerio Público"),
		waitJS(`(window.aulaOld = true)`),
		chromedp.Click(chromedp.CSS("form[action$='/guests'] button")),
		waitJS(`!window.aulaOld && document.readyState === "complete"`))
	if got := text(b); !strings.Contains(got, "Carmen Sofía Ortega") || !strings.Contains(got, "Lista de asistencia (2)") {
		t.Errorf("the commander's list after adding a guest:\n%s", got)
	}
	shoot(t, b, "ws-node-commander")
	b.Do(waitJS(`(window.aulaOld = true)`), chromedp.Click(chromedp.CSS("form[action$='/close'] button")),
		waitJS(`!window.aulaOld && document.readyState === "complete"`))
	if got := text(b); !strings.Contains(got, "se enviará al centro") || has(b, "form[action$='/guests']") {
		t.Errorf("after closing:\n%s", got)
	}
	shoot(t, b, "ws-node-closed")
	b.Do(chromedp.Navigate(ts.URL+"/workshops"), at("/workshops"))
	if has(b, form) {
		t.Error("the sign-in form is still there after the close")
	}
	if errs := pageErrors(b); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
