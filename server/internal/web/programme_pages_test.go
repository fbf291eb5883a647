package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"aula/internal/pgtest"
)

// The programme's pages in the role × route tables (uiroles_test.go, programme_test.go).
func init() {
	protectedUI = append(protectedUI,
		uiRoute{"GET", "/agencies", "/agencies", anyStaff},
		uiRoute{"POST", "/agencies", "/agencies", adminOnly},
		uiRoute{"POST", "/officers/PNB-1001/commander", "/officers/:badge/commander", orgWrite},
		uiRoute{"GET", "/requirements", "/requirements", anyStaff},
		uiRoute{"POST", "/requirements", "/requirements", orgWrite},
		uiRoute{"GET", "/requirements/999/delete", "/requirements/:id/delete", orgWrite},
		uiRoute{"POST", "/requirements/999/delete", "/requirements/:id/delete", orgWrite},
		uiRoute{"GET", "/compliance", "/compliance", anyStaff},
		uiRoute{"GET", "/compliance/export?format=csv", "/compliance/export", anyStaff},
		uiRoute{"GET", "/stations/CCS-01/compliance.pdf", "/stations/:code/compliance.pdf", anyStaff},
	)
}

// TestComplianceDrillDown: an administrator adds a requirement with the form, then walks the
// dashboard national → state → agency → station → officer, each level linking to the next, with
// its chart; the tables download as CSV and XLSX with the same figures; the station's PDF is one.
func TestComplianceDrillDown(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		rec := b.post("/requirements", url.Values{"course_id": {sampleCourse}, "due": {"days"}, "due_days": {"30"}, "window_days": {"60"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("add requirement: %d %s", rec.Code, rec.Body)
		}
		mustContain(t, "requirements page", rec.Body.String(), "Formación obligatoria añadida", "Todos los funcionarios", "30 días")

		page := b.get("/compliance").Body.String()
		mustContain(t, "national", page, "Nacional", "<svg", "Situación por estado", `href="/compliance?state=Distrito+Capital"`, "Zulia", "últimos 12 meses")
		page = b.get("/compliance?state=Distrito+Capital").Body.String()
		mustContain(t, "state", page, `href="/compliance?agency=CPNB&amp;state=Distrito+Capital"`, "Situación por cuerpo")
		mustNotContain(t, "state", page, "PEZ")
		page = b.get("/compliance?agency=CPNB&state=Distrito+Capital").Body.String()
		mustContain(t, "agency", page, `station=CCS-01`, "Situación por estación")
		page = b.get("/compliance?agency=CPNB&state=Distrito+Capital&station=CCS-01").Body.String()
		mustContain(t, "station", page, "Situación por curso", "PNB-1001", "/stations/CCS-01/compliance.pdf", "Pendiente")
		page = b.get("/compliance?agency=CPNB&state=Distrito+Capital&station=CCS-01&badge=PNB-1001").Body.String()
		mustContain(t, "officer", page, "ficha del funcionario", `href="/officers/PNB-1001"`)

		// The national table, as CSV and XLSX: one row per state, the same counts.
		rec = b.get("/compliance/export?format=csv&table=units")
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", rec.Code, rec.Header())
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
		if err != nil || len(rows) != 3 || rows[0][0] != "Estado" || rows[1][0] != "Distrito Capital" || rows[2][0] != "Zulia" {
			t.Fatalf("csv rows: %v %v", err, rows)
		}
		rec = b.get("/compliance/export?format=xlsx&table=units")
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		xrows, _ := f.GetRows("Sheet1")
		if len(xrows) != 3 || xrows[1][0] != "Distrito Capital" || xrows[1][1] != rows[1][1] || xrows[2][6] != rows[2][6] {
			t.Errorf("xlsx %v differs from csv %v", xrows, rows)
		}
		rec = b.get("/compliance/export?format=csv&table=rows&station=CCS-01")
		officers, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
		if err != nil || len(officers) < 2 || officers[1][3] != "CCS-01" {
			t.Fatalf("officer rows: %v %v", err, officers)
		}
		// A person's download: Spanish columns and dd/mm/aaaa days (English with ?lang=en), days as
		// date cells in the XLSX; the API's rows keep ISO days.
		due := regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)
		if officers[0][0] != "Credencial" || officers[0][8] != "Fecha límite" || !due.MatchString(officers[1][8]) {
			t.Errorf("officer rows in Spanish: %v", officers[:2])
		}
		rec = b.get("/compliance/export?format=csv&table=rows&station=CCS-01&lang=en")
		en, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
		if len(en) < 2 || en[0][0] != "Badge" || !regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} \d{4}$`).MatchString(en[1][8]) {
			t.Errorf("officer rows in English: %v", en)
		}
		xf, err := excelize.OpenReader(bytes.NewReader(b.get("/compliance/export?format=xlsx&table=rows&station=CCS-01").Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if x, _ := xf.GetRows("Sheet1"); len(x) < 2 || x[1][8] != officers[1][8] {
			t.Errorf("xlsx due day %v, want %q as in the CSV", x, officers[1][8])
		}
		if v, _ := xf.GetCellValue("Sheet1", "I2", excelize.Options{RawCellValue: true}); regexp.MustCompile(`\D`).MatchString(v) {
			t.Errorf("xlsx due day is stored as %q, want a date serial number", v)
		}
		if api := e.api(http.MethodGet, "/api/v1/compliance?station=CCS-01", e.adminToken(), nil).Body.String(); !regexp.MustCompile(`"due_at":"\d{4}-\d{2}-\d{2}`).MatchString(api) {
			t.Errorf("API compliance rows: %.300s", api)
		}
		if rec := b.get("/compliance/export?format=pdf"); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("export in an unknown format: %d, want 422", rec.Code)
		}
		if rec := b.get("/compliance?status=late"); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("unknown status filter: %d, want 422", rec.Code)
		}
		rec = b.get("/stations/CCS-01/compliance.pdf")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF")) {
			t.Errorf("station pdf: %d %s", rec.Code, rec.Header())
		}
	})
}

