package web_test

import (
	"net/http"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestAnalysisScope: trainers, administrators and auditors see every station's attempts; a
// coordinator sees only his agency's: the agency filter is his, another agency or one of its
// stations is unknown to him, and the question page compares only his agency's stations.
func TestAnalysisScope(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, tokens := programmeEnv(t)
		base := "/api/v1/courses/" + sampleCourse + "/1/analysis"
		attempts := func(role, query string) int {
			t.Helper()
			rec := e.api(http.MethodGet, base+query, tokens[role], nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s %s: %d %s", role, query, rec.Code, rec.Body)
			}
			var out struct{ Attempts int }
			decode(t, rec, &out)
			return out.Attempts
		}
		for _, role := range []string{"admin", "trainer", "auditor"} {
			if n := attempts(role, ""); n != 2 {
				t.Errorf("%s: %d first attempts, want 2 (both agencies)", role, n)
			}
			if n := attempts(role, "?agency=PEZ"); n != 1 {
				t.Errorf("%s, agency PEZ: %d first attempts, want 1", role, n)
			}
		}
		for query, want := range map[string]int{"": 1, "?attempts=all": 3, "?agency=CPNB": 1, "?station=CCS-01": 1} {
			if n := attempts("coordinator", query); n != want {
				t.Errorf("coordinator %q: %d attempts, want %d (CPNB's only)", query, n, want)
			}
		}
		for _, query := range []string{"?agency=PEZ", "?station=MCB-02"} {
			rec := e.api(http.MethodGet, base+query, tokens["coordinator"], nil)
			if rec.Code != http.StatusNotFound {
				t.Errorf("coordinator %s: %d, want 404", query, rec.Code)
			}
			if msg, _ := jsonError(t, rec); msg == "" {
				t.Errorf("coordinator %s: no message", query)
			}
		}
		b := e.browser()
		b.loginAs("coord", adminPass)
		for _, path := range []string{"/courses/" + sampleCourse + "/1/analysis", "/courses/" + sampleCourse + "/1/analysis/una-opcion"} {
			rec := b.get(path)
			if rec.Code != http.StatusOK {
				t.Fatalf("coordinator %s: %d", path, rec.Code)
			}
			body := rec.Body.String()
			if !strings.Contains(body, "CCS-01") {
				t.Errorf("coordinator %s does not show his station", path)
			}
			for _, other := range []string{"MCB-02", "PEZ", "Zulia"} {
				if strings.Contains(body, other) {
					t.Errorf("coordinator %s shows another agency's %s", path, other)
				}
			}
		}
	})
}
