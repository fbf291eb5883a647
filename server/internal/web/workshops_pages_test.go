package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/server/internal/store"
)

// scheduleByForm fills the "Nuevo taller" form as b and returns the new workshop's id.
func scheduleByForm(t *testing.T, b *browser, form url.Values) string {
	t.Helper()
	rec := b.post("/workshops", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("schedule: %d %.500s", rec.Code, rec.Body)
	}
	loc := rec.Header().Get("Location")
	id, ok := strings.CutPrefix(loc, "/workshops/")
	if !ok {
		t.Fatalf("schedule went to %q", loc)
	}
	id, _, _ = strings.Cut(id, "?")
	return id
}

// workshopForm is a valid "Nuevo taller" form at station.
func workshopForm(station string) url.Values {
	return url.Values{"title_es": {"Taller de gestión policial"}, "title_en": {"Police management workshop"}, "area": {"police-management"},
		"hours": {"4,5"}, "station": {station}, "date": {"2026-11-20"}, "trainer": {"Prof. Ramírez"}}
}

// TestWorkshopPagesSchedulingToApproval: the form refuses bad input with each field's message and
// keeps what was typed; a paper roster with an unknown badge shows FILE:LINE and writes nothing;
// the workshop page flags an officer of another station and a guest; approval needs the confirm
// box, then shows each participant's verify code, and the hours reach the officer's "Formación"
// section and its constancia PDF. In Spanish and in English.
func TestWorkshopPagesSchedulingToApproval(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		b := loggedIn(e, adminUser, adminPass)

		form := mustGet(t, b, "/workshops/new")
		mustContain(t, "new workshop form", form, "<h1>Nuevo taller</h1>", "Cuenta para el curso", `name="counts"`, "CCS-01 — ", "Gestión policial")
		bad := workshopForm("CCS-01")
		bad.Set("hours", "muchas")
		bad.Set("area", "karate")
		bad.Set("title_es", "")
		rec := b.post("/workshops", bad)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", rec.Code)
		}
		mustContain(t, "bad form", rec.Body.String(), "Las horas del taller deben ser un número", "Elija el área", `value="Police management workshop"`, `value="muchas"`)
		var n int
		if err := e.db().QueryRow(`SELECT count(*) FROM workshops`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a refused form wrote %d workshops (%v)", n, err)
		}

		id := scheduleByForm(t, b, workshopForm("CCS-01"))
		page := mustGet(t, b, "/workshops/"+id+"?done=created")
		mustContain(t, "new workshop", page, "Taller programado", "Programado", "20/11/2026", "4,5", "Prof. Ramírez", "Gestión policial", "Todavía no hay nadie")

		// A paper roster: the unknown badge on line 3 is named and nothing is written.
		rec = b.upload("/workshops/"+id+"/roster", "roster", "planilla.csv", []byte("badge,nombre\nPNB-1001,María\nPNB-9999,Nadie\n"))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("roster with an unknown badge: %d", rec.Code)
		}
		mustContain(t, "roster refused", rec.Body.String(), "planilla.csv:3: ", "PNB-9999", "La planilla no se cargó")
		if err := e.db().QueryRow(`SELECT count(*) FROM workshop_attendance`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a refused roster wrote %d rows (%v)", n, err)
		}
		rec = b.upload("/workshops/"+id+"/roster", "roster", "planilla.csv", []byte("nombre\nMaría\n"))
		mustContain(t, "roster without header", rec.Body.String(), "planilla.csv:1: la primera línea debe ser badge")
		rec = b.upload("/workshops/"+id+"/roster", "roster", "planilla.csv", []byte("badge\nPNB-1001\npnb-1003\n"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("roster: %d %.400s", rec.Code, rec.Body)
		}
		db := e.db()
		e.exec(db, `INSERT INTO workshop_guests (id, workshop_id, name, document, institution, source, added_by, added_at, received_at)
			VALUES ('G1', ?, 'Carmen Ávila', 'V-12345678', 'Ministerio Público', 'N1', 'PNB-1002', '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z')`, id)
		page = mustGet(t, b, "/workshops/"+id+"?done=roster&n=2")
		mustContain(t, "workshop with its list", page, "Planilla cargada: 2 funcionarios", "Lista cerrada", "María José Pérez Rojas", "Ana Núñez",
			"de otra estación", "1 de otra estación", "Carmen Ávila", "Ministerio Público", "V-12345678", "planilla en papel", "Aprobar y acreditar horas")

		// Approval: the confirm box first.
		if rec = b.post("/workshops/"+id+"/approve", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("approve without confirming: %d", rec.Code)
		}
		mustContain(t, "approve unconfirmed", rec.Body.String(), "Marque la casilla de confirmación")
		if rec = b.post("/workshops/"+id+"/approve", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("approve: %d %.300s", rec.Code, rec.Body)
		}
		page = mustGet(t, b, "/workshops/"+id+"?done=approved")
		mustContain(t, "approved workshop", page, "Taller aprobado", "Aprobado por", adminUser, `href="/verify/`)
		mustNotContain(t, "approved workshop", page, "Aprobar y acreditar horas", `action="/workshops/`+id+`/roster"`)
		if rec = b.post("/workshops/"+id+"/approve", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusConflict {
			t.Errorf("approve twice: %d, want 409", rec.Code)
		}

		officer := mustGet(t, b, "/officers/PNB-1001")
		mustContain(t, "officer's training", officer, "<h2 id=\"training\">Formación</h2>", "Taller de gestión policial", "Gestión policial", "4,5",
			"Constancia (PDF)", `href="/officers/PNB-1001/constancia.pdf"`, "2026")
		pdf := b.get("/officers/PNB-1001/constancia.pdf")
		if pdf.Code != http.StatusOK || pdf.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF")) {
			t.Errorf("constancia: %d %s", pdf.Code, pdf.Header().Get("Content-Type"))
		}

		// The same pages in English.
		en := mustGet(t, b, "/workshops/"+id+"?lang=en")
		mustContain(t, "workshop in English", en, `<html lang="en">`, "Police management workshop", "Approved", "another station", "Attendance")
		mustNotContain(t, "workshop in English", en, "Asistencia", "invitado")
		mustContain(t, "officer in English", mustGet(t, b, "/officers/PNB-1001"), "<h2 id=\"training\">Training</h2>", "Transcript (PDF)")
		mustContain(t, "list in English", mustGet(t, b, "/workshops"), "<h1>Workshops</h1>", "Workshops held", "Training hours per year")
		mustContain(t, "form in English", mustGet(t, b, "/workshops/new"), "<h1>New workshop</h1>", "Counts for the course")
	})
}

