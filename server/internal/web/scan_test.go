package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"aula/internal/pagescan"
	"aula/internal/pgtest"
	"aula/server/internal/web"
)

// knownElsewhere lists findings of the scan that other work of issue 21 fixes (messages, staff
// pages): the test logs them instead of failing, so they are reported, not hidden. Remove an
// entry once its fix is merged; the test then guards it.
var knownElsewhere = map[string]string{}

// Every staff page and CSV download of a center with demo-like data (officers at two stations,
// failed and passed attempts, course and workshop certificates, one expired and one revoked, a
// station whose clock runs fast), read in Spanish, shows no ISO date or time stamp, no "(s)"
// plural, no internal id, no decimal point and no English interface string. A certificate's
// code and the course's own texts are allowed as they are.
func TestEveryPageReadsAsSpanish(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		db := e.db()
		e.exec(db, `UPDATE attempts SET score = 70.4 WHERE id = 'A1'`)
		e.exec(db, `UPDATE stations SET last_sync_at = ?, clock_offset_s = 180, node_version = 'v0.3.0' WHERE code = 'CCS-01'`,
			e.clock.Now().UTC().Format("2006-01-02T15:04:05Z"))
		if rec := e.api(http.MethodPost, "/api/v1/certificates", admin, map[string]any{"badge": "PNB-1002",
			"title": "Taller de mediación comunitaria", "hours": 4.5, "date": e.clock.Now().UTC().Format("2006-01-02")}); rec.Code != http.StatusCreated {
			t.Fatalf("workshop certificate: %d %s", rec.Code, rec.Body)
		}
		// A spreadsheet in Spanish writes the day dd/mm/aaaa and the hours with a comma.
		if rec := e.api(http.MethodPost, "/api/v1/certificates/import", admin, "badge,title,hours,date\nPNB-1003,Taller de primeros auxilios,\"2,5\",20/11/2026\n"); rec.Code != http.StatusCreated {
			t.Fatalf("workshop CSV: %d %s", rec.Code, rec.Body)
		}
		if rec := e.api(http.MethodPost, "/api/v1/certificates/C2/revoke", admin, map[string]string{"reason": "Fraude comprobado"}); rec.Code != http.StatusOK {
			t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
		}
		// Records set aside during sync, with the reasons the center writes (their raw data is shown
		// as received, in a fold: allowed below).
		for i, reason := range rejectReasonsSeen {
			e.exec(db, `INSERT INTO sync_rejects (node_id, seq, kind, reason, payload, received_at) VALUES ('N1', ?, 'attempt', ?, '{"s":1}', ?)`,
				i+1, reason, e.clock.Now().UTC().Format("2006-01-02T15:04:05Z"))
		}
		// A workshop approved with an officer of another station and a guest on its list.
		var ws map[string]string
		decode(t, e.api(http.MethodPost, "/api/v1/workshops", admin, map[string]any{"title": map[string]string{"es": "Taller de gestión policial", "en": "Police management"},
			"area": "police-management", "hours": 4.5, "station": "CCS-01", "date": "2026-11-20", "trainer": "Prof. Ramírez"}), &ws)
		if rec := e.api(http.MethodPost, "/api/v1/workshops/"+ws["id"]+"/roster", admin, []byte("badge\nPNB-1001\nPNB-1003\n")); rec.Code != http.StatusOK {
			t.Fatalf("roster: %d %s", rec.Code, rec.Body)
		}
		e.exec(db, `INSERT INTO workshop_guests (id, workshop_id, name, document, institution, source, added_by, added_at, received_at)
		VALUES ('G1', ?, 'Carmen Ávila', 'V-12345678', 'Ministerio Público', 'N1', 'PNB-1002', '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z')`, ws["id"])
		decode(t, e.api(http.MethodPost, "/api/v1/workshops", admin, map[string]any{"title": "Taller de uso de la fuerza",
			"area": "use-of-force", "hours": 8, "station": "CCS-01", "date": "2026-12-01"}), &map[string]string{})
		b := loggedIn(e, adminUser, adminPass)
		if rec := b.post("/workshops/"+ws["id"]+"/approve", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("approve: %d", rec.Code)
		}
		english := pagescan.English(web.Catalog(), 4)
		// A certificate's code, the course's own texts and question ids, the accounts' user names and
		// the fixed headers of the import files are shown as they are.
		allowed := []string{"VALID00001", "EXPIRED001", "Curso de prueba", "curso-de-prueba", "(single ·", "(multiple ·", "(numeric ·",
			"(short ·", "(matching ·", "(ordering ·", "(true_false ·", "numeric un número", adminUser, trainerUser,
			"badge,given_names,family_names,rank,station_code,pin", "badge,title,hours,date", `{"s":1}`,
			"A small course that exercises", "What is the capital of Venezuela?",
			"Open Badges 3.0"} // the standard's name

		pages := []string{"/", "/courses", "/courses/" + sampleCourse + "/1", "/stations", "/officers", "/officers/import",
			"/officers/PNB-1001", "/officers/PNB-1002", "/officers/PNB-1003", "/attempts", "/completions", "/certificates", "/approvals",
			"/sync/rejects", "/staff", "/account", "/verify", "/verify/VALID00001", "/verify/EXPIRED001",
			"/certificates/C1/revoke", "/officers?q=perez", "/attempts?station=CCS-01&q=pnb"}
		// The studio: a draft of the sample course, its editors and its review page.
		draft := "/drafts/" + e.newDraft(admin, map[string]string{"course_id": sampleCourse})
		pages = append(pages, "/drafts", draft, draft+"/quiz", draft+"/lessons/01-bienvenida", draft+"/questions/parejas",
			draft+"/questions/una-opcion", draft+"/review")
		// A draft with lint errors: its problems are shown in the page's language too.
		broken := e.newDraft(admin, map[string]string{"course_id": sampleCourse})
		if rec := e.draftAPI(http.MethodPut, "/api/v1/drafts/"+broken+"/files/lessons/09-extra.md", admin, "sin encabezado\n", ""); rec.Code != http.StatusOK {
			t.Fatalf("broken lesson: %d %s", rec.Code, rec.Body)
		}
		pages = append(pages, "/drafts/"+broken)
		pages = append(pages, "/workshops", "/workshops?by=agency", "/workshops/new", "/workshops/"+ws["id"], "/workshops/"+ws["id"]+"?done=approved")
		var findings []string
		for _, p := range pages {
			rec := b.get(p)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s: %d", p, rec.Code)
				continue
			}
			text := pagescan.Visible(rec.Body.String())
			if len(text) < 60 {
				t.Errorf("GET %s: the page shows almost nothing: %q", p, text)
			}
			for _, f := range pagescan.Problems(text, english, allowed) {
				findings = append(findings, p+": "+f)
			}
		}
		for _, p := range []string{"/attempts?format=csv", "/completions?format=csv"} {
			rec := b.get(p)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s: %d", p, rec.Code)
				continue
			}
			for _, f := range pagescan.Problems(rec.Body.String(), english, allowed) {
				findings = append(findings, p+": "+f)
			}
		}
		for _, f := range findings {
			if owner, ok := knownElsewhere[f]; ok {
				t.Logf("known, fixed elsewhere (%s): %s", owner, f)
				continue
			}
			t.Error(f)
		}
	})
}

// rejectReasonsSeen are reasons as the center's syncer and store write them (one of each kind).
var rejectReasonsSeen = []string{
	"officer PNB-9 has never been on this station's roster",
	"attempt 0193a1b2-0000-7000-8000-000000000001 was already received from node 0193a1b2-0000-7000-8000-000000000002",
	"certificate 0193a1b2-0000-7000-8000-000000000003 (code 7K3M-QX2P-9A) was already received",
	"course uso-de-la-fuerza version 9 is not published on this center",
	"malformed attempt",
	"certificate 7K3M-QX2P-9A refused (attempt): the center re-scored attempt x at 40.00: not passed",
	`lesson reading refused: course uso-de-la-fuerza has no lesson "99-x" published on this center`,
}
