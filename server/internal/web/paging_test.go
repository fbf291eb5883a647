package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// TestLongListsPageAndSearch: with 120 attempts and 120 certificates, the pages and the API
// lists show 50 a page (3 pages), the links keep the filters, and a search by badge, name,
// course or code narrows the list; the API without ?page answers every row, as before.
func TestLongListsPageAndSearch(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin) // 4 attempts, 2 certificates
		db := e.db()
		var o3, s3 int64
		if err := db.QueryRow(`SELECT id, station_id FROM officers WHERE badge = 'PNB-1003'`).Scan(&o3, &s3); err != nil {
			t.Fatal(err)
		}
		at := e.clock.Now().Add(-10 * time.Hour).UTC().Format(time.RFC3339)
		for i := range 116 {
			e.exec(db, `INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at)
				VALUES (?, ?, ?, ?, 1, 50, 0, ?, ?)`, fmt.Sprintf("B%03d", i), o3, s3, sampleCourse, at, at)
		}
		for i := range 118 {
			e.exec(db, `INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at) VALUES (?, ?, ?, ?, 1, ?)`,
				fmt.Sprintf("D%03d", i), fmt.Sprintf("LOTE%06d", i), o3, sampleCourse, at)
		}
		b := loggedIn(e, adminUser, adminPass)
		for _, p := range []string{"/attempts", "/certificates"} {
			first := mustGet(t, b, p+"?course="+sampleCourse)
			mustContain(t, p, first, "Página 1 de 3", `href="`+p+`?course=`+sampleCourse+`&amp;page=2"`)
			last := mustGet(t, b, p+"?course="+sampleCourse+"&page=3")
			mustContain(t, p+" page 3", last, "Página 3 de 3", `rel="prev"`)
			if n := strings.Count(first, "<tr") - 1; n != 50 {
				t.Errorf("%s page 1: %d rows, want 50", p, n)
			}
			if n := strings.Count(last, "<tr") - 1; n != 20 {
				t.Errorf("%s page 3: %d rows, want 20", p, n)
			}
		}
		// Search: by badge, by name (without accents), by course, by code.
		mustNotContain(t, "attempts by badge", mustGet(t, b, "/attempts?q=pnb-1001"), "Página 1 de")
		if n := strings.Count(mustGet(t, b, "/attempts?q=pnb-1001"), "<tr") - 1; n != 3 {
			t.Errorf("attempts of PNB-1001: %d rows, want 3", n)
		}
		mustContain(t, "attempts by course", mustGet(t, b, "/attempts?q="+sampleCourse), "Página 1 de 3")
		mustContain(t, "attempts by unknown course", mustGet(t, b, "/attempts?q=otro-curso"), "No hay intentos con esos filtros")
		cert := mustGet(t, b, "/certificates?q=lote000117")
		mustContain(t, "certificate by code", cert, "LOTE000117")
		mustNotContain(t, "certificate by code", cert, "LOTE000116", "Página 1 de")

		// The API: every row without ?page; 50 a page with it, the total and the next page's link.
		type row struct{ ID string }
		var all []row
		decode(t, e.api(http.MethodGet, "/api/v1/attempts", admin, nil), &all)
		if len(all) != 120 {
			t.Errorf("API attempts without page: %d, want 120", len(all))
		}
		for _, p := range []string{"/api/v1/attempts", "/api/v1/certificates"} {
			rec := e.api(http.MethodGet, p+"?course="+sampleCourse+"&page=2", admin, nil)
			var list []row
			decode(t, rec, &list)
			link := rec.Header().Get("Link")
			if len(list) != 50 || rec.Header().Get("X-Total-Count") != "120" || !strings.Contains(link, `<`+p+`?course=`+sampleCourse+`&page=3>; rel="next"`) ||
				!strings.Contains(link, `rel="prev"`) {
				t.Errorf("%s page 2: %d rows, total %q, Link %q", p, len(list), rec.Header().Get("X-Total-Count"), link)
			}
			rec = e.api(http.MethodGet, p+"?page=3", admin, nil)
			decode(t, rec, &list)
			if len(list) != 20 || strings.Contains(rec.Header().Get("Link"), `rel="next"`) {
				t.Errorf("%s page 3: %d rows, Link %q", p, len(list), rec.Header().Get("Link"))
			}
			if rec := e.api(http.MethodGet, p+"?page=cero", admin, nil); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "page") {
				t.Errorf("%s?page=cero: %d %s", p, rec.Code, rec.Body)
			}
		}
		var found []row
		decode(t, e.api(http.MethodGet, "/api/v1/certificates?q=valid00001", admin, nil), &found)
		if len(found) != 1 || found[0].ID != "C1" {
			t.Errorf("API certificates by code: %v", found)
		}
		decode(t, e.api(http.MethodGet, "/api/v1/completions?q=pnb-1001&page=1", admin, nil), &found)
		if len(found) != 1 || found[0].ID != "A2" {
			t.Errorf("API completions of PNB-1001: %v", found)
		}
		decode(t, e.api(http.MethodGet, "/api/v1/officers?q=pnb-100&page=1", admin, nil), &found)
		if len(found) == 0 {
			t.Error("API officers paged: none")
		}
	})
}
