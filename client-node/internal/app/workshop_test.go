package app

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// The workshop's whole path (issue 16's acceptance): scheduled at the center (a real aula-server)
// → sync → with the center STOPPED, three officers sign in on the node with their own PIN and
// the commander adds a guest and closes the list → sync → a trainer approves → hours and
// certificates at the center (the guest's verifiable without his document) and, after one more
// sync, on the node.
func TestWorkshopFromScheduleToTranscript(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		csv := filepath.Join(t.TempDir(), "officers.csv")
		os.WriteFile(csv, []byte(e2e.OfficersCSV+"PNB-3,Ángel,Ibáñez,Sargento,CCS-01,2468\nPNB-4,Rosa,Díaz,Oficial,CCS-01,1357\n"), 0o600)
		c.Must(t, "", "officer", "import", "--data", c.Data, "--csv", csv)
		c.Must(t, "", "station", "commander", "--data", c.Data, "--code", "CCS-01", "--badge", "PNB-1")
		c.Must(t, "una clave larga\n", "user", "add", "--data", c.Data, "--username", "instructora", "--role", "trainer", "--password-stdin")
		admin := adminToken(t, c)
		today := time.Now().Format(time.DateOnly)
		code, body := call(t, "POST", c.URL+"/api/v1/workshops", admin, `{"title":{"es":"Uso progresivo de la fuerza","en":"Progressive use of force"},
			"area":"use-of-force","hours":6,"station":"CCS-01","date":"`+today+`","course_id":"curso-de-prueba","counts_for_course":true}`)
		if code != 201 {
			t.Fatalf("schedule: %d %s", code, body)
		}
		var created struct{ ID string }
		json.Unmarshal(body, &created)
		if code, body := call(t, "POST", c.URL+"/api/v1/workshops", admin, `{"title":"x","area":"magia","hours":0,"station":"NO-01","date":"mañana"}`); code != 422 ||
			!strings.Contains(string(body), "area") {
			t.Errorf("a bad workshop: %d %s", code, body)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}

		c.Stop() // the station works with no connection from here
		ts := nodeWeb(t, n)
		tokens := map[string]string{}
		for badge, pin := range map[string]string{"PNB-1": "4821", "PNB-2": "7395", "PNB-3": "2468", "PNB-4": "1357"} {
			code, body := call(t, "POST", ts.URL+"/api/v1/session", "", `{"badge":"`+badge+`","pin":"`+pin+`"}`)
			var login struct{ Token string }
			if json.Unmarshal(body, &login); code != 200 {
				t.Fatalf("login %s: %d %s", badge, code, body)
			}
			tokens[badge] = login.Token
		}
		code, body = call(t, "GET", ts.URL+"/api/v1/workshops", tokens["PNB-2"], "")
		if code != 200 || !strings.Contains(string(body), created.ID) || !strings.Contains(string(body), "Uso progresivo") {
			t.Fatalf("the node's workshops: %d %s", code, body)
		}
		attend := "/api/v1/workshops/" + created.ID + "/attendance"
		for _, b := range []string{"PNB-1", "PNB-2", "PNB-3"} {
			if code, body := call(t, "POST", ts.URL+attend, tokens[b], ""); code != 201 {
				t.Fatalf("%s signs in: %d %s", b, code, body)
			}
		}
		if code, body := call(t, "POST", ts.URL+attend, tokens["PNB-2"], ""); code != 200 {
			t.Errorf("signing in twice: %d %s, want 200", code, body)
		}
		guest := `{"name":"Carmen Sofía Ortega","document":"V-12345678","institution":"Ministerio Público"}`
		if code, body := call(t, "POST", ts.URL+"/api/v1/workshops/"+created.ID+"/guests", tokens["PNB-2"], guest); code != 403 {
			t.Errorf("a guest added by an officer who is not the commander: %d %s", code, body)
		}
		if code, body := call(t, "POST", ts.URL+"/api/v1/workshops/"+created.ID+"/guests", tokens["PNB-1"], guest); code != 201 {
			t.Fatalf("the commander adds a guest: %d %s", code, body)
		}
		if code, body := call(t, "POST", ts.URL+"/api/v1/workshops/"+created.ID+"/close", tokens["PNB-2"], ""); code != 403 {
			t.Errorf("closed by an officer who is not the commander: %d %s", code, body)
		}
		if code, body := call(t, "POST", ts.URL+"/api/v1/workshops/"+created.ID+"/close", tokens["PNB-1"], ""); code != 200 {
			t.Fatalf("close: %d %s", code, body)
		}
		if code, body := call(t, "POST", ts.URL+attend, tokens["PNB-4"], ""); code != 409 {
			t.Errorf("signing in after the close: %d %s, want 409", code, body)
		}
		if err := n.Round(context.Background()); err == nil {
			t.Fatal("a sync succeeded with the center stopped")
		}

		c.Start()
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		code, body = call(t, "GET", c.URL+"/api/v1/workshops/"+created.ID, admin, "")
		var ws struct {
			Status     string
			Attendance []struct {
				Badge   string
				GuestID string  `json:"guest_id"`
				Code    *string `json:"certificate_code"`
			}
		}
		json.Unmarshal(body, &ws)
		if code != 200 || ws.Status != "closed" || len(ws.Attendance) != 4 || !strings.Contains(string(body), "Carmen Sofía Ortega") {
			t.Fatalf("the center's list after the sync: %d %s", code, body)
		}
		trainer := login(t, c, "instructora")
		if code, body := call(t, "POST", c.URL+"/api/v1/workshops/"+created.ID+"/approve", trainer, ""); code != 200 {
			t.Fatalf("approve: %d %s", code, body)
		}
		if code, body := call(t, "POST", c.URL+"/api/v1/workshops/"+created.ID+"/approve", trainer, ""); code != 409 {
			t.Errorf("approving twice: %d %s", code, body)
		}
		code, body = call(t, "GET", c.URL+"/api/v1/workshops/"+created.ID, admin, "")
		json.Unmarshal(body, &ws)
		guestCode := ""
		for _, a := range ws.Attendance {
			if a.Code == nil {
				t.Errorf("no certificate for %+v", a)
				continue
			}
			if a.GuestID != "" {
				guestCode = *a.Code
			}
		}
		code, body = call(t, "GET", c.URL+"/api/v1/verify/"+guestCode, "", "")
		if code != 200 || !strings.Contains(string(body), `"valid"`) || !strings.Contains(string(body), "Carmen Sofía Ortega") || strings.Contains(string(body), "12345678") {
			t.Errorf("the guest's certificate on /verify: %d %s", code, body)
		}
		code, body = call(t, "GET", c.URL+"/api/v1/officers/PNB-3/transcript", admin, "")
		var tr struct {
			Name        string
			HoursTotal  float64            `json:"hours_total"`
			HoursByArea map[string]float64 `json:"hours_by_area"`
			Entries     []struct {
				Kind, Title, Date string
				Hours             float64
				Code              string `json:"certificate_code"`
			}
		}
		json.Unmarshal(body, &tr)
		if code != 200 || tr.Name != "Ángel Ibáñez" || tr.HoursTotal != 6 || tr.HoursByArea["use-of-force"] != 6 || len(tr.Entries) != 1 ||
			tr.Entries[0].Kind != "workshop" || tr.Entries[0].Date != today || tr.Entries[0].Code == "" {
			t.Errorf("PNB-3's transcript: %d %s", code, body)
		}
		transcriptPDF(t, c, admin, "PNB-3", "Ángel Ibáñez", "Uso progresivo de la fuerza", tr.Entries[0].Code)
		// The workshop counts for the course: PNB-3 holds a certificate of it.
		code, body = call(t, "GET", c.URL+"/api/v1/certificates?badge=PNB-3&course=curso-de-prueba", admin, "")
		if code != 200 || !strings.Contains(string(body), tr.Entries[0].Code) {
			t.Errorf("the workshop did not complete its course: %d %s", code, body)
		}

		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		certs, err := n.Store.CertificatesOf(context.Background(), "PNB-3")
		if err != nil || len(certs) != 1 || certs[0].Claims.Code != tr.Entries[0].Code {
			t.Fatalf("the node's certificates of PNB-3: %+v %v", certs, err)
		}
		code, body = call(t, "GET", ts.URL+"/api/v1/training", tokens["PNB-3"], "")
		if code != 200 || !strings.Contains(string(body), `"hours_total":6`) || !strings.Contains(string(body), tr.Entries[0].Code) {
			t.Errorf("Mi formación on the node: %d %s", code, body)
		}
		code, body = call(t, "GET", ts.URL+"/api/v1/workshops", tokens["PNB-3"], "")
		if code != 200 || !strings.Contains(string(body), `"status":"approved"`) {
			t.Errorf("the node's workshop after approval: %d %s", code, body)
		}
	})
}

