package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// TestCoordinatorManagesHisAgency: a coordinator of CPNB (CCS-01) manages his agency's officers,
// stations and certificates, and nothing of PEZ (MCB-02, officer PNB-1003, certificate C2):
// another agency's objects are 404 by id, a change aimed at them 403 (or a FILE:LINE problem in a
// file), and nothing is written.
func TestCoordinatorManagesHisAgency(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, tokens := programmeEnv(t)
		coord := tokens["coordinator"]
		ctx := context.Background()

		// Officer import: a row for another agency's station, or for another agency's officer, is
		// named by line and nothing is imported.
		rec := e.api(http.MethodPost, "/api/v1/officers/import", coord, "badge,given_names,family_names,rank,station_code,pin\n"+
			"PNB-2001,Rosa,Díaz,Oficial,CCS-01,5830\n"+
			"PNB-2002,Pedro,Gil,Oficial,MCB-02,6941\n"+
			"PNB-1003,Ana,Núñez,Inspectora,CCS-01,97153\n")
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "officers.csv:3: la estación MCB-02 es de otro cuerpo") ||
			!strings.Contains(body, "officers.csv:4: el funcionario PNB-1003 pertenece a una estación de otro cuerpo") {
			t.Errorf("import with other agency's rows: %d %s", rec.Code, body)
		}
		if _, err := e.store.FindOfficer(ctx, "PNB-2001"); err == nil {
			t.Error("a refused import imported its good row")
		}
		if o, _ := e.store.FindOfficer(ctx, "PNB-1003"); o.StationCode != "MCB-02" {
			t.Errorf("a coordinator's import moved another agency's officer to %s", o.StationCode)
		}
		rec = e.api(http.MethodPost, "/api/v1/officers/import", coord, "badge,given_names,family_names,rank,station_code,pin\nPNB-2001,Rosa,Díaz,Oficial,CCS-01,5830\n")
		if rec.Code != http.StatusOK {
			t.Errorf("import into his own station: %d %s", rec.Code, rec.Body)
		}

		// Stations: created in his agency; another agency's refused; tokens only for his.
		if rec := e.api(http.MethodPost, "/api/v1/stations", coord, map[string]string{"code": "CCS-03", "name": "Caracas Sur"}); rec.Code != http.StatusCreated {
			t.Fatalf("station in his agency: %d %s", rec.Code, rec.Body)
		}
		if st, _ := e.store.FindStation(ctx, "CCS-03"); st.Agency != "CPNB" {
			t.Errorf("a coordinator's station belongs to %q, want CPNB", st.Agency)
		}
		if rec := e.api(http.MethodPost, "/api/v1/stations", coord, map[string]string{"code": "MCB-09", "name": "Otra", "agency": "PEZ"}); rec.Code != http.StatusForbidden {
			t.Errorf("station in another agency: %d, want 403", rec.Code)
		}
		if rec := e.api(http.MethodPost, "/api/v1/stations/MCB-02/token", coord, nil); rec.Code != http.StatusNotFound {
			t.Errorf("token for another agency's station: %d, want 404", rec.Code)
		}
		if rec := e.api(http.MethodPost, "/api/v1/stations/CCS-01/token", coord, nil); rec.Code != http.StatusOK {
			t.Errorf("token for his station: %d %s", rec.Code, rec.Body)
		}

		// Officer actions on the officer page's forms.
		b := loggedIn(e, "coord", adminPass)
		for _, a := range []struct {
			path string
			form url.Values
		}{
			{"/officers/PNB-1003/pin", url.Values{"confirm": {"yes"}}},
			{"/officers/PNB-1003/unlock", nil},
			{"/officers/PNB-1003/active", url.Values{"active": {"0"}, "confirm": {"yes"}}},
			{"/officers/PNB-1003/move", url.Values{"station": {"CCS-01"}}},
		} {
			if rec := b.post(a.path, a.form); rec.Code != http.StatusNotFound {
				t.Errorf("POST %s on another agency's officer: %d, want 404", a.path, rec.Code)
			}
		}
		if o, _ := e.store.FindOfficer(ctx, "PNB-1003"); !o.Active || o.StationCode != "MCB-02" {
			t.Errorf("another agency's officer changed: %+v", o)
		}
		if rec := b.post("/officers/PNB-1001/move", url.Values{"station": {"MCB-02"}}); rec.Code != http.StatusForbidden ||
			!strings.Contains(rec.Body.String(), "otro cuerpo policial") {
			t.Errorf("moving his officer to another agency's station: %d, want 403 saying why", rec.Code)
		}
		if rec := b.post("/officers/PNB-1001/move", url.Values{"station": {"CCS-03"}}); rec.Code != http.StatusOK {
			t.Errorf("moving his officer between his stations: %d", rec.Code)
		}
		if rec := b.post("/officers/PNB-1001/pin", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusOK {
			t.Errorf("PIN reset of his officer: %d", rec.Code)
		}

		// Certificates: another agency's is 404 to read or revoke; issuing to its officer is 403, or
		// a FILE:LINE problem in an attendees file.
		if rec := e.api(http.MethodPost, "/api/v1/certificates/C2/revoke", coord, map[string]string{"reason": "Fraude comprobado"}); rec.Code != http.StatusNotFound {
			t.Errorf("revoking another agency's certificate: %d, want 404", rec.Code)
		}
		if rec := b.get("/certificates/C2/revoke"); rec.Code != http.StatusNotFound {
			t.Errorf("revoke page of another agency's certificate: %d, want 404", rec.Code)
		}
		if c, _ := e.store.FindCertificate(ctx, "C2"); c.RevokedReason != "" {
			t.Error("a coordinator revoked another agency's certificate")
		}
		if rec := e.api(http.MethodPost, "/api/v1/certificates/C1/revoke", coord, map[string]string{"reason": "Fraude comprobado"}); rec.Code != http.StatusOK {
			t.Errorf("revoking his officer's certificate: %d %s", rec.Code, rec.Body)
		}
		issue := map[string]any{"badge": "PNB-1003", "title": "Taller", "hours": 4, "date": "2026-11-20"}
		if rec := e.api(http.MethodPost, "/api/v1/certificates", coord, issue); rec.Code != http.StatusForbidden {
			t.Errorf("issuing to another agency's officer: %d, want 403", rec.Code)
		}
		rec = e.api(http.MethodPost, "/api/v1/certificates/import", coord, "badge,title,hours,date\nPNB-1001,Taller,4,2026-11-20\nPNB-1003,Taller,4,2026-11-20\n")
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "attendees.csv:3: El funcionario PNB-1003 es de otro cuerpo") {
			t.Errorf("attendees with another agency's officer: %d %s", rec.Code, rec.Body)
		}
		issue["badge"] = "PNB-1001"
		if rec := e.api(http.MethodPost, "/api/v1/certificates", coord, issue); rec.Code != http.StatusCreated {
			t.Errorf("issuing to his officer: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestCoordinatorListsAndDashboard: the dashboard, results lists and sync rejects show a
// coordinator only his agency's rows and totals.
func TestCoordinatorListsAndDashboard(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, tokens := programmeEnv(t)
		coord := tokens["coordinator"]
		for _, p := range []string{"/api/v1/attempts", "/api/v1/completions", "/api/v1/certificates"} {
			var rows []map[string]any
			decode(t, e.api(http.MethodGet, p, coord, nil), &rows)
			if len(rows) == 0 {
				t.Errorf("%s: the coordinator sees none of his agency's rows", p)
			}
			for _, r := range rows {
				if r["badge"] == "PNB-1003" {
					t.Errorf("%s: the coordinator sees another agency's row %v", p, r)
				}
			}
		}
		b := loggedIn(e, "coord", adminPass)
		dash := b.get("/").Body.String()
		// CPNB: 2 officers, 1 station, 3 attempts (2 passed), 1 certificate; the center: 3, 2, 4, 3, 2.
		mustContain(t, "coordinator's dashboard", dash, "<strong>2</strong> funcionarios", "<strong>1</strong> estación",
			"<strong>3</strong> intentos", "<strong>1</strong> certificado")
		mustNotContain(t, "coordinator's dashboard", dash, "PNB-1003", "MCB-02")

		db := e.db()
		now := e.clock.Now().UTC().Format(time.RFC3339)
		for i, st := range []string{"CCS-01", "MCB-02"} {
			node := "node-" + st
			e.exec(db, `INSERT INTO nodes (id, station_id, public_key, enrolled_at) VALUES (?, (SELECT id FROM stations WHERE code = ?), ?, ?)`,
				node, st, []byte{byte(i)}, now)
			e.exec(db, `INSERT INTO sync_rejects (node_id, seq, kind, reason, payload, received_at) VALUES (?, 1, 'attempt', 'motivo', ?, ?)`,
				node, "dato-"+st, now)
		}
		rejects := b.get("/sync/rejects").Body.String()
		mustContain(t, "coordinator's sync rejects", rejects, "dato-CCS-01")
		mustNotContain(t, "coordinator's sync rejects", rejects, "dato-MCB-02")
		all := loggedIn(e, "auditora", adminPass).get("/sync/rejects").Body.String()
		mustContain(t, "auditor's sync rejects", all, "dato-CCS-01", "dato-MCB-02")
	})
}

// TestAuditorSeesNoForms: the auditor reads every page but is shown no button that changes
// anything, and each form's POST is 403 (TestRoleByRoute).
func TestAuditorSeesNoForms(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		b := loggedIn(e, "auditora", adminPass)
		for _, p := range []string{"/", "/stations", "/officers", "/officers/PNB-1001", "/officers/import", "/certificates",
			"/certificates/C1/revoke", "/approvals", "/staff", "/sync/rejects"} {
			rec := b.get(p)
			if rec.Code != http.StatusOK {
				t.Errorf("auditor GET %s: %d", p, rec.Code)
				continue
			}
			// The only POST form an auditor sees is logout.
			if n := strings.Count(rec.Body.String(), `method="post"`); n != 1 {
				t.Errorf("auditor GET %s: %d POST forms, want only logout's", p, n)
			}
		}
		mustContain(t, "auditor's officer page", b.get("/officers/PNB-1001").Body.String(), "Registro de cambios")
	})
}
