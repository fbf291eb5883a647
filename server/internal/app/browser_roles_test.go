package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/internal/pgtest"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// In a real browser: a coordinator of CPNB sees his agency's dashboard and manages his officer
// (the actions are on the page, moving only between his stations); the auditor sees the same
// officer page with its change log and no form; a trainer's dashboard has totals and no way into
// officers' records. Screenshots in $AULA_SHOTS (or testdata/screens).
func TestBrowserRolePages(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		b := browsertest.Start(t)
		m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir(), DB: pgtest.URL(t)})
		bg := context.Background()
		h, _ := auth.HashSecret("una clave segura")
		for _, a := range [][2]string{{"CPNB", "Cuerpo de Policía Nacional Bolivariana"}, {"PEZ", "Policía del estado Zulia"}} {
			if _, err := m.Store.CreateAgency(bg, a[0], a[1], "admin"); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range [][4]string{{"CCS-01", "Caracas Centro", "CPNB", "Distrito Capital"}, {"CCS-02", "Caracas Sur", "CPNB", "Distrito Capital"},
			{"MCB-01", "Maracaibo Norte", "PEZ", "Zulia"}} {
			if _, err := m.Store.CreateStationIn(bg, store.NewStation{Code: st[0], Name: st[1], Agency: st[2], State: st[3]}, "h-"+st[0], "admin"); err != nil {
				t.Fatal(err)
			}
		}
		for _, u := range [][3]string{{"coord", store.RoleCoordinator, "CPNB"}, {"auditora", store.RoleAuditor, ""}, {"formador", store.RoleTrainer, ""}} {
			if _, err := m.Store.CreateStaffIn(bg, u[0], u[1], u[2], h); err != nil {
				t.Fatal(err)
			}
		}
		pin, _ := auth.HashPIN("482916")
		rows := []store.OfficerRow{
			{Line: 2, Badge: "PNB-1001", GivenNames: "María José", FamilyNames: "Pérez Rojas", Rank: "Oficial", StationCode: "CCS-01", PINHash: pin},
			{Line: 3, Badge: "PNB-1002", GivenNames: "Luis", FamilyNames: "Ávila", Rank: "Oficial", StationCode: "CCS-02", PINHash: pin},
			{Line: 4, Badge: "PEZ-2001", GivenNames: "Ana", FamilyNames: "Núñez", Rank: "Inspectora", StationCode: "MCB-01", PINHash: pin},
		}
		if _, bad, err := m.Store.ImportOfficers(bg, rows, "admin"); err != nil || len(bad) > 0 {
			t.Fatal(bad, err)
		}
		base, stop := serveCenter(t, m)
		defer stop()
		shots := shotsFor(t)
		first := true
		login := func(user string) {
			t.Helper()
			if !first { // log the previous user out
				b.Do(chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS("#username")))
			}
			first = false
			browserLogin(b, base, user, "una clave segura")
		}

		login("coord")
		if got := strings.Join(strings.Fields(b.Text(".totals")), " "); !strings.Contains(got, "2 funcionarios 2 estaciones") {
			t.Errorf("coordinator's totals %q, want his agency's 2 officers in 2 stations", got)
		}
		b.Screenshot(shots, "coordinator-dashboard.png")
		b.Do(chromedp.Navigate(base+"/officers"), chromedp.WaitVisible(chromedp.CSS("tbody")))
		if got := b.Text("tbody"); strings.Contains(got, "PEZ-2001") || !strings.Contains(got, "PNB-1002") {
			t.Errorf("coordinator's officers %q, want CPNB's only", got)
		}
		b.Do(chromedp.Navigate(base+"/officers/PNB-1001"), chromedp.WaitVisible(chromedp.CSS("#actions")))
		if got := b.Text("#move-station"); strings.Contains(got, "MCB-01") || !strings.Contains(got, "CCS-02") {
			t.Errorf("coordinator may move to %q, want his agency's other station only", got)
		}
		b.Do(chromedp.Click(chromedp.CSS(`form[action$="/move"] button`)), chromedp.WaitVisible(chromedp.CSS("p.ok")))
		if o, _ := m.Store.FindOfficer(bg, "PNB-1001"); o.StationCode != "CCS-02" {
			t.Errorf("after the move the officer is at %s", o.StationCode)
		}
		b.Screenshot(shots, "coordinator-officer-moved.png")

		login("auditora")
		b.Do(chromedp.Navigate(base+"/officers/PNB-1001"), chromedp.WaitVisible(chromedp.CSS("h1")))
		forms, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.querySelectorAll("main form[method=post]").length`))
		if forms != 0 || !strings.Contains(b.Text("main"), "coord") {
			t.Errorf("auditor's officer page: %d forms, want none, and the change log naming the coordinator's move", forms)
		}
		b.Screenshot(shots, "auditor-officer.png")

		login("formador")
		links, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.querySelectorAll("a[href^='/officers'], a[href^='/attempts'], a[href^='/certificates']").length`))
		if links != 0 {
			t.Errorf("trainer's dashboard links to officers' records %d times", links)
		}
		b.Screenshot(shots, "trainer-dashboard.png")
		if errs := b.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("console errors: %v", errs)
		}
	})
}

// shotsFor is where a browser test run under pgtest.Dialects saves its screenshots: the shots
// folder for the SQLite run, its postgres/ subfolder for the PostgreSQL run (the same pages).
func shotsFor(t *testing.T) string {
	if pgtest.Postgres(t) {
		return filepath.Join(browsertest.ShotsDir(), "postgres")
	}
	return browsertest.ShotsDir()
}