// login logs a staff member in to the center's API (password "una clave larga").
func login(t *testing.T, c *e2e.Center, user string) string {
	t.Helper()
	code, body := call(t, "POST", c.URL+"/api/v1/auth/login", "", `{"username":"`+user+`","password":"una clave larga"}`)
	var l struct{ Token string }
	if json.Unmarshal(body, &l); code != 200 {
		t.Fatalf("center login %s: %d %s", user, code, body)
	}
	return l.Token
}

// transcriptPDF fetches an officer's constancia de formación and checks it with qpdf and
// pdftotext (skipped when they are missing, unless AULA_TOOL_TESTS=1).
func transcriptPDF(t *testing.T, c *e2e.Center, token, badge string, want ...string) {
	t.Helper()
	code, body := call(t, "GET", c.URL+"/api/v1/officers/"+badge+"/transcript?format=pdf", token, "")
	if code != 200 || !strings.HasPrefix(string(body), "%PDF") {
		t.Fatalf("transcript PDF: %d %.200s", code, body)
	}
	pdftotext, err1 := exec.LookPath("pdftotext")
	qpdf, err2 := exec.LookPath("qpdf")
	if err1 != nil || err2 != nil {
		if os.Getenv("AULA_TOOL_TESTS") == "1" {
			t.Fatal("pdftotext or qpdf is missing but AULA_TOOL_TESTS=1")
		}
		t.Log("pdftotext or qpdf not installed: the PDF's text is not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "constancia.pdf")
	os.WriteFile(path, body, 0o644)
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range append(want, "Constancia de formación", "6") {
		if !strings.Contains(string(out), w) {
			t.Errorf("the constancia does not say %q:\n%s", w, out)
		}
	}
}
