package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRegistryServesCountersAndGauges(t *testing.T) {
	r := New()
	c := r.Counter("aula_test_total", "A test counter.", "outcome")
	c.Inc("ok")
	c.Add(2, "ok")
	c.Inc("refused")
	r.GaugesFunc("aula_test_gauge", "A test gauge.", []string{"station"}, func() []Sample {
		return []Sample{{Labels: []string{"CCS-01"}, Value: 7}}
	})
	for _, tc := range []struct {
		remote string
		status int
	}{{"127.0.0.1:5000", 200}, {"10.1.2.3:5000", 200}, {"203.0.113.9:5000", 403}} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = tc.remote
		rec := httptest.NewRecorder()
		r.Handler().ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Fatalf("%s: status %d, want %d", tc.remote, rec.Code, tc.status)
		}
		if tc.status != http.StatusOK {
			continue
		}
		body, _ := io.ReadAll(rec.Body)
		for _, want := range []string{`aula_test_total{outcome="ok"} 3`, `aula_test_total{outcome="refused"} 1`, `aula_test_gauge{station="CCS-01"} 7`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("missing %s", want)
			}
		}
	}
}
