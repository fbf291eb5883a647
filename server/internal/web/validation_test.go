package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestAPIInvalidInput: bad input gets a 4xx with a message (and per-field messages for a 422),
// never a 5xx, and changes nothing.
func TestAPIInvalidInput(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		long := strings.Repeat("x", 121)

		tests := []struct {
			name, method, path string
			body               any
			status             int
			fields             []string // for 422: the fields named, exactly
		}{
			{"station: empty", "POST", "/api/v1/stations", map[string]string{"code": "", "name": ""}, 422, []string{"code", "name"}},
			{"station: code too short", "POST", "/api/v1/stations", map[string]string{"code": "X", "name": "Uno"}, 422, []string{"code"}},
			{"station: code with space", "POST", "/api/v1/stations", map[string]string{"code": "CCS 09", "name": "Uno"}, 422, []string{"code"}},
			{"station: code with accent", "POST", "/api/v1/stations", map[string]string{"code": "PEÑA-1", "name": "Uno"}, 422, []string{"code"}},
			{"station: code starts with dash", "POST", "/api/v1/stations", map[string]string{"code": "-AB", "name": "Uno"}, 422, []string{"code"}},
			{"station: name too long", "POST", "/api/v1/stations", map[string]string{"code": "OK-01", "name": long}, 422, []string{"name"}},
			{"station: name blank", "POST", "/api/v1/stations", map[string]string{"code": "OK-01", "name": "   "}, 422, []string{"name"}},
			{"station: null body", "POST", "/api/v1/stations", "null", 422, []string{"code", "name"}},
			{"station: malformed JSON", "POST", "/api/v1/stations", `{"code": "OK-01",`, 400, nil},
			{"station: unknown field", "POST", "/api/v1/stations", `{"code": "OK-01", "name": "Uno", "admin": true}`, 400, nil},
			{"station: wrong type", "POST", "/api/v1/stations", `{"code": 5, "name": "Uno"}`, 400, nil},
			{"station: trailing data", "POST", "/api/v1/stations", `{"code": "OK-01", "name": "Uno"} {"code": "OK-02"}`, 400, nil},
			{"station: array", "POST", "/api/v1/stations", `[]`, 400, nil},
			{"station: empty body", "POST", "/api/v1/stations", "", 400, nil},
			{"station: duplicate code", "POST", "/api/v1/stations", map[string]string{"code": "CCS-01", "name": "Otra"}, 409, nil},
			{"station: duplicate code in lowercase", "POST", "/api/v1/stations", map[string]string{"code": "ccs-01", "name": "Otra"}, 409, nil},

			{"staff: everything wrong", "POST", "/api/v1/staff", map[string]string{"username": "Ab", "role": "boss", "password": "short"}, 422, []string{"password", "role", "username"}},
			{"staff: missing fields", "POST", "/api/v1/staff", `{}`, 422, []string{"password", "role", "username"}},
			{"staff: username with space", "POST", "/api/v1/staff", map[string]string{"username": "ana perez", "role": "trainer", "password": "una-clave-larga"}, 422, []string{"username"}},
			{"staff: uppercase username", "POST", "/api/v1/staff", map[string]string{"username": "Ana", "role": "trainer", "password": "una-clave-larga"}, 422, []string{"username"}},
			{"staff: role in Spanish", "POST", "/api/v1/staff", map[string]string{"username": "ana", "role": "formador", "password": "una-clave-larga"}, 422, []string{"role"}},
			{"staff: password too long", "POST", "/api/v1/staff", map[string]string{"username": "ana", "role": "admin", "password": strings.Repeat("p", 201)}, 422, []string{"password"}},
			{"staff: malformed JSON", "POST", "/api/v1/staff", `{"username": "ana"`, 400, nil},
			{"staff: unknown field", "POST", "/api/v1/staff", `{"username": "ana", "role": "admin", "password": "una-clave-larga", "locked": false}`, 400, nil},
			{"staff: duplicate username", "POST", "/api/v1/staff", map[string]string{"username": trainerUser, "role": "admin", "password": "una-clave-larga"}, 409, nil},

			{"login: empty", "POST", "/api/v1/auth/login", `{}`, 422, []string{"password", "username"}},
			{"login: malformed JSON", "POST", "/api/v1/auth/login", `{"username":`, 400, nil},
			{"login: unknown field", "POST", "/api/v1/auth/login", `{"user": "admin", "password": "x"}`, 400, nil},

			{"revoke: reason too short", "POST", "/api/v1/certificates/C1/revoke", map[string]string{"reason": "no"}, 422, []string{"reason"}},
			{"revoke: no reason", "POST", "/api/v1/certificates/C1/revoke", `{}`, 422, []string{"reason"}},
			{"revoke: reason too long", "POST", "/api/v1/certificates/C1/revoke", map[string]string{"reason": strings.Repeat("r", 501)}, 422, []string{"reason"}},
			{"revoke: malformed JSON", "POST", "/api/v1/certificates/C1/revoke", `{"reason"`, 400, nil},
			{"revoke: unknown field", "POST", "/api/v1/certificates/C1/revoke", `{"reason": "Fraude comprobado", "force": true}`, 400, nil},
			{"revoke: unknown certificate", "POST", "/api/v1/certificates/NOPE/revoke", map[string]string{"reason": "Fraude comprobado"}, 404, nil},

			{"unknown course", "GET", "/api/v1/courses/no-existe/1", nil, 404, nil},
			{"unknown version", "GET", "/api/v1/courses/curso-de-prueba/2", nil, 404, nil},
			{"version zero", "GET", "/api/v1/courses/curso-de-prueba/0", nil, 404, nil},
			{"version not a number", "GET", "/api/v1/courses/curso-de-prueba/uno", nil, 404, nil},
			{"version negative", "GET", "/api/v1/courses/curso-de-prueba/-1", nil, 404, nil},
			{"version huge", "GET", "/api/v1/courses/curso-de-prueba/99999999999999999999999", nil, 404, nil},
			{"unknown badge", "GET", "/api/v1/officers/PNB-9999", nil, 404, nil},
			{"unknown API path", "GET", "/api/v1/nothing/here", nil, 404, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := e.api(tt.method, tt.path, admin, tt.body)
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
				}
				_, fields := jsonError(t, rec)
				var names []string
				for k, msg := range fields {
					names = append(names, k)
					if msg == "" {
						t.Errorf("field %s without a message", k)
					}
				}
				slices.Sort(names)
				if !slices.Equal(names, tt.fields) {
					t.Errorf("fields %v, want %v (%s)", names, tt.fields, rec.Body)
				}
			})
		}

		// Nothing above changed anything.
		if rec := e.api("GET", "/api/v1/stations", admin, nil); strings.Count(rec.Body.String(), `"code"`) != 2 {
			t.Errorf("stations after bad input: %s", rec.Body)
		}
		if rec := e.api("GET", "/api/v1/staff", admin, nil); strings.Count(rec.Body.String(), `"username"`) != 2 {
			t.Errorf("staff after bad input: %s", rec.Body)
		}
		if rec := e.api("GET", "/api/v1/certificates?badge=PNB-1001", admin, nil); !strings.Contains(rec.Body.String(), `"status":"valid"`) {
			t.Errorf("certificate after bad revocations: %s", rec.Body)
		}

		// Revoking twice is a conflict; the first revocation stands.
		if rec := e.api("POST", "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Primera revocación"}); rec.Code != http.StatusOK {
			t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
		}
		rec := e.api("POST", "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Segunda revocación"})
		if rec.Code != http.StatusConflict {
			t.Errorf("revoking twice: %d, want 409 (%s)", rec.Code, rec.Body)
		}
		jsonError(t, rec)
		if c, err := e.store.FindCertificate(context.Background(), "C1"); err != nil || c.RevokedReason != "Primera revocación" {
			t.Errorf("after revoking twice: %+v %v", c, err)
		}
	})
}

