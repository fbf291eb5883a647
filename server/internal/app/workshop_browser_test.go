package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/sync/auth"
)

// TestBrowserWorkshopPages: a trainer schedules a workshop with the "Nuevo taller" form, enters a
// paper roster (an officer of another station among them), a guest arrives from the station,
// the list flags the other station's officer, the approval asks for the confirm box and then
// shows each participant's verify code; the officer's page shows the hours in "Formación".
// AULA_SHOTS=DIR keeps the screenshots.
func TestBrowserWorkshopPages(t *testing.T) {
	b := browsertest.Start(t)
	base, data := runCenter(t, seedWorkshopPages)
	shots := screenshots(t)
	shoot := func(name string) {
		b.Do(chromedp.EmulateViewport(1024, 768))
		b.Screenshot(shots, name+".png")
	}

	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "instructora"),
		chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(`header nav a[href="/compliance"]`)))

	// "Talleres" is a page of the "Programa" section: its link is in the section's sub-navigation.
	b.Do(chromedp.Click(chromedp.CSS(`header nav a[href="/compliance"]`)), chromedp.WaitVisible(chromedp.CSS(`nav.subnav a[href="/workshops"]`)),
		chromedp.Click(chromedp.CSS(`nav.subnav a[href="/workshops"]`)), chromedp.WaitVisible(chromedp.CSS(`a[href="/workshops/new"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/workshops/new"]`)), chromedp.WaitVisible(chromedp.CSS("#w-title-es")),
		chromedp.SendKeys(chromedp.CSS("#w-title-es"), "Taller de gestión policial"),
		chromedp.SendKeys(chromedp.CSS("#w-title-en"), "Police management workshop"),
		chromedp.SetValue(chromedp.CSS("#w-area"), "police-management"),
		chromedp.SendKeys(chromedp.CSS("#w-hours"), "4,5"),
		chromedp.SetValue(chromedp.CSS("#w-station"), "CCS-01"),
		chromedp.SetValue(chromedp.CSS("#w-date"), "2026-11-20"))
	shoot("workshop-new")
	b.Do(chromedp.Click(chromedp.CSS("form button.primary")), chromedp.WaitVisible(chromedp.CSS("p[role=status]")))
	if msg := b.Text("p[role=status]"); !strings.Contains(msg, "Taller programado") {
		t.Errorf("after scheduling: %q", msg)
	}
	path, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}

	roster := filepath.Join(t.TempDir(), "planilla.csv")
	if err := os.WriteFile(roster, []byte("badge\nPNB-1001\nPNB-1002\nPNB-2001\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Do(chromedp.SetUploadFiles(chromedp.CSS("#roster"), []string{roster}),
		chromedp.Click(chromedp.CSS(`form[action$="/roster"] button`)), chromedp.WaitVisible(`//p[@role="status"][contains(., "Planilla cargada")]`))
	db, err := sql.Open("sqlite", filepath.Join(data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO workshop_guests (id, workshop_id, name, document, institution, source, added_by, added_at, received_at)
		VALUES ('G1', ?, 'Carmen Ávila Peña', 'V-12345678', 'Ministerio Público', 'N1', 'PNB-1002', '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z')`,
		strings.TrimPrefix(path, "/workshops/")); err != nil {
		t.Fatal(err)
	}
	b.Do(chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("table")))
	list := b.Text("table")
	for _, want := range []string{"María José Pérez Rojas", "Jesús Ñáñez", "de otra estación", "Carmen Ávila Peña", "Ministerio Público"} {
		if !strings.Contains(list, want) {
			t.Errorf("the attendance list lacks %q: %q", want, list)
		}
	}
	shoot("workshop-attendance")

	b.Do(chromedp.Click(chromedp.CSS(`form[action$="/approve"] input[name=confirm]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)), chromedp.WaitVisible(`//p[@role="status"][contains(., "Taller aprobado")]`))
	if msg := b.Text("p[role=status]"); !strings.Contains(msg, "Taller aprobado") {
		t.Errorf("after approving: %q", msg)
	}
	shoot("workshop-approved")

	b.Do(chromedp.Navigate(base+"/workshops"), chromedp.WaitVisible(chromedp.CSS("#report")))
	shoot("workshops-list")

	// The officer's training, read by the administrator (a trainer does not open officers' pages).
	b.Do(chromedp.Click(chromedp.CSS(`header form button`)), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS("nav")),
		chromedp.Navigate(base+"/officers/PNB-1001#training"), chromedp.WaitVisible(chromedp.CSS("#training")))
	if sec := b.Text("main"); !strings.Contains(sec, "Taller de gestión policial") || !strings.Contains(sec, "Constancia (PDF)") || !strings.Contains(sec, "4,5") {
		t.Errorf("the officer's training section: %q", sec)
	}
	shoot("officer-training")
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// runCenter starts a center with the starter courses published and seed's data, serving on a
// free port until the test ends; it returns its URL and data directory.
func runCenter(t *testing.T, seed func(*testing.T, *Main, string)) (base, data string) {
	t.Helper()
	data = t.TempDir()
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: data})
	if err := m.PublishStarterCourses(); err != nil {
		t.Fatal(err)
	}
	seed(t, m, data)
	base, stop := serveCenter(t, m)
	t.Cleanup(stop)
	return base, data
}

// seedWorkshopPages: an administrator and a trainer, two forces with a station each, officers
// with accented names (two at CCS-01, one at MCB-02), and a course certificate a year old.
func seedWorkshopPages(t *testing.T, m *Main, data string) {
	t.Helper()
	ctx := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	for _, u := range [][2]string{{"admin", "admin"}, {"instructora", "trainer"}} {
		if _, err := m.Store.CreateStaff(ctx, u[0], u[1], h); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range [][4]string{{"CCS-01", "Caracas Centro", "CPNB", "Distrito Capital"}, {"MCB-02", "Maracaibo Norte", "PEZ", "Zulia"}} {
		if _, err := m.Store.CreateStation(ctx, st[0], st[1], auth.HashToken("x"+st[0]), "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Store.CreateAgency(ctx, st[2], "Cuerpo "+st[2], "admin"); err != nil {
			t.Fatal(err)
		}
		if err := m.Store.SetStationOrg(ctx, st[0], st[2], st[3], "admin"); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	for i, o := range [][4]string{{"PNB-1001", "María José", "Pérez Rojas", "1"}, {"PNB-1002", "Jesús", "Ñáñez", "1"}, {"PNB-2001", "Luisa", "Urdaneta", "2"}} {
		if _, err := db.Exec(`INSERT INTO officers (badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
			VALUES (?, ?, ?, 'Oficial', ?, 'x', ?, ?)`, o[0], o[1], o[2], o[3], now, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO officer_postings (officer_id, station_id, since) VALUES (?, ?, ?)`, i+1, o[3], now); err != nil {
			t.Fatal(err)
		}
	}
}
