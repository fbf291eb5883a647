package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/web"
	"aula/internal/csvsafe"
	"aula/internal/pagescan"
	"aula/sync/protocol"
)

// withProgramme makes PNB-2 the station's commander and applies, as a sync would, a programme
// on the day of the node's clock (2 March 2026): the sample course due by 15 February (PNB-1
// holds nothing: overdue), the use-of-force course 30 days after 20 February (due 22 March;
// PNB-2 holds a certificate the center knows, expiring on 1 April: expiring).
func withProgramme(t *testing.T, n *node) {
	t.Helper()
	ctx := context.Background()
	var roster []store.Officer
	for _, b := range []string{"PNB-1", "PNB-2"} {
		o, err := n.st.FindOfficer(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		o.Commander = b == "PNB-2"
		roster = append(roster, *o)
	}
	center := time.Date(2026, 3, 2, 7, 30, 0, 0, time.UTC)
	pg := &protocol.Programme{Agency: "CPNB", State: "Distrito Capital", AsOf: center.Unix(), Requirements: []protocol.Requirement{
		{ID: 1, CourseID: sampleID, DueDate: "2026-02-15", WindowDays: 60},
		{ID: 2, CourseID: "uso-de-la-fuerza", Agency: "CPNB", DueDays: 30, WindowDays: 60},
	}, Officers: []protocol.OfficerProgramme{
		{Badge: "PNB-1", Applied: map[string]string{"1": "2026-01-10", "2": "2026-02-20"}},
		{Badge: "PNB-2", Applied: map[string]string{"1": "2026-01-10", "2": "2026-02-20"},
			Done: []protocol.Completion{{CourseID: "uso-de-la-fuerza", Version: 1, Completed: "2025-04-01", Expires: "2026-04-01"}}},
	}}
	if err := n.st.SetMeta(ctx, store.MetaStationCode, "CCS-01"); err != nil {
		t.Fatal(err)
	}
	if err := n.st.ApplyReply(ctx, store.PulledReply{Cursor: 3, CenterTime: center, Roster: roster, Programme: pg, Protocol: protocol.Version}); err != nil {
		t.Fatal(err)
	}
}

type complianceJSON struct {
	Station string  `json:"station"`
	Agency  string  `json:"agency"`
	AsOf    *string `json:"as_of"`
	Rows    []struct {
		Badge         string  `json:"badge"`
		Station       string  `json:"station"`
		Agency        string  `json:"agency"`
		CourseID      string  `json:"course_id"`
		RequirementID int64   `json:"requirement_id"`
		Status        string  `json:"status"`
		DueAt         *string `json:"due_at"`
		CompletedAt   *string `json:"completed_at"`
		ExpiresAt     *string `json:"expires_at"`
	} `json:"rows"`
}

// The session says who commands the station; the station's compliance answers a commander, from
// what the node holds (no center anywhere), and refuses any other officer with 403 in his
// language.
func TestStationComplianceAPI(t *testing.T) {
	n := newNode(t, true)
	withProgramme(t, n)
	var who struct {
		Token   string `json:"token"`
		Officer struct {
			Commander bool `json:"commander"`
		} `json:"officer"`
	}
	n.apiOK(http.StatusOK, "POST", "/api/v1/session", "", map[string]string{"badge": "PNB-1", "pin": "1234"}, &who)
	if who.Officer.Commander {
		t.Error("PNB-1 is not the commander")
	}
	officerTok := who.Token
	n.apiOK(http.StatusOK, "POST", "/api/v1/session", "", map[string]string{"badge": "PNB-2", "pin": "5678"}, &who)
	if !who.Officer.Commander {
		t.Error("PNB-2 is the commander")
	}
	if msg := n.apiError(http.StatusForbidden, "GET", "/api/v1/station/compliance", officerTok, nil); !strings.Contains(msg, "comandante") {
		t.Errorf("403 for an officer, in Spanish: %q", msg)
	}
	n.apiError(http.StatusUnauthorized, "GET", "/api/v1/station/compliance", "", nil)

	var got complianceJSON
	n.apiOK(http.StatusOK, "GET", "/api/v1/station/compliance", who.Token, nil, &got)
	if got.AsOf == nil || *got.AsOf != "2026-03-02T07:30:00Z" || got.Station != "CCS-01" || got.Agency != "CPNB" || len(got.Rows) != 4 {
		t.Fatalf("station compliance: %+v", got)
	}
	status := map[string]string{}
	for _, r := range got.Rows {
		due := ""
		if r.DueAt != nil {
			due = *r.DueAt
		}
		status[r.Badge+"/"+r.CourseID] = r.Status + " " + due
	}
	want := map[string]string{"PNB-1/" + sampleID: "overdue 2026-02-15", "PNB-1/uso-de-la-fuerza": "due 2026-03-22",
		"PNB-2/" + sampleID: "overdue 2026-02-15", "PNB-2/uso-de-la-fuerza": "expiring 2026-04-01"}
	for k, w := range want {
		if status[k] != w {
			t.Errorf("%s: %q, want %q", k, status[k], w)
		}
	}
	n.apiOK(http.StatusOK, "GET", "/api/v1/station/compliance?status=expiring", who.Token, nil, &got)
	if len(got.Rows) != 1 || got.Rows[0].Badge != "PNB-2" || *got.Rows[0].ExpiresAt != "2026-04-01" || *got.Rows[0].CompletedAt != "2025-04-01" {
		t.Errorf("status filter: %+v", got.Rows)
	}
	n.apiOK(http.StatusOK, "GET", "/api/v1/station/compliance?badge=pnb-1&course="+sampleID, who.Token, nil, &got)
	if len(got.Rows) != 1 || got.Rows[0].Badge != "PNB-1" || got.Rows[0].CourseID != sampleID {
		t.Errorf("badge and course filter: %+v", got.Rows)
	}
}

// The officer's course list, in the API and on the page, puts his required courses first, the
// overdue one before the one still due, each with its due day and status; courses not required
// say so with null.
func TestRequiredCoursesFirst(t *testing.T) {
	n := newNode(t, true)
	withProgramme(t, n)
	tok := n.login("PNB-1", "1234")
	var list []struct {
		ID         string  `json:"id"`
		Status     string  `json:"status"`
		Required   bool    `json:"required"`
		DueAt      *string `json:"due_at"`
		Compliance *string `json:"compliance"`
	}
	n.apiOK(http.StatusOK, "GET", "/api/v1/courses", tok, nil, &list)
	if len(list) != 4 {
		t.Fatalf("%d courses", len(list))
	}
	if list[0].ID != sampleID || !list[0].Required || *list[0].Compliance != "overdue" || *list[0].DueAt != "2026-02-15" || list[0].Status != "not_started" {
		t.Errorf("first: %+v", list[0])
	}
	if list[1].ID != "uso-de-la-fuerza" || !list[1].Required || *list[1].Compliance != "due" || *list[1].DueAt != "2026-03-22" {
		t.Errorf("second: %+v", list[1])
	}
	for _, c := range list[2:] {
		if c.Required || c.Compliance != nil || c.DueAt != nil {
			t.Errorf("not required: %+v", c)
		}
	}

	c := n.client()
	c.login("PNB-1", "1234")
	_, body := c.get("/")
	text := pagescan.Visible(body)
	for _, w := range []string{"Cursos obligatorios para usted", "Obligatorio · Vencido el 15/02/2026 Hágalo cuanto antes.", "Obligatorio · vence el 22/03/2026", "Otros cursos"} {
		if !strings.Contains(text, w) {
			t.Errorf("course list lacks %q:\n%s", w, text)
		}
	}
	if strings.Index(text, "Curso de prueba") > strings.Index(text, "Otros cursos") {
		t.Error("the required sample course is not first")
	}
	if strings.Contains(body, `href="/station"`) {
		t.Error("an officer who is not commander sees the commander's link")
	}
	if resp, page := c.get("/station"); resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Solo el comandante") {
		t.Errorf("/station for an officer: %d", resp.StatusCode)
	}
}

