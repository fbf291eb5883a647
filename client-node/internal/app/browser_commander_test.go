package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"aula/client-node/internal/store"
	"aula/courses/compliance"
	"aula/internal/browsertest"
	"aula/internal/e2e"
	"aula/sync/auth"
	"aula/sync/protocol"
)

// A station commander at a node whose center is down: a real center makes PNB-1 commander and
// requires the sample course of everyone by yesterday; PNB-1 passes it on the node, the node
// syncs, the center stops. PNB-1 logs in with badge and PIN in Chromium, follows the link that
// only commanders see, and finds PNB-2 overdue and himself compliant, as of the last sync; the
// page prints on A4.
func TestBrowserCommanderPageCenterStopped(t *testing.T) {
	b := browsertest.Start(t)
	c, n := enrolled(t)
	tok := adminToken(t, c)
	e2e.Must(t, "", c.Bin, "station", "commander", "--data", c.Data, "--code", "CCS-01", "--badge", "PNB-1")
	yesterday := compliance.Day(time.Now(), caracas(t)).AddDate(0, 0, -1).Format(time.DateOnly)
	if code, body := call(t, "POST", c.URL+"/api/v1/requirements", tok, `{"course_id":"curso-de-prueba","due_date":"`+yesterday+`"}`); code != 201 {
		t.Fatalf("requirement: %d %s", code, body)
	}
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := nodeWeb(t, n)
	if out := passQuiz(t, n, ts.URL, "curso-de-prueba"); out["passed"] != true {
		t.Fatalf("PNB-1 did not pass: %v", out)
	}
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.Stop()
	if err := n.Round(context.Background()); err == nil {
		t.Fatal("the center still answers")
	}

	b.Do(chromedp.Navigate(ts.URL+"/login"), loginAs("pnb-1", "4821"), at("/"),
		chromedp.Click(chromedp.CSS(`a[href="/station"]`)), at("/station"))
	rows := b.Text("table.standings tbody")
	if !regexp.MustCompile(`PNB-1[^\n]*Pérez Rojas[^\n]*Al día`).MatchString(rows) ||
		!regexp.MustCompile(`PNB-2[^\n]*Núñez[^\n]*Vencido`).MatchString(rows) {
		t.Errorf("commander table:\n%s", rows)
	}
	if asOf := b.Text("p.asof"); !strings.HasPrefix(asOf, "Datos al ") || !strings.HasSuffix(asOf, "(última sincronización)") {
		t.Errorf("as of: %q", asOf)
	}
	b.Screenshot(browsertest.ShotsDir(), "node-commander-center-stopped.png")
	if legend := b.Text("ul.legend"); !strings.Contains(legend, "Vencido: 1") || !strings.Contains(legend, "Al día: 1") {
		t.Errorf("legend: %q", legend)
	}
	b.Do(chromedp.SetValue(chromedp.CSS(`select[name=status]`), "overdue"), chromedp.Click(chromedp.CSS("form.filters button")),
		waitJS(`location.search.includes("status=overdue") && document.readyState === "complete"`))
	if rows := b.Text("table.standings tbody"); strings.Contains(rows, "PNB-1") || !strings.Contains(rows, "PNB-2") {
		t.Errorf("overdue only:\n%s", rows)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// The commander's page prints one A4 page per 40 officers: 81 officers on 3 pages, 40 on 1.
// Screenshots of the page and its PDF go to the shots folder.
func TestBrowserCommanderPagePrints(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	prepareData(t, dir)
	stationOf(t, dir, 81)
	base := runNode(t, dir)
	b.Do(chromedp.Navigate(base+"/login"), loginAs("pnb-1", "1234"), at("/"))
	shots := browsertest.ShotsDir()
	b.Screenshot(shots, "node-courses-required.png")
	for officers, want := range map[int]int{81: 3, 40: 1} {
		b.Do(chromedp.Navigate(fmt.Sprintf("%s/station?q=%s", base, map[int]string{81: "", 40: "grupo-a"}[officers])), at("/station"))
		if officers == 81 {
			b.Screenshot(shots, "node-commander.png")
		}
		pdf, err := chromedp.Run(b.Ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
			func(p *cdppage.PrintToPDFParams) { yes := true; p.PreferCSSPageSize = &yes }))
		if err != nil {
			t.Fatal(err)
		}
		if officers == 81 {
			if err := os.WriteFile(filepath.Join(shots, "node-commander.pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := pdfPages(pdf); got != want {
			t.Errorf("%d officers printed on %d pages, want %d", officers, got, want)
		}
	}
}

// pdfPages counts the pages of a PDF Chromium printed (its page tree's /Count).
func pdfPages(pdf []byte) int {
	m := regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`).FindSubmatch(pdf)
	if m == nil {
		return -1
	}
	s := string(m[1]) + string(m[2])
	n, _ := strconv.Atoi(s)
	return n
}

// stationOf gives the test station n officers (PNB-1, the commander, among them; 39 more of
// them in "grupo-a" by their badge), a requirement of the sample course by a past day and the
// use of force of sergeants.
func stationOf(t *testing.T, dir string, n int) {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := auth.HashSecret("1234")
	if err != nil {
		t.Fatal(err)
	}
	roster := []store.Officer{{Badge: "PNB-1", GivenNames: "María José", FamilyNames: "Pérez Rojas", Rank: "Oficial", PINHash: h, Commander: true}}
	given := []string{"Ana", "Luis", "Carmen", "José", "Yolanda", "Pedro", "Rosa", "Miguel"}
	family := []string{"González", "Rodríguez", "Hernández", "Martínez", "Pérez", "Gómez", "Díaz", "Núñez", "Álvarez", "Torres"}
	applied := []protocol.OfficerProgramme{}
	for i := 1; i < n; i++ {
		group := "B"
		if i < 40 {
			group = "A"
		}
		badge := fmt.Sprintf("GRUPO-%s-%03d", group, i)
		rank := []string{"Oficial", "Oficial", "Sargento"}[i%3]
		roster = append(roster, store.Officer{Badge: badge, GivenNames: given[i%len(given)], FamilyNames: family[i%len(family)] + " " + family[(i/3)%len(family)],
			Rank: rank, PINHash: h})
		op := protocol.OfficerProgramme{Badge: badge, Applied: map[string]string{"1": "2026-01-05", "2": "2026-11-20"}}
		if i%4 == 0 {
			op.Done = []protocol.Completion{{CourseID: "curso-de-prueba", Version: 1, Completed: "2025-02-01", Expires: time.Now().AddDate(0, 1, 0).Format(time.DateOnly)}}
		} else if i%4 == 1 {
			op.Done = []protocol.Completion{{CourseID: "curso-de-prueba", Version: 1, Completed: "2025-02-01"}}
		}
		applied = append(applied, op)
	}
	pg := &protocol.Programme{Agency: "CPNB", AsOf: time.Now().Unix(), Officers: applied, Requirements: []protocol.Requirement{
		{ID: 1, CourseID: "curso-de-prueba", DueDate: "2026-01-31"},
		{ID: 2, CourseID: "uso-de-la-fuerza", Rank: "Sargento", DueDays: 90},
	}}
	if err := st.SetMeta(context.Background(), store.MetaStationCode, "CCS-01"); err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyReply(context.Background(), store.PulledReply{Cursor: 1, CenterTime: time.Now(), Roster: roster, Programme: pg, Protocol: protocol.Version}); err != nil {
		t.Fatal(err)
	}
}

// runNode serves a node on the data folder dir and returns its address.
func runNode(t *testing.T, dir string) string {
	t.Helper()
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if err := m.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return "http://" + m.Addr()
}

func caracas(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/Caracas")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
