package app

import (
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// A trainer reads the attempts list in Spanish: the score 70.4 is "70,4 %" and the time it
// arrived is dd/mm/aaaa hh:mm in Caracas time, never an ISO or UTC time stamp; in English
// "70.4%" and "1 Dec 2026 14:05". Screenshots at 1024×768 and 390×844.
func TestBrowserAttemptsReadRight(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: dir, NoStarterCourses: true})
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaff(context.Background(), "admin", "admin", h); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateStation(context.Background(), "CCS-01", "Caracas Centro", auth.HashToken(auth.RandomToken(24)), "test"); err != nil {
		t.Fatal(err)
	}
	pin, _ := auth.HashSecret("4821")
	if _, _, err := m.Store.ImportOfficers(context.Background(), []store.OfficerRow{{Line: 2, Badge: "PNB-1", GivenNames: "María José", FamilyNames: "Pérez Rojas",
		Rank: "Oficial", StationCode: "CCS-01", PINHash: pin}}, "test"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "aula-server.db")+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 12, 1, 18, 5, 0, 0, time.UTC).Format(time.RFC3339) // 14:05 in Caracas
	if _, err := db.Exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at)
		SELECT '0193a8e0-0000-7000-8000-0000000000aa', o.id, o.station_id, 'uso-de-la-fuerza', 1, 70.4, 1, ?, ? FROM officers o`, at, at); err != nil {
		t.Fatal(err)
	}
	base, stop := serveCenter(t, m)
	defer stop()

	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS(".totals")),
		chromedp.Navigate(base+"/attempts"), chromedp.WaitVisible(chromedp.CSS("table tbody")))
	row := b.Text("table tbody tr")
	for _, want := range []string{"70,4 %", "01/12/2026 14:05"} {
		if !strings.Contains(row, want) {
			t.Errorf("attempts row lacks %q: %s", want, row)
		}
	}
	if bad := regexp.MustCompile(`\d{4}-\d{2}-\d{2}|70\.4`).FindString(row); bad != "" {
		t.Errorf("attempts row shows %q: %s", bad, row)
	}
	b.Screenshot(browsertest.ShotsDir(), "center-attempts-1024.png")
	b.Do(chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("table tbody")))
	b.Screenshot(browsertest.ShotsDir(), "center-attempts-390.png")
	b.Do(chromedp.EmulateViewport(1024, 768), chromedp.Navigate(base+"/attempts?lang=en"), chromedp.WaitVisible(chromedp.CSS("table tbody")))
	if row := b.Text("table tbody tr"); !strings.Contains(row, "70.4%") || !strings.Contains(row, "1 Dec 2026 14:05") {
		t.Errorf("English attempts row: %s", row)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
