package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/browsertest"
	"aula/sync/auth"
)

// A staff member logs in with a real browser; the dashboard and the officer import page render in
// Spanish with no console errors (a CSP violation or a missing asset would show up as one).
// Screenshots are written to testdata/screens/ for a person to look at.
func TestBrowserStaffLogin(t *testing.T) {
	b := browsertest.Start(t)
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir()})
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaff(context.Background(), "admin", "admin", h); err != nil {
		t.Fatal(err)
	}
	base, stop := serveCenter(t, m)
	defer stop()
	shots := "testdata/screens"

	// Start at /login: "/" answers 401 (with the same form) to a browser without a session, which
	// the console would report as a failed load.
	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")))
	if h1 := b.Text("h1"); h1 != "Iniciar sesión" {
		t.Errorf("login heading %q, want Spanish", h1)
	}
	b.Screenshot(shots, "center-login.png")
	b.Do(
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".totals")),
	)
	if h1 := b.Text("h1"); h1 != "Panel" {
		t.Errorf("dashboard heading %q, want Panel", h1)
	}
	if totals := b.Text(".totals"); !strings.Contains(totals, "cursos") || !strings.Contains(totals, "3") {
		t.Errorf("dashboard totals %q: want the 3 starter courses, in Spanish", totals)
	}
	b.Screenshot(shots, "center-dashboard.png")

	b.Do(chromedp.Navigate(base+"/officers/import"), chromedp.WaitVisible(chromedp.CSS("#csv")))
	if h1 := b.Text("h1"); h1 != "Importar funcionarios" {
		t.Errorf("import heading %q", h1)
	}
	if label := b.Text("label[for=csv]"); label != "Archivo CSV" {
		t.Errorf("the file input's label is %q", label)
	}
	b.Screenshot(shots, "center-import.png")

	fsys, _ := courses.StarterCourse("uso-de-la-fuerza")
	pkg, _ := coursepkg.Read(fsys, "uso-de-la-fuerza")
	b.Do(chromedp.Navigate(base+"/courses/uso-de-la-fuerza/"+strconv.Itoa(pkg.Course.Version)), chromedp.WaitVisible(chromedp.CSS("#key")))
	b.Screenshot(shots, "center-course-preview.png")
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