// TestAPIBodyLimit: a body over the limit is a 413 whether or not it declares its length, on
// JSON routes (1 MB) and on upload routes (25 MB).
func TestAPIBodyLimit(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		big := `{"code": "OK-01", "name": "` + strings.Repeat("x", 2<<20) + `"}`
		huge := bytes.Repeat([]byte("x"), 26<<20)

		tests := []struct {
			name, path string
			body       []byte
			chunked    bool
		}{
			{"station, with length", "/api/v1/stations", []byte(big), false},
			{"station, chunked", "/api/v1/stations", []byte(big), true},
			{"staff, chunked", "/api/v1/staff", []byte(`{"username": "` + strings.Repeat("a", 2<<20) + `"}`), true},
			{"login, with length", "/api/v1/auth/login", []byte(big), false},
			{"course zip, with length", "/api/v1/courses", huge, false},
			{"course zip, chunked", "/api/v1/courses", huge, true},
			{"officer CSV, chunked", "/api/v1/officers/import", huge, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := httptest.NewRequest(http.MethodPost, tt.path, bytes.NewReader(tt.body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+admin)
				req.RemoteAddr = e.nextIP()
				if tt.chunked {
					req.ContentLength = -1
					req.Body = io.NopCloser(bytes.NewReader(tt.body))
				}
				rec := e.serve(req)
				if rec.Code != http.StatusRequestEntityTooLarge {
					t.Fatalf("status %d, want 413: %.300s", rec.Code, rec.Body)
				}
				jsonError(t, rec)
			})
		}
	})
}