// The commander's page lists every officer with his statuses, as of the last sync, filters by
// name (accents ignored), status, course and rank, exports the same as CSV, and reads as Spanish.
func TestCommanderPage(t *testing.T) {
	n := newNode(t, true)
	withProgramme(t, n)
	c := n.client()
	c.login("PNB-2", "5678")
	_, home := c.get("/")
	if !strings.Contains(home, `href="/station"`) {
		t.Fatal("the commander has no link to his page")
	}
	resp, body := c.get("/station")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/station: %d", resp.StatusCode)
	}
	text := pagescan.Visible(body)
	for _, w := range []string{"Datos al 02/03/2026 03:30 (última sincronización)", "Pérez Rojas, María José", "Núñez, Luis", "Vencido 15/02/2026",
		"Por vencer 01/04/2026", "Pendiente 22/03/2026", "Vencido: 2", "Pendiente: 1", "Por vencer: 1", "Al día: 0", "2 funcionarios."} {
		if !strings.Contains(text, w) {
			t.Errorf("commander page lacks %q:\n%s", w, text)
		}
	}
	if !strings.Contains(body, "<svg class=\"bar\"") {
		t.Error("no status bar")
	}
	for _, p := range pagescan.Problems(text, pagescan.English(web.Catalog(), 4), nil) {
		t.Error("/station: " + p)
	}
	for q, want := range map[string][]string{
		"?q=nunez":                      {"PNB-2"},
		"?status=due":                   {"PNB-1"},
		"?course=uso-de-la-fuerza":      {"PNB-1", "PNB-2"},
		"?rank=oficial&status=expiring": {"PNB-2"},
		"?rank=Sargento":                {},
	} {
		_, body := c.get("/station" + q)
		for _, b := range []string{"PNB-1", "PNB-2"} {
			has := strings.Contains(body, `<span class="badge-no">`+b+`</span>`)
			if has != strings.Contains(strings.Join(want, " "), b) {
				t.Errorf("%s: %s shown %v", q, b, has)
			}
		}
	}
	resp, data := c.get("/station/compliance.csv?course=uso-de-la-fuerza")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("CSV content type %q", ct)
	}
	recs, err := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(data, csvsafe.BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0][0] != "Credencial" || recs[1][0] != "PNB-2" || recs[1][6] != "Por vencer" || recs[1][9] != "01/04/2026" ||
		recs[2][6] != "Pendiente" || recs[2][8] != "" {
		t.Errorf("CSV: %q", recs)
	}
}
