package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestAnalysisLinksToStudio: an author on the item analysis reaches a question in the studio:
// with no open draft a button starts one from the published version and opens that question;
// then the pages link to the question in that draft. Flagged rows of the table carry the link;
// a reader who does not write courses sees neither.
func TestAnalysisLinksToStudio(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		base := "/courses/" + sampleCourse + "/1/analysis"
		trainer := loggedIn(e, trainerUser, trainerPass)
		q := trainer.get(base + "/una-opcion").Body.String()
		mustContain(t, "question page, no draft", q, `action="/drafts"`, `name="question" value="una-opcion"`, "Editar en un borrador")

		rec := trainer.post("/drafts", url.Values{"course_id": {sampleCourse}, "question": {"una-opcion"}})
		loc := rec.Header().Get("Location")
		if m, _ := regexp.MatchString(`^/drafts/[^/]+/questions/una-opcion$`, loc); rec.Code != http.StatusSeeOther || !m {
			t.Fatalf("start a draft from the analysis: %d %q", rec.Code, loc)
		}
		if rec := trainer.get(loc); rec.Code != http.StatusOK {
			t.Fatalf("the draft's question %s: %d", loc, rec.Code)
		}
		q = trainer.get(base + "/una-opcion").Body.String()
		mustContain(t, "question page, open draft", q, `href="`+loc+`"`, "Editar en el borrador")
		mustNotContain(t, "question page, open draft", q, `name="question"`)

		table := trainer.get(base).Body.String()
		flagged := regexp.MustCompile(`(?s)<tr>\s*<td><a href="` + base + `/([^"?]+)\?[^<]*</a>.*?</tr>`)
		rows := flagged.FindAllStringSubmatch(table, -1)
		if len(rows) == 0 || !strings.Contains(table, `class="studio-edit"`) {
			t.Fatalf("the analysis table shows no flagged question linked to the studio (%d rows)", len(rows))
		}
		for _, m := range rows {
			row := m[0]
			if strings.Contains(row, `class="flag `) != strings.Contains(row, `class="studio-edit"`) {
				t.Errorf("question %s: flagged %v, links to the studio %v", m[1], strings.Contains(row, `class="flag `), strings.Contains(row, "studio-edit"))
			}
		}
		for _, who := range []string{"auditora", "coord"} {
			b := loggedIn(e, who, adminPass)
			for _, p := range []string{base, base + "/una-opcion"} {
				mustNotContain(t, who+" "+p, b.get(p).Body.String(), "studio-edit", `action="/drafts"`)
			}
		}
	})
}
