package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"aula/internal/browsertest"
	"aula/internal/pgtest"
	"aula/server/internal/benchseed"
	"aula/sync/auth"
)

// A training officer walks the compliance dashboard in a real browser, national → state →
// agency → station → officer, following the links of each level's table; the downloads of the
// national table open as CSV and XLSX with the same figures; the station's PDF is one page.
// Screenshots of every level, the requirements page and the PDF go to browsertest.ShotsDir().
func TestBrowserComplianceDrillDown(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		b := browsertest.Start(t)
		m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir(), DB: pgtest.URL(t), NoStarterCourses: true})
		cfg := benchseed.Config{Agencies: 4, Stations: 24, Officers: 480, Requirements: 4, Attempts: 2000, Today: time.Now().UTC()}
		if err := m.Store.Bulk(context.Background(), func(exec func(string, ...any) error) error { return benchseed.Seed(cfg, exec) }); err != nil {
			t.Fatal(err)
		}
		h, _ := auth.HashSecret("una clave segura")
		if _, err := m.Store.CreateStaff(context.Background(), "admin", "admin", h); err != nil {
			t.Fatal(err)
		}
		base, stop := serveCenter(t, m)
		defer stop()
		shots := shotsFor(t)

		b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
			chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS(".totals")),
			chromedp.Navigate(base+"/compliance"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
		if h1 := b.Text("h1"); h1 != "Cumplimiento: Nacional" {
			t.Errorf("national heading %q", h1)
		}
		b.Screenshot(shots, "compliance-national.png")
		// The 12-month trend, below the table (read from the counts kept up to date).
		if _, err := chromedp.Run(b.Ctx, chromedp.ScrollIntoView(chromedp.CSS("figure.chart-box:last-of-type"))); err != nil {
			t.Fatal(err)
		}
		b.Screenshot(shots, "compliance-national-trend.png")
		b.Do(chromedp.EmulateViewport(390, 844))
		b.Screenshot(shots, "compliance-national-trend-390.png")
		b.Do(chromedp.EmulateViewport(1024, 768))
		// Each level: follow the first unit's link in the table.
		for _, level := range []string{"state", "agency", "station"} {
			b.Do(chromedp.Click(chromedp.CSS("main table tbody tr:first-child td:first-child a")), chromedp.WaitVisible(chromedp.CSS("nav.crumbs")))
			b.Screenshot(shots, "compliance-"+level+".png")
		}
		// The station level on a phone (a commander's meeting may be read on one).
		b.Do(chromedp.EmulateViewport(390, 844))
		b.Screenshot(shots, "compliance-station-390.png")
		b.Do(chromedp.EmulateViewport(1024, 768))
		if crumbs := b.Text("nav.crumbs"); !strings.Contains(crumbs, "Nacional") || !strings.Contains(crumbs, benchseed.StationCode(0)) {
			t.Errorf("station breadcrumbs %q", crumbs)
		}
		if h1 := b.Text("h1"); !strings.Contains(h1, benchseed.StationCode(0)) {
			t.Errorf("station heading %q", h1)
		}
		b.Do(chromedp.Click(chromedp.CSS("main table tbody tr:first-child td:first-child a")), chromedp.WaitVisible(chromedp.CSS("nav.crumbs")))
		if h1 := b.Text("h1"); !strings.Contains(h1, "Cumplimiento:") || !strings.Contains(b.Text("main"), "ficha del funcionario") {
			t.Errorf("officer level: %q", h1)
		}
		b.Screenshot(shots, "compliance-officer.png")
		b.Do(chromedp.Navigate(base+"/requirements"), chromedp.WaitVisible(chromedp.CSS("main table")))
		b.Screenshot(shots, "requirements.png")
		if errs := b.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("console errors: %v", errs)
		}

		// Downloads, with a session of their own: the national table as CSV and as XLSX.
		c := staffClient(t, base, "admin", "una clave segura")
		body := get(t, c, base+"/compliance/export?format=csv&table=units")
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
		if err != nil || len(rows) < 2 || rows[0][0] != "Estado" {
			t.Fatalf("csv: %v %v", err, rows)
		}
		x, err := excelize.OpenReader(bytes.NewReader(get(t, c, base+"/compliance/export?format=xlsx&table=units")))
		if err != nil {
			t.Fatal(err)
		}
		xrows, _ := x.GetRows("Sheet1")
		if len(xrows) != len(rows) || xrows[1][0] != rows[1][0] || xrows[1][2] != rows[1][2] {
			t.Errorf("xlsx %v differs from csv %v", xrows, rows)
		}
		pdf := get(t, c, base+"/stations/"+benchseed.StationCode(0)+"/compliance.pdf")
		file := filepath.Join(t.TempDir(), "station.pdf")
		os.WriteFile(file, pdf, 0o644)
		if p, err := exec.LookPath("pdftoppm"); err == nil {
			if out, err := exec.Command(p, "-r", "60", "-png", "-singlefile", file, filepath.Join(shots, "station-summary")).CombinedOutput(); err != nil {
				t.Errorf("pdftoppm: %v %s", err, out)
			}
		}
	})
}

// staffClient is an HTTP client logged in to the center's web UI (cookies, CSRF token).
func staffClient(t testing.TB, base, user, pass string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get(t, c, base+"/login")
	u, _ := url.Parse(base)
	var token string
	for _, k := range jar.Cookies(u) {
		if k.Name == "_csrf" {
			token = k.Value
		}
	}
	res, err := c.PostForm(base+"/login", url.Values{"username": {user}, "password": {pass}, "_csrf": {token}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return c
}

func get(t testing.TB, c *http.Client, u string) []byte {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK && !strings.HasSuffix(u, "/login") {
		t.Fatalf("GET %s: %d %s", u, res.StatusCode, body)
	}
	return body
}
