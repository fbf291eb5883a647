package web_test

import (
	"net/http"
	"strings"
	"testing"

	"aula/internal/pgtest"
	"aula/sync/auditchain"
)

// The audit API answers the chain after a seq with the contract's fields, linked; the auditor's
// page shows the chain intact, then names the entry edited behind the center's back.
func TestAuditAPIAndPage(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.importCSV(admin, rosterCSV)
		if rec := e.api(http.MethodPost, "/api/v1/agencies", admin, map[string]string{"code": "PEZ", "name": "Policía del estado Zulia"}); rec.Code != 201 {
			t.Fatalf("agency: %d %s", rec.Code, rec.Body)
		}
		var all []map[string]any
		decode(t, e.api(http.MethodGet, "/api/v1/audit?after=0", admin, nil), &all)
		if len(all) < 4 {
			t.Fatalf("%d entries: %v", len(all), all)
		}
		prev := auditchain.Genesis
		for i, row := range all {
			for _, k := range []string{"seq", "at", "actor", "action", "object", "hash", "prev"} {
				if _, ok := row[k]; !ok {
					t.Errorf("entry %d has no %q: %v", i, k, row)
				}
			}
			if row["prev"] != prev {
				t.Errorf("entry %v: prev %v, want %s", row["seq"], row["prev"], prev)
			}
			prev = row["hash"].(string)
		}
		last := all[len(all)-1]
		if last["action"] != "agency.create" || last["object"] != "agency:PEZ" || last["actor"] != adminUser {
			t.Errorf("last entry %v", last)
		}
		var after []map[string]any
		decode(t, e.api(http.MethodGet, "/api/v1/audit?after=2", e.auditorToken(), nil), &after)
		if len(after) != len(all)-1 || after[0]["seq"] != float64(3) {
			t.Errorf("after=2: %v", after)
		}
		if rec := e.api(http.MethodGet, "/api/v1/audit?after=x", admin, nil); rec.Code != 422 {
			t.Errorf("after=x: %d", rec.Code)
		}

		b := e.browser()
		b.loginAs(adminUser, adminPass)
		rec := b.get("/audit")
		mustContain(t, "audit page", rec.Body.String(), "Cadena íntegra", "agency:PEZ", prev)
		rec = b.get("/audit?action=agency.&format=csv")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "agency:PEZ") || strings.Contains(rec.Body.String(), "officer.import") {
			t.Errorf("CSV of agency entries: %d %s", rec.Code, rec.Body)
		}
		e.exec(e.db(), `UPDATE audit SET detail = 'otra cosa' WHERE id = 2`)
		// The page keeps its last walk for a while; "Comprobar ahora" walks the chain again.
		mustContain(t, "audit page after an edit, before checking again", b.get("/audit").Body.String(), "Cadena íntegra")
		mustContain(t, "audit page after an edit, checked again", b.get("/audit?check=1").Body.String(), "La cadena está rota", "entrada 2 ")
	})
}
