package app

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/browsertest"
	"aula/sync/auth"
)

// The staff pages of issue 21 with a real browser, in Spanish: dashboard tiles are links and
// counts agree with their number; revoking asks for confirmation and a reason and the toast names
// the certificate by its code; approvals show the officer's answers, tick all (JavaScript) and
// approve all (a plain button); a course upload shows its problems, or its preview and then
// "Publicar"; a new station shows its enrollment code in groups with the next step. No page says
// "(s)". AULA_SHOTS=DIR keeps screenshots of each page at 1024x768 and 390x844.
func TestBrowserStaffPages(t *testing.T) {
	b := browsertest.Start(t)
	data := t.TempDir()
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: data})
	if err := m.PublishStarterCourses(); err != nil {
		t.Fatal(err)
	}
	title := seedStaffPages(t, m, data)
	base, stop := serveCenter(t, m)
	defer stop()
	shots := screenshots(t)
	shoot := func(name string) {
		b.Do(chromedp.EmulateViewport(390, 844))
		b.Screenshot(shots, name+"-390.png")
		b.Do(chromedp.EmulateViewport(1024, 768))
		b.Screenshot(shots, name+"-1024.png")
	}
	eval := func(expr string) bool {
		t.Helper()
		ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return ok
	}
	noPluralS := func(page string) {
		t.Helper()
		if body := b.Text("main"); strings.Contains(body, "(s)") {
			t.Errorf("%s says \"(s)\": %q", page, body)
		}
	}

	browserLogin(b, base, "admin", "una clave segura")

	// Dashboard: every tile is a link to its list; "1 funcionario", not "1 funcionarios".
	for _, href := range []string{"/officers", "/stations", "/courses", "/attempts", "/completions", "/certificates"} {
		if !eval(`!!document.querySelector('.totals a[href="` + href + `"]')`) {
			t.Errorf("no dashboard tile links to %s", href)
		}
	}
	if tiles := b.Text(".totals"); !regexp.MustCompile(`\b1\s+funcionario\b`).MatchString(tiles) {
		t.Errorf("dashboard tiles %q: want \"1 funcionario\"", tiles)
	}
	noPluralS("dashboard")
	shoot("dashboard")

	// Certificates: the course by title and version; revoking goes through a confirmation page.
	b.Do(chromedp.Navigate(base+"/certificates"), chromedp.WaitVisible(chromedp.CSS("table")))
	if list := b.Text("table"); !strings.Contains(list, title+" v") {
		t.Errorf("the certificates list does not name the course by title and version: %q", list)
	}
	noPluralS("certificates")
	shoot("certificates")
	b.Do(chromedp.Click(chromedp.CSS(`a[href="/certificates/C1/revoke"]`)), chromedp.WaitVisible(chromedp.CSS("#reason")))
	if facts := b.Text(".facts"); !strings.Contains(facts, "VALID00001") || !strings.Contains(facts, "María José Pérez Rojas") || !strings.Contains(facts, title) {
		t.Errorf("the confirmation page does not show the certificate: %q", facts)
	}
	if !eval(`document.querySelector('#reason').required`) {
		t.Error("the reason is not required")
	}
	shoot("revoke-confirm")
	b.Do(chromedp.SendKeys(chromedp.CSS("#reason"), "Emitido por error"),
		chromedp.Click(chromedp.CSS("button.danger")), chromedp.WaitVisible(chromedp.CSS("p[role=status]")))
	if toast := b.Text("p[role=status]"); !strings.Contains(toast, "VALID00001") || strings.Contains(toast, "C1 ") {
		t.Errorf("revocation toast %q: want the certificate code", toast)
	}
	shoot("revoke-done")

	// Approvals: the answers, tick all, approve all.
	b.Do(chromedp.Navigate(base+"/approvals"), chromedp.WaitVisible(chromedp.CSS("#select-all")))
	b.Do(chromedp.Click(chromedp.CSS("#select-all")))
	if !eval(`[...document.querySelectorAll('input[name=attempt]')].every(b => b.checked)`) {
		t.Error("ticking \"select all\" did not tick every attempt")
	}
	if list := b.Text("table"); !strings.Contains(list, title+" v") {
		t.Errorf("the approvals list does not name the course by title and version: %q", list)
	}
	noPluralS("approvals")
	shoot("approvals")
	b.Do(chromedp.Click(chromedp.CSS(`a[href="/approvals/AP1"]`)), chromedp.WaitVisible(chromedp.CSS(".answers")))
	answers := b.Text(".answers")
	if !strings.Contains(answers, "Respuesta del funcionario") || !strings.Contains(answers, "correcta") || !strings.Contains(answers, "sin responder") {
		t.Errorf("the answers page does not show each answer and whether it was right: %q", answers)
	}
	shoot("answers")
	b.Do(chromedp.Navigate(base+"/approvals"), chromedp.WaitVisible(chromedp.CSS(`button[value=approve_all]`)),
		chromedp.Click(chromedp.CSS(`button[value=approve_all]`)), chromedp.WaitVisible(chromedp.CSS("p[role=status]")))
	if toast := b.Text("p[role=status]"); toast != "2 intentos aprobados." {
		t.Errorf("approve all: toast %q, want \"2 intentos aprobados.\"", toast)
	}
	shoot("approvals-done")

	// Course upload: problems first; a clean course is previewed, then published.
	bad, good := courseZips(t)
	b.Do(chromedp.Navigate(base+"/courses"), chromedp.WaitVisible(chromedp.CSS("#zip")),
		chromedp.SetUploadFiles(chromedp.CSS("#zip"), []string{bad}),
		chromedp.Click(chromedp.CSS("form[enctype] button.primary")), chromedp.WaitVisible(chromedp.CSS(".problems")))
	if eval(`!!document.querySelector('form[action$="/publish"]')`) {
		t.Error("a course with problems can be published")
	}
	shoot("upload-problems")
	b.Do(chromedp.SetUploadFiles(chromedp.CSS("#zip"), []string{good}),
		chromedp.Click(chromedp.CSS("form[enctype] button.primary")), chromedp.WaitVisible(chromedp.CSS(".upload-review")))
	if !eval(`document.querySelectorAll('.lesson').length > 0`) {
		t.Error("the upload preview shows no lesson")
	}
	shoot("upload-preview")
	b.Do(chromedp.Click(chromedp.CSS(`.upload-review form[action$="/publish"] button`)), chromedp.WaitVisible(chromedp.CSS("p[role=status]")))
	if toast := b.Text("p[role=status]"); !strings.Contains(toast, "Publicado: "+title+", versión") {
		t.Errorf("publish toast %q: want the course title", toast)
	}
	shoot("courses-published")

	// A new station: its enrollment code in groups of four, and the command to run.
	b.Do(chromedp.Navigate(base+"/stations"), chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), "VAL-03"), chromedp.SendKeys(chromedp.CSS("#name"), "Valencia Sur"),
		chromedp.Click(chromedp.CSS(`form[action="/stations"] button.primary`)), chromedp.WaitVisible(chromedp.CSS("#enroll-code")))
	code := b.Text("#enroll-code")
	if !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$`).MatchString(code) {
		t.Errorf("enrollment code %q is not in groups of four", code)
	}
	if cmd := b.Text("#enroll-command"); cmd != "aula-node enroll --server "+base+" --token "+code {
		t.Errorf("next step %q", cmd)
	}
	if !eval(`!document.querySelector('button[data-copy=enroll-code]').hidden`) {
		t.Error("no copy button")
	}
	shoot("stations-code")
	var errs []string
	for _, e := range b.ConsoleErrors() {
		if !strings.HasSuffix(e, "/courses: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)") {
			errs = append(errs, e) // the upload with problems answers 422 on purpose
		}
	}
	if len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// seedStaffPages adds a station, an officer with a certificate, and two passed attempts of a
// course whose certificates need approval (one with a blank answer), and returns that course's
// Spanish title.
func seedStaffPages(t *testing.T, m *Main, data string) string {
	t.Helper()
	ctx := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaff(ctx, "admin", "admin", h); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateStation(ctx, "CCS-01", "Caracas Centro", auth.HashToken("x"), "admin"); err != nil {
		t.Fatal(err)
	}
	fsys, _ := courses.StarterCourse("uso-de-la-fuerza")
	pkg, _ := coursepkg.Read(fsys, "uso-de-la-fuerza")
	q := pkg.Course.Quiz
	db, err := sql.Open("sqlite", filepath.Join(data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(`INSERT INTO officers (badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
		VALUES ('PNB-1001', 'María José', 'Pérez Rojas', 'Oficial', 1, 'x', ?, ?)`, now, now)
	exec(`INSERT INTO officer_postings (officer_id, station_id, since) VALUES (1, 1, ?)`, now)
	exec(`UPDATE course_versions SET cert_issue = 'approval' WHERE course_id = 'uso-de-la-fuerza'`)
	v := pkg.Course.Version
	for i, id := range []string{"AP1", "AP2"} {
		secret := "secreto-" + id
		drawn := courses.Drawn(q, courses.AttemptSeed(id, secret))
		canon := make([]json.RawMessage, len(drawn))
		for k, qi := range drawn {
			canon[k] = courses.Expected(&q.Questions[qi]).Response
		}
		canon[0] = json.RawMessage("null") // the first question left blank
		res := courses.ScoreCanonical(q, courses.AttemptSeed(id, secret), canon)
		responses, _ := json.Marshal(canon)
		exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at, secret, responses)
			VALUES (?, 1, 1, 'uso-de-la-fuerza', ?, ?, 1, ?, ?, ?, ?)`, id, v, res.Score, now, time.Now().Add(time.Duration(i)*time.Second).UTC().Format(time.RFC3339), secret, string(responses))
	}
	exec(`INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at) VALUES ('C1', 'VALID00001', 1, 'uso-de-la-fuerza', ?, ?, ?)`,
		v, now[:10], time.Now().AddDate(1, 0, 0).Format(time.DateOnly))
	return pkg.Course.Title["es"]
}

// courseZips writes two zips of the starter course with a greater version: one with a lesson's
// English translation missing (a lint problem), one clean.
func courseZips(t *testing.T) (bad, good string) {
	t.Helper()
	fsys, _ := courses.StarterCourse("uso-de-la-fuerza")
	pkg, _ := coursepkg.Read(fsys, "uso-de-la-fuerza")
	next := strconv.Itoa(pkg.Course.Version + 1)
	write := func(name string, skip string) string {
		p := filepath.Join(t.TempDir(), name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path == skip {
				return err
			}
			data, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			if path == "course.yaml" {
				data = regexp.MustCompile(`(?m)^version: \d+`).ReplaceAll(data, []byte("version: "+next))
			}
			w, err := zw.Create(path)
			if err == nil {
				_, err = w.Write(data)
			}
			return err
		})
		if err == nil {
			err = zw.Close()
		}
		if err == nil {
			err = f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("con-problemas.zip", "lessons/01-la-vida-primero.en.md"), write("uso-de-la-fuerza.zip", "")
}