// TestWorkshopListFiltersExportsAndReport: the list filters by force, station, status and dates
// and a coordinator sees only his force's workshops (another's is 404, and its station is refused
// in the form); the list's CSV and XLSX and both reports (workshops held, hours per year) parse
// back with the rows the page shows.
func TestWorkshopListFiltersExportsAndReport(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		admin := loggedIn(e, adminUser, adminPass)
		ccs := scheduleByForm(t, admin, workshopForm("CCS-01"))
		other := workshopForm("MCB-02")
		other.Set("title_es", "Taller de uso de la fuerza")
		other.Set("area", "use-of-force")
		other.Set("date", "2026-10-05")
		mcb := scheduleByForm(t, admin, other)
		if rec := admin.upload("/workshops/"+mcb+"/roster", "roster", "r.csv", []byte("badge\nPNB-1003\n")); rec.Code != http.StatusSeeOther {
			t.Fatalf("roster: %d", rec.Code)
		}
		if rec := admin.post("/workshops/"+mcb+"/approve", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("approve: %d", rec.Code)
		}

		list := mustGet(t, admin, "/workshops")
		mustContain(t, "list", list, "Taller de gestión policial", "Taller de uso de la fuerza", "Talleres realizados", "Zulia", "Horas de formación por año")
		for q, want := range map[string]string{"station=CCS-01": ccs, "status=approved": mcb, "agency=PEZ": mcb, "from=2026-11-01": ccs,
			"to=2026-10-31": mcb, "state=Zulia": mcb} {
			page := mustGet(t, admin, "/workshops?"+q)
			notWant := ccs
			if want == ccs {
				notWant = mcb
			}
			mustContain(t, q, page, "/workshops/"+want)
			mustNotContain(t, q, page, "/workshops/"+notWant)
		}
		if rec := admin.get("/workshops?from=ayer"); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a bad date filter: %d, want 422", rec.Code)
		}

		// The page's downloads are for a person: Spanish columns, status and area, dd/mm/aaaa days and
		// decimal commas (English with ?lang=en); the API's keep the contract's columns.
		rows := readCSV(t, admin.get("/workshops?format=csv&status=approved"))
		if len(rows) != 2 || rows[1][0] != mcb || rows[1][10] != "Aprobado" || rows[1][11] != "1" || rows[0][1] != "Fecha" ||
			rows[1][1] != "05/10/2026" || rows[1][6] != "Uso de la fuerza" {
			t.Errorf("list CSV: %v", rows)
		}
		rows = readCSV(t, admin.get("/workshops?format=csv&status=approved&lang=en"))
		if len(rows) != 2 || rows[0][1] != "Date" || rows[1][1] != "5 Oct 2026" || rows[1][10] != "Approved" {
			t.Errorf("list CSV in English: %v", rows)
		}
		if rows := readXLSX(t, admin.get("/workshops?format=xlsx&status=approved")); len(rows) != 2 || rows[1][1] != "05/10/2026" {
			t.Errorf("list XLSX: %v", rows)
		}
		if rec := e.api(http.MethodGet, "/api/v1/workshops?format=csv&status=approved", e.adminToken(), nil); !strings.Contains(rec.Body.String(),
			"id,date,station,agency,state,title,area,hours,trainer,course_id,status,officers,guests") || !strings.Contains(rec.Body.String(), "2026-10-05") {
			t.Errorf("the API's CSV changed: %s", rec.Body)
		}
		if rows := readXLSX(t, admin.get("/workshops?format=xlsx")); len(rows) != 3 {
			t.Errorf("list XLSX: %v", rows)
		}
		held := readCSV(t, admin.get("/workshops/reports?report=held&by=agency&format=csv"))
		if len(held) != 2 || held[1][0] != "PEZ" || held[1][1] != "1" || held[1][3] != "1" || held[1][5] != "4,5" || held[0][1] != "Talleres" {
			t.Errorf("held by force CSV: %v", held)
		}
		if held := readCSV(t, admin.get("/workshops/reports?report=held&by=agency&format=csv&lang=en")); len(held) != 2 || held[1][5] != "4.5" ||
			held[0][1] != "Workshops" {
			t.Errorf("held by force CSV in English: %v", held)
		}
		hours := readXLSX(t, admin.get("/workshops/reports?report=hours&by=state&format=xlsx"))
		if len(hours) == 0 || hours[0][1] != "Año" {
			t.Errorf("hours XLSX header: %v", hours)
		}
		found := false
		for _, r := range hours {
			if len(r) == 4 && r[0] == "Zulia" && r[1] == "2026" {
				found = true
			}
		}
		if !found {
			t.Errorf("hours by state XLSX has no Zulia 2026 row: %v", hours)
		}
		if rec := admin.get("/workshops/reports?report=held"); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a report without a format: %d, want 422", rec.Code)
		}

		// 50 more at CCS-01: two pages, the filters kept in the next page's link; the CSV holds all.
		for i := range 50 {
			w := store.Workshop{ID: fmt.Sprintf("WP%02d", i), Title: courses.Text{"es": "Taller", "en": "Workshop"}, Area: "other", Hours: 2,
				Station: "CCS-01", Day: "2026-09-01"}
			if err := e.store.CreateWorkshop(context.Background(), w, "test"); err != nil {
				t.Fatal(err)
			}
		}
		first := mustGet(t, admin, "/workshops?station=CCS-01")
		mustContain(t, "first page", first, `href="/workshops?page=2&amp;station=CCS-01"`)
		mustContain(t, "second page", mustGet(t, admin, "/workshops?station=CCS-01&page=2"), "/workshops/WP00")
		if rows := readCSV(t, admin.get("/workshops?format=csv&station=CCS-01")); len(rows) != 52 {
			t.Errorf("the CSV holds %d rows, want 51 and the header", len(rows))
		}

		coord := loggedIn(e, "coord", adminPass)
		page := mustGet(t, coord, "/workshops")
		mustContain(t, "coordinator's list", page, "/workshops/"+ccs)
		mustNotContain(t, "coordinator's list", page, "/workshops/"+mcb, "Zulia")
		if rec := coord.get("/workshops/" + mcb); rec.Code != http.StatusNotFound {
			t.Errorf("another force's workshop: %d, want 404", rec.Code)
		}
		if rec := coord.post("/workshops", workshopForm("MCB-02")); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("scheduling at another force's station: %d, want 422", rec.Code)
		}
		// His paper roster may name only his force's officers: PNB-1003 is at PEZ's MCB-02.
		rec := coord.upload("/workshops/"+ccs+"/roster", "roster", "lista.csv", []byte("badge\nPNB-1002\nPNB-1003\n"))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("coordinator's roster with another force's officer: %d", rec.Code)
		}
		mustContain(t, "coordinator's roster", rec.Body.String(), "lista.csv:3: el funcionario PNB-1003 es de otro cuerpo policial")
		if rec := coord.upload("/workshops/"+ccs+"/roster", "roster", "lista.csv", []byte("badge\nPNB-1002\n")); rec.Code != http.StatusSeeOther {
			t.Errorf("coordinator's roster: %d", rec.Code)
		}
		if rows := readCSV(t, coord.get("/workshops?format=csv")); len(rows) != 52 || rows[1][0] != ccs || slices.ContainsFunc(rows, func(r []string) bool { return r[2] == "MCB-02" }) {
			t.Errorf("coordinator's CSV: %v", rows)
		}
		auditor := loggedIn(e, "auditora", adminPass)
		mustNotContain(t, "auditor's workshop page", mustGet(t, auditor, "/workshops/"+ccs), "Aprobar y acreditar horas", "Cargar la planilla")
		mustNotContain(t, "auditor's list", mustGet(t, auditor, "/workshops"), "/workshops/new")
	})
}

func number(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

func mustGet(t *testing.T, b *browser, path string) string {
	t.Helper()
	rec := b.get(path)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %.300s", path, rec.Code, rec.Body)
	}
	return rec.Body.String()
}

func readCSV(t *testing.T, rec interface{ Result() *http.Response }) [][]string {
	t.Helper()
	res := rec.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("CSV: %d", res.StatusCode)
	}
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) > 0 && len(rows[0]) > 0 {
		rows[0][0] = strings.TrimPrefix(rows[0][0], "\ufeff")
	}
	return rows
}

func readXLSX(t *testing.T, rec interface{ Result() *http.Response }) [][]string {
	t.Helper()
	res := rec.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("XLSX: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
