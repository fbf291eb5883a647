package web_test

import (
	"net/http"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestAnalysisEndpoint: the analysis answers in the contract's shape, first attempts by default
// (one per officer), every attempt on request, per station; a bad request is told what to fix.
func TestAnalysisEndpoint(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.seedResults(e.adminToken())
		tok := e.trainerToken()
		db := e.db()
		e.exec(db, `INSERT INTO agencies (code, name, created_at) VALUES ('CPNB', 'Cuerpo de Policía Nacional Bolivariana', '2026-01-01T00:00:00Z')`)
		e.exec(db, `UPDATE stations SET agency_id = (SELECT id FROM agencies), state = 'Distrito Capital' WHERE code = 'CCS-01'`)
		e.exec(db, `UPDATE stations SET state = 'Zulia' WHERE code = 'MCB-02'`)
		var out struct {
			Attempts  int      `json:"attempts"`
			Alpha     *float64 `json:"alpha"`
			Questions []struct {
				ID       string   `json:"id"`
				Type     string   `json:"type"`
				Answered int      `json:"answered"`
				Facility *float64 `json:"facility"`
				Flags    []string `json:"flags"`
				Options  []struct {
					Text   string   `json:"text"`
					Chosen *float64 `json:"chosen"`
				} `json:"options"`
			} `json:"questions"`
		}
		for query, want := range map[string]int{"": 2, "?attempts=first": 2, "?attempts=all": 4, "?attempts=all&station=CCS-01": 3, "?station=MCB-02": 1,
			"?agency=CPNB": 1, "?attempts=all&agency=CPNB": 3, "?state=Zulia": 1, "?state=Lara": 0} {
			rec := e.api(http.MethodGet, "/api/v1/courses/"+sampleCourse+"/1/analysis"+query, tok, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d %s", query, rec.Code, rec.Body)
			}
			decode(t, rec, &out)
			if out.Attempts != want {
				t.Errorf("%s: %d attempts, want %d", query, out.Attempts, want)
			}
		}
		if len(out.Questions) != 7 || out.Questions[0].ID != "una-opcion" || out.Questions[0].Type != "single" || len(out.Questions[0].Options) == 0 {
			t.Errorf("questions: %+v", out.Questions)
		}
		if !strings.Contains(e.api(http.MethodGet, "/api/v1/courses/"+sampleCourse+"/1/analysis", tok, nil).Body.String(), `"alpha":null`) {
			t.Error("alpha with two attempts that answered nothing is not null")
		}
		for path, code := range map[string]int{
			"/api/v1/courses/" + sampleCourse + "/1/analysis?attempts=last": http.StatusUnprocessableEntity,
			"/api/v1/courses/" + sampleCourse + "/9/analysis":               http.StatusNotFound,
			"/api/v1/courses/" + sampleCourse + "/1/analysis?station=NOPE":  http.StatusNotFound,
			"/api/v1/courses/" + sampleCourse + "/1/analysis?agency=NOPE":   http.StatusNotFound,
		} {
			rec := e.api(http.MethodGet, path, tok, nil)
			if rec.Code != code {
				t.Errorf("%s: %d, want %d (%s)", path, rec.Code, code, rec.Body)
			}
			if msg, _ := jsonError(t, rec); msg == "" {
				t.Errorf("%s: no message", path)
			}
		}
		if rec := e.api(http.MethodGet, "/api/v1/courses/"+sampleCourse+"/1/analysis", "", nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("without a token: %d", rec.Code)
		}
	})
}

// TestAnalysisPages: the course page links to the analysis; the analysis page has the sortable
// table, the scatter plot and the CSV export; a question's page has its option chart.
func TestAnalysisPages(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.seedResults(e.adminToken())
		db := e.db()
		e.exec(db, `INSERT INTO agencies (code, name, created_at) VALUES ('CPNB', 'Cuerpo de Policía Nacional Bolivariana', '2026-01-01T00:00:00Z')`)
		e.exec(db, `UPDATE stations SET agency_id = (SELECT id FROM agencies), state = 'Distrito Capital'`)
		b := e.browser()
		b.loginAs(trainerUser, trainerPass)
		base := "/courses/" + sampleCourse + "/1/analysis"
		if body := b.get("/courses/" + sampleCourse + "/1").Body.String(); !strings.Contains(body, `href="`+base+`"`) {
			t.Error("the course page does not link to its analysis")
		}
		rec := b.get(base + "?sort=facility&dir=desc")
		body := rec.Body.String()
		for _, want := range []string{"Análisis de preguntas", "<svg class=\"scatter\"", "sort=discrimination", "format=csv", "2 intentos analizados", base + "/una-opcion"} {
			if !strings.Contains(body, want) {
				t.Errorf("analysis page lacks %q", want)
			}
		}
		csv := b.get(base + "?format=csv")
		if ct := csv.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(csv.Body.String(), "Facilidad") {
			t.Errorf("CSV: %s %.200s", ct, csv.Body)
		}
		q := b.get(base + "/una-opcion").Body.String()
		for _, want := range []string{"Opciones elegidas", "bar-correct", "Facilidad por estación", "CCS-01", "Facilidad en cada versión",
			"Facilidad por fuerza policial", "CPNB · Cuerpo de Policía", "Facilidad por estado", "Distrito Capital"} {
			if !strings.Contains(q, want) {
				t.Errorf("question page lacks %q", want)
			}
		}
		if rec := b.get(base + "/no-such-question"); rec.Code != http.StatusNotFound {
			t.Errorf("unknown question: %d", rec.Code)
		}
	})
}
