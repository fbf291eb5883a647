package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/browsertest"
	"aula/sync/auth"
)

// TestBrowserAnalysisPages opens a course version's item analysis and a question's page in a
// real browser, in Spanish, over 400 simulated first attempts from three stations of two forces:
// the table, the scatter plot with its points as links, the option chart with the right option
// marked, the comparison by force and by state, lesson use. AULA_SHOTS=DIR keeps screenshots.
func TestBrowserAnalysisPages(t *testing.T) {
	b := browsertest.Start(t)
	data := t.TempDir()
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: data})
	if err := m.PublishStarterCourses(); err != nil {
		t.Fatal(err)
	}
	version, question := seedAnalysis(t, m, data)
	base, stop := serveCenter(t, m)
	defer stop()
	shots := screenshots(t)
	browserLogin(b, base, "formador", "una clave segura")
	page := fmt.Sprintf("%s/courses/uso-de-la-fuerza/%d/analysis", base, version)
	b.Do(chromedp.EmulateViewport(1280, 2600), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("svg.scatter")))
	if text := b.Text("main"); !strings.Contains(text, "400 intentos analizados") || !strings.Contains(text, "Alfa de Cronbach") {
		t.Errorf("analysis page: %.300q", text)
	}
	b.Screenshot(shots, "analysis-1280.png")
	b.Do(chromedp.EmulateViewport(1280, 900), chromedp.ScrollIntoView(chromedp.CSS("#lessons")))
	if text := b.Text("main"); !strings.Contains(text, " min") || !strings.Contains(text, "Tiempo de lectura (mediana)") {
		t.Errorf("lesson use without a median reading time: %.300q", text)
	}
	b.Screenshot(shots, "analysis-lessons-1280.png")
	b.Do(chromedp.EmulateViewport(1280, 2600))
	b.Do(chromedp.Navigate(page+"?sort=discrimination&dir=asc"), chromedp.WaitVisible(chromedp.CSS("svg.scatter")))
	b.Screenshot(shots, "analysis-sorted-1280.png")
	b.Do(chromedp.Navigate(page+"/"+question), chromedp.WaitVisible(chromedp.CSS(".bar-correct")))
	if text := b.Text("main"); !strings.Contains(text, "Facilidad por fuerza policial") || !strings.Contains(text, "Zulia") {
		t.Errorf("question page: %.300q", text)
	}
	b.Screenshot(shots, "analysis-question-1280.png")
	b.Do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("svg.scatter")))
	b.Screenshot(shots, "analysis-390.png")
	// A coordinator of CPNB sees his agency's attempts only: CCS-01 and VAL-03, not PEZ's MCB-02.
	if _, err := m.Store.CreateStaffIn(context.Background(), "coordinadora", "coordinator", "CPNB", coordHash(t)); err != nil {
		t.Fatal(err)
	}
	b.Do(chromedp.EmulateViewport(1280, 2600), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "coordinadora"), chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS("nav")),
		chromedp.Navigate(page+"/"+question), chromedp.WaitVisible(chromedp.CSS(".bar-correct")))
	if text := b.Text("main"); !strings.Contains(text, "Valencia Sur") || strings.Contains(text, "Maracaibo") || strings.Contains(text, "Zulia") {
		t.Errorf("coordinator's question page: %.600q", text)
	}
	b.Screenshot(shots, "analysis-question-coordinator-1280.png")
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// seedAnalysis adds a trainer, two forces, three stations and 400 officers, each with one attempt
// of the use-of-force course answered by a simulated officer of some ability (wrong answers
// favour one tempting option), and lesson readings before the attempts. It returns the course
// version and the id of its first question.
func seedAnalysis(t *testing.T, m *Main, data string) (int, string) {
	t.Helper()
	ctx := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaff(ctx, "formador", "trainer", h); err != nil {
		t.Fatal(err)
	}
	fsys, _ := courses.StarterCourse("uso-de-la-fuerza")
	pkg, _ := coursepkg.Read(fsys, "uso-de-la-fuerza")
	cr := pkg.Course
	db, err := sql.Open("sqlite", filepath.Join(data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := tx.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(`INSERT INTO agencies (id, code, name, created_at) VALUES (1, 'CPNB', 'Policía Nacional Bolivariana', ?), (2, 'PEZ', 'Policía del Estado Zulia', ?)`, now, now)
	exec(`INSERT INTO stations (id, code, name, created_at, agency_id, state) VALUES (1, 'CCS-01', 'Caracas Centro', ?, 1, 'Distrito Capital'),
		(2, 'MCB-02', 'Maracaibo Norte', ?, 2, 'Zulia'), (3, 'VAL-03', 'Valencia Sur', ?, 1, 'Carabobo')`, now, now, now)
	rng := rand.New(rand.NewPCG(44, 18))
	q := cr.Quiz
	for i := range 400 {
		station := 1 + i%3
		exec(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
			VALUES (?, ?, 'Nombre', 'Apellido', 'Oficial', ?, 'x', ?, ?)`, i+1, fmt.Sprintf("PNB-%04d", i+1), station, now, now)
		ability := rng.NormFloat64()
		id, secret := fmt.Sprintf("AT%04d", i), "s"
		drawn := courses.Drawn(q, courses.AttemptSeed(id, secret))
		canon := make([]json.RawMessage, len(drawn))
		for k, qi := range drawn {
			qq := &q.Questions[qi]
			difficulty := float64(qi%5)/2 - 1
			if station == 2 && qi == 0 {
				difficulty += 1.5 // one force misunderstands the first question
			}
			right := rng.Float64() < 1/(1+math.Exp(-(1.7*ability-difficulty)))
			canon[k] = answer(qq, right, rng)
		}
		res := courses.ScoreCanonical(q, courses.AttemptSeed(id, secret), canon)
		responses, _ := json.Marshal(canon)
		exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at,
			node_id, node_seq, secret, responses) VALUES (?, ?, ?, 'uso-de-la-fuerza', ?, ?, ?, ?, ?, ?, 100, ?, ?)`,
			id, i+1, station, cr.Version, res.Score, res.Passed, now, now, fmt.Sprintf("N%d", station), secret, string(responses))
		for l, ls := range cr.Lessons {
			if rng.Float64() < 0.9-float64(l)*0.1 {
				exec(`INSERT INTO lessons_read (officer_id, course_id, lesson_id, station_id, read_at, node_id, node_seq, received_at, seconds)
					VALUES (?, 'uso-de-la-fuerza', ?, ?, ?, ?, ?, ?, ?)`, i+1, ls.ID, station, now, fmt.Sprintf("N%d", station), l+1, now, 120+rng.IntN(600))
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return cr.Version, q.Questions[0].ID
}

// answer is a canonical response: the key when right, else a wrong one (the first wrong option
// three times in four).
func answer(qq *courses.Question, right bool, rng *rand.Rand) json.RawMessage {
	if right {
		return courses.Expected(qq).Response
	}
	switch qq.Type {
	case courses.Single:
		var wrong []int
		for o, opt := range qq.Options {
			if !opt.Correct {
				wrong = append(wrong, o)
			}
		}
		k := wrong[0]
		if rng.IntN(4) == 0 {
			k = wrong[rng.IntN(len(wrong))]
		}
		return json.RawMessage(fmt.Sprint(k))
	case courses.Multiple:
		for o, opt := range qq.Options {
			if !opt.Correct {
				return json.RawMessage(fmt.Sprintf("[%d]", o))
			}
		}
	case courses.TrueFalse:
		return json.RawMessage(fmt.Sprint(!*qq.Answer))
	}
	return json.RawMessage("null")
}

func coordHash(t *testing.T) string {
	h, err := auth.HashSecret("una clave segura")
	if err != nil {
		t.Fatal(err)
	}
	return h
}
