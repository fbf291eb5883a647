package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// The officers list of 120 officers searches without caring for accents or case and pages 50 at
// a time, keeping the filters; an administrator gives an officer a new PIN from the officer's
// page, sees it once, and the change is in the officer's audit log. Every page touched is
// captured whole, 1024 and 390 wide (testdata/screens, or $AULA_SHOTS).
func TestBrowserOfficerListsAndActions(t *testing.T) {
	b := browsertest.Start(t)
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir()})
	bg := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaff(bg, "admin", "admin", h); err != nil {
		t.Fatal(err)
	}
	for _, st := range [][2]string{{"SJ-01", "San José Centro"}, {"AL-02", "Alajuela"}} {
		if _, err := m.Store.CreateStation(bg, st[0], st[1], "h-"+st[0], "admin"); err != nil {
			t.Fatal(err)
		}
	}
	pin, _ := auth.HashPIN("482916")
	rows := []store.OfficerRow{{Line: 2, Badge: "PNB-7000", GivenNames: "María José", FamilyNames: "Suárez Núñez", Rank: "Oficial",
		StationCode: "SJ-01", PINHash: pin}}
	for i := 1; i < 120; i++ {
		rows = append(rows, store.OfficerRow{Line: i + 2, Badge: fmt.Sprintf("PNB-%04d", i), GivenNames: "Ana", FamilyNames: fmt.Sprintf("Gómez %03d", i),
			Rank: "Agente", StationCode: "SJ-01", PINHash: pin})
	}
	if _, bad, err := m.Store.ImportOfficers(bg, rows, "admin"); err != nil || len(bad) > 0 {
		t.Fatal(bad, err)
	}
	base, stop := serveCenter(t, m)
	defer stop()
	shots := os.Getenv("AULA_SHOTS")
	if shots == "" {
		shots = "testdata/screens"
	}
	both := func(name string) { // the whole page 1024 wide, then on a 390x844 phone
		t.Helper()
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, w := range []struct {
			suffix string
			w, h   int64
		}{{"-1024.png", 1024, 768}, {"-390.png", 390, 844}} {
			b.Do(chromedp.EmulateViewport(w.w, w.h))
			png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, name+w.suffix), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b.Do(chromedp.EmulateViewport(1024, 768))
	}

	browserLogin(b, base, "admin", "una clave segura")

	// Search typed without accents or capitals.
	b.Do(chromedp.Navigate(base+"/officers"), chromedp.WaitVisible(chromedp.CSS("#q")))
	// The list before the search has a tbody too: mark its page, and read the tbody of the
	// search's page only.
	if _, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`document.body.dataset.before = "1"`)); err != nil {
		t.Fatal(err)
	}
	b.Do(chromedp.SendKeys(chromedp.CSS("#q"), "suarez"), chromedp.Submit(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-before]) tbody")))
	if got := b.Text("tbody"); !strings.Contains(got, "Suárez Núñez") || strings.Contains(got, "Gómez") {
		t.Errorf("search suarez shows %q, want only Suárez Núñez", got)
	}
	both("officers-search")

	// 120 officers of one station: 3 pages; the next link keeps the station filter.
	b.Do(chromedp.Navigate(base+"/officers?station=SJ-01"), chromedp.WaitVisible(chromedp.CSS("tbody")))
	if got := b.Text(".pager"); !strings.Contains(got, "Página 1 de 3") || !strings.Contains(got, "Siguiente") {
		t.Fatalf("pager %q, want Página 1 de 3 · Siguiente", got)
	}
	both("officers")
	b.Do(chromedp.Click(chromedp.CSS(".pager a[rel=next]")), chromedp.WaitVisible(chromedp.CSS(".pager a[rel=prev]")))
	if got := b.Text(".pager"); !strings.Contains(got, "Página 2 de 3") || !strings.Contains(got, "Anterior") {
		t.Errorf("after Siguiente the pager says %q, want Página 2 de 3", got)
	}
	rowsShown, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.querySelectorAll("tbody tr").length`))
	url, _ := chromedp.Run(b.Ctx, chromedp.Location())
	if rowsShown != 50 || !strings.Contains(url, "station=SJ-01") || !strings.Contains(url, "page=2") {
		t.Errorf("page 2 shows %d rows at %s, want 50 with the station filter kept", rowsShown, url)
	}

	// A new PIN, shown once, and the audit entry.
	b.Do(chromedp.Navigate(base+"/officers/PNB-7000"), chromedp.WaitVisible(chromedp.CSS("#actions")))
	both("officer")
	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/pin"] input[name=confirm]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/pin"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#new-pin")))
	newPIN := b.Text("#new-pin")
	if !regexp.MustCompile(`^\d{6}$`).MatchString(newPIN) || auth.WeakPIN(newPIN, "PNB-7000") != "" {
		t.Errorf("new PIN %q: want 6 digits, not weak", newPIN)
	}
	if got := b.Text("main table:last-of-type"); !strings.Contains(got, "PIN nuevo") || !strings.Contains(got, "admin") {
		t.Errorf("audit log %q, want the new PIN by admin", got)
	}
	both("officer-new-pin")
	st, _ := m.Store.FindStation(bg, "SJ-01")
	roster, _ := m.Store.Roster(bg, st.ID)
	for _, r := range roster {
		if ok, err := auth.VerifySecret(r.PINHash, newPIN); r.Badge == "PNB-7000" && !ok {
			t.Errorf("the roster sent to SJ-01 does not take the new PIN (%v)", err)
		}
	}

	for _, p := range []struct{ path, name string }{{"/attempts", "attempts"}, {"/completions", "completions"}, {"/certificates", "certificates"},
		{"/sync/rejects", "rejects"}, {"/staff", "staff"}} {
		b.Do(chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("main form")))
		both(p.name)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