// TestRequirementForms: a bad form says what to fix and keeps what was typed; deleting asks
// first; a coordinator's page offers only his agency; an auditor sees no form.
func TestRequirementForms(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		rec := b.post("/requirements", url.Values{"course_id": {sampleCourse}, "due": {"date"}, "due_date": {"15/01/2027"}, "rank": {"Oficial"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad date: %d", rec.Code)
		}
		mustContain(t, "bad date", rec.Body.String(), "AAAA-MM-DD", `value="Oficial"`)
		rec = b.post("/requirements", url.Values{"course_id": {sampleCourse}, "due": {"date"}, "due_date": {"2027-01-15"}, "agency": {"PEZ"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("add: %d %s", rec.Code, rec.Body)
		}
		mustContain(t, "list", rec.Body.String(), "Cuerpo PEZ", "15/01/2027", `href="/requirements/1/delete"`)
		mustContain(t, "confirm", b.get("/requirements/1/delete").Body.String(), "¿Retirar", "Sí, retirarla")
		if rec := b.post("/requirements/1/delete", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "retirada") {
			t.Errorf("delete: %d", rec.Code)
		}
		if rec := b.get("/requirements/1/delete"); rec.Code != http.StatusNotFound {
			t.Errorf("deleted requirement: %d, want 404", rec.Code)
		}
		coord := loggedIn(e, "coord", adminPass).get("/requirements").Body.String()
		mustContain(t, "coordinator", coord, `<option value="CPNB"`, `<option value="CCS-01"`)
		mustNotContain(t, "coordinator", coord, `<option value="PEZ"`, `<option value="MCB-02"`, "Todos los cuerpos")
		mustNotContain(t, "auditor", loggedIn(e, "auditora", adminPass).get("/requirements").Body.String(), `action="/requirements"`)
	})
}

// TestOrganisationForms: agencies are added and listed; the station form asks agency and state
// (the 24 federal entities); the staff form offers the four roles and a coordinator's agency; an
// officer is made commander and removed with one button.
func TestOrganisationForms(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		rec := b.post("/agencies", url.Values{"code": {"pmsucre"}, "name": {"Policía Municipal de Sucre"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("agency: %d %s", rec.Code, rec.Body)
		}
		mustContain(t, "agencies", rec.Body.String(), "PMSUCRE", "Policía Municipal de Sucre")
		if rec := b.post("/agencies", url.Values{"code": {"no vale"}, "name": {"x"}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("bad agency code: %d", rec.Code)
		}
		page := b.get("/stations").Body.String()
		mustContain(t, "station form", page, `name="agency"`, `<option value="Distrito Capital"`, `<option value="Zulia"`, `<option value="La Guaira"`)
		rec = b.post("/stations", url.Values{"code": {"PTO-09"}, "name": {"Puerto Ayacucho"}, "agency": {"PMSUCRE"}, "state": {"Amazonas"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("station: %d %s", rec.Code, rec.Body)
		}
		mustContain(t, "stations", rec.Body.String(), "PMSUCRE", "Amazonas")
		page = b.get("/staff").Body.String()
		mustContain(t, "staff form", page, `value="coordinator"`, `value="auditor"`, `<option value="CPNB"`)
		rec = b.post("/staff", url.Values{"username": {"coord2"}, "role": {"coordinator"}, "password": {"una clave larga 2026"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("coordinator without agency: %d", rec.Code)
		}
		rec = b.post("/officers/PNB-1001/commander", url.Values{"on": {"1"}})
		mustContain(t, "commander", rec.Body.String(), "es ahora jefe de la estación CCS-01", "Quitar como jefe de estación")
		rec = b.post("/officers/PNB-1001/commander", url.Values{"on": {"0"}})
		mustContain(t, "not commander", rec.Body.String(), "ya no es jefe", "Hacer jefe de estación")
	})
}
