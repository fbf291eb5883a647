package web_test

import (
	"net/http"
	"testing"

	"aula/internal/pgtest"
)

// publicKeys are the only keys the public verification JSON may hold: no badge, score or id.
var publicKeys = map[string]bool{"status": true, "code": true, "name": true, "course_id": true, "course": true,
	"issued_at": true, "expires_at": true, "revoked_at": true, "issuer": true, "level": true, "station": true, "station_name": true,
	"refused": true, "reason": true}

// TestVerify: the public endpoints (no login) answer 200 with the status of any code: unknown,
// valid, expired, revoked; they never show the badge, the score or the revocation reason.
func TestVerify(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		day := e.clock.Now().UTC().Format("2006-01-02")

		verify := func(t *testing.T, path string) map[string]any {
			t.Helper()
			rec := e.api(http.MethodGet, path, "", nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
			}
			var out map[string]any
			decode(t, rec, &out)
			for k := range out {
				if !publicKeys[k] {
					t.Errorf("GET %s: private key %q in %s", path, k, rec.Body)
				}
			}
			mustNotContain(t, path, rec.Body.String(), "PNB-1001", "PNB-1003", "85.5", "score", "badge", "Fraude")
			return out
		}

		t.Run("unknown", func(t *testing.T) {
			out := verify(t, "/api/v1/verify/NOEXISTE01")
			if len(out) != 2 || out["status"] != "unknown" || out["code"] != "NOEXISTE01" {
				t.Errorf("unknown code: %v", out)
			}
			rec := e.browser().get("/verify/NOEXISTE01")
			if rec.Code != http.StatusOK {
				t.Fatalf("page: %d", rec.Code)
			}
			mustContain(t, "page", rec.Body.String(), "Verificación de certificado", "Desconocido", "No hay ningún certificado con este código", "NOEXISTE01")
		})
		t.Run("valid", func(t *testing.T) {
			out := verify(t, "/api/v1/verify/VALID00001")
			if out["status"] != "valid" || out["name"] != "María José Pérez Rojas" || out["course_id"] != sampleCourse ||
				out["course"] != "Curso de prueba" || out["issued_at"] != day || out["expires_at"] == nil || out["revoked_at"] != nil {
				t.Errorf("valid certificate: %v", out)
			}
			if out := verify(t, "/api/v1/verify/VALID00001?lang=en"); out["course"] != "Test course" {
				t.Errorf("course title in English: %v", out["course"])
			}
			rec := e.browser().get("/verify/VALID00001")
			mustContain(t, "page", rec.Body.String(), "Válido", "María José Pérez Rojas", "Curso de prueba")
			mustNotContain(t, "page", rec.Body.String(), "PNB-1001", "85.5")
		})
		t.Run("expired", func(t *testing.T) {
			if out := verify(t, "/api/v1/verify/EXPIRED001"); out["status"] != "expired" || out["name"] != "Ana Núñez" {
				t.Errorf("expired certificate: %v", out)
			}
			mustContain(t, "page", e.browser().get("/verify/EXPIRED001").Body.String(), "Vencido")
		})
		t.Run("revoked", func(t *testing.T) {
			if rec := e.api(http.MethodPost, "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Fraude comprobado"}); rec.Code != http.StatusOK {
				t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
			}
			if out := verify(t, "/api/v1/verify/VALID00001"); out["status"] != "revoked" || out["revoked_at"] != day {
				t.Errorf("revoked certificate: %v", out)
			}
			rec := e.browser().get("/verify/VALID00001")
			mustContain(t, "page", rec.Body.String(), "<strong>Revocado</strong> ("+e.clock.Now().UTC().Format("02/01/2006")+")")
			mustNotContain(t, "page", rec.Body.String(), "Fraude")
		})
	})
}
