package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestImportStrayQuote: a quote inside a field, in any column, is a 422 that names the line, on
// the API and on the web form, for the officer CSV and the certificate CSV; never a 500.
func TestImportStrayQuote(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		b := loggedIn(e, adminUser, adminPass)
		officers := rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
			"x\"y,Jose,Pérez,Oficial,CCS-01,4821\n"
		rec := e.api(http.MethodPost, "/api/v1/officers/import?lang=en", admin, officers)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `officers.csv:3: `) {
			t.Errorf("API officer import with a stray quote: %d %s", rec.Code, rec.Body)
		}
		rec = b.upload("/officers/import", "csv", "plantilla.csv", []byte(officers))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `plantilla.csv:3: `) {
			t.Errorf("web officer import with a stray quote: %d %.400s", rec.Code, rec.Body)
		}
		certs := "badge,title,hours,date\nx\"y,Taller,4,2026-11-20\n"
		rec = e.api(http.MethodPost, "/api/v1/certificates/import", admin, certs)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `attendees.csv:2: `) {
			t.Errorf("API certificate import with a stray quote: %d %s", rec.Code, rec.Body)
		}
		if n := e.officerCount(admin); n != 0 {
			t.Errorf("a refused import left %d officers", n)
		}
	})
}

// TestImportReportsStationsWithFormatProblems: one run lists the bad formats and the unknown
// stations together, so one fix-and-retry is enough.
func TestImportReportsStationsWithFormatProblems(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		in := rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,123\n" +
			"PNB-1002,Luis,Gómez,Oficial,XYZ-99,4821\n"
		rec := e.api(http.MethodPost, "/api/v1/officers/import?lang=en", admin, in)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "officers.csv:2: ") || !strings.Contains(body, `officers.csv:3: `) ||
			!strings.Contains(body, "XYZ-99") {
			t.Errorf("import with a short PIN and an unknown station: %d %s", rec.Code, body)
		}
	})
}

// TestImportRefusesWeakPINs: guessable PINs are refused with a line and a reason, in Spanish by
// default and in English on request; the PIN is never echoed.
func TestImportRefusesWeakPINs(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		in := rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
			"PNB-1002,Luis,Gómez,Oficial,CCS-01,3456\n" +
			"PNB-1003,Ana,Núñez,Oficial,CCS-01,5555\n" +
			"PNB-1004,Eva,Ruiz,Oficial,CCS-01,87654\n" +
			"PNB-2468,Rosa,Díaz,Oficial,CCS-01,2468\n"
		for lang, want := range map[string][]string{
			"es": {"officers.csv:3: ", "officers.csv:4: ", "officers.csv:5: ", "officers.csv:6: ", "PIN"},
			"en": {"officers.csv:3: ", "officers.csv:4: ", "officers.csv:5: ", "officers.csv:6: ", "badge"},
		} {
			rec := e.api(http.MethodPost, "/api/v1/officers/import?lang="+lang, admin, in)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("%s: weak PINs accepted: %d %s", lang, rec.Code, rec.Body)
			}
			mustContain(t, lang, rec.Body.String(), want...)
			mustNotContain(t, lang, rec.Body.String(), "officers.csv:2:", "3456", "5555", "87654", "\"2468\"")
		}
	})
}

// TestNamesRefuseControlCharacters: invalid UTF-8 and control characters are refused wherever
// staff type a name or a reason: station names, certificate titles, revoke reasons, and the
// officer CSV's names.
func TestNamesRefuseControlCharacters(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		for _, bad := range []string{"Caracas\x00Centro", "Caracas\u202eortneC", "Caracas\nCentro", "Caracas \xff"} {
			rec := e.api(http.MethodPost, "/api/v1/stations", admin, map[string]string{"code": "BAD-01", "name": bad})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("station name %q: %d %s", bad, rec.Code, rec.Body)
			}
			rec = e.api(http.MethodPost, "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": bad})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("revoke reason %q: %d %s", bad, rec.Code, rec.Body)
			}
			rec = e.api(http.MethodPost, "/api/v1/certificates/import", admin, "badge,title,hours,date\nPNB-1001,"+bad+",4,2026-11-20\n")
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("certificate title %q: %d %s", bad, rec.Code, rec.Body)
			}
		}
		rec := e.api(http.MethodPost, "/api/v1/officers/import?lang=en", admin,
			rosterHeader+"PNB-1009,Mar\xeda,Pérez,Oficial,CCS-01,4821\nPNB-1010,Ana,Pérez\tRojas,Oficial,CCS-01,4821\n")
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "UTF-8") || !strings.Contains(rec.Body.String(), "officers.csv:3: ") {
			t.Errorf("officer CSV with Latin-1 and a tab: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestExportNeutralisesFormulas: every cell of a CSV export that a spreadsheet would run as a
// formula starts with a quote, whatever column it is in (a badge or a name included).
func TestExportNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		db := e.db()
		e.exec(db, `UPDATE officers SET given_names = ? WHERE badge = 'PNB-1003'`, `=HYPERLINK("http://evil.example","x")`)
		e.exec(db, `UPDATE officers SET badge = ? WHERE badge = 'PNB-1003'`, "\t=1+1")
		e.exec(db, `UPDATE officers SET given_names = ? WHERE badge = 'PNB-1001'`, "@SUM(A1)")
		e.exec(db, `UPDATE stations SET code = ? WHERE code = 'MCB-02'`, "-2+3")
		b := loggedIn(e, adminUser, adminPass)
		rec := b.get("/attempts?format=csv")
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil || len(rows) != 5 {
			t.Fatalf("export: %d rows, %v\n%s", len(rows), err, rec.Body)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("cell %q would run as a formula", cell)
				}
			}
		}
		mustContain(t, "export", rec.Body.String(), `'=HYPERLINK(`, "'\t=1+1", "'@SUM(A1)", "'-2+3")
	})
}
