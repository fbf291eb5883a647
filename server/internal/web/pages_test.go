package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestUICoursePreview: the preview shows the lessons as officers read them and the quiz with its
// answer key; lesson images are served from the version, sandboxed.
func TestUICoursePreview(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.publishSample(e.adminToken())
		b := loggedIn(e, trainerUser, trainerPass)

		mustContain(t, "course list", b.get("/courses").Body.String(), "Curso de prueba", `href="/courses/curso-de-prueba/1"`)
		rec := b.get("/courses/curso-de-prueba/1")
		if rec.Code != http.StatusOK {
			t.Fatalf("preview: %d", rec.Code)
		}
		body := rec.Body.String()
		mustContain(t, "preview (es)", body,
			"Curso de prueba", `id="lesson-01-bienvenida"`, `<h1 id="bienvenida">Bienvenida</h1>`,
			`src="/courses/curso-de-prueba/1/files/media/esquema.svg"`, `href="#lesson-02-repaso"`,
			"Cuestionario y clave de respuestas",
			"<strong>✔ Caracas</strong>", "✘ Maracaibo", "<em>Es otra ciudad.</em>",
			"<strong>✔ dos</strong>", "<strong>✔ cuatro</strong>", "✘ tres",
			"Respuesta: Verdadero", "1 → uno", "3 → tres",
			"<li>uno</li><li>dos</li><li>tres</li><li>cuatro</li>",
			"Respuestas aceptadas: 24 horas; veinticuatro", "Respuesta: 48 (± 0)",
			"Aprobación: 70 %")
		mustContain(t, "preview (en)", b.get("/courses/curso-de-prueba/1?lang=en").Body.String(),
			"Test course", "Quiz and answer key", "<strong>✔ Caracas</strong>", "Answer: True", "Accepted answers: 24 hours; twenty-four")

		img := b.get("/courses/curso-de-prueba/1/files/media/esquema.svg")
		if img.Code != http.StatusOK || img.Header().Get("Content-Type") != "image/svg+xml" || !bytes.Equal(img.Body.Bytes(), readSample(t, "media/esquema.svg")) {
			t.Errorf("image: %d %q", img.Code, img.Header().Get("Content-Type"))
		}
		if csp := img.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script-src") {
			t.Errorf("image CSP: %q", csp)
		}
		b.get("/courses?lang=es") // back to Spanish
		for _, p := range []string{
			"/courses/curso-de-prueba/1/files/media/nada.png",
			"/courses/curso-de-prueba/1/files/lessons/01-bienvenida.md", // only media is served
			"/courses/curso-de-prueba/1/files/quiz.yaml",                // the answer key is for staff pages only
			"/courses/curso-de-prueba/2/files/media/esquema.svg",
			"/courses/curso-de-prueba/2",
			"/courses/curso-de-prueba/dos",
			"/courses/no-existe/1",
			"/officers/PNB-9999", // an auditor's page (a trainer's is 403): read as the admin
			"/no/such/page",
		} {
			rec := b.get(p)
			if strings.HasPrefix(p, "/officers/") {
				rec = loggedIn(e, adminUser, adminPass).get(p)
			}
			if rec.Code != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, rec.Code)
			}
			mustContain(t, p, rec.Body.String(), "No se pudo completar (404)", "No se encontró la página que busca.")
		}
	})
}

// TestUIForms: the station, staff and revoke forms create (201/200), refuse bad input with 422
// and the field's message, and report duplicates with 409.
func TestUIForms(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.seedResults(e.adminToken())
		b := loggedIn(e, adminUser, adminPass)

		rec := b.post("/stations", url.Values{"code": {"val-03"}, "name": {"Valencia Sur"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("create station: %d", rec.Code)
		}
		mustContain(t, "station created", rec.Body.String(), "Estación VAL-03 (Valencia Sur) registrada.", `<code class="enroll-code" id="enroll-code">`, "no se volverá a mostrar", "En la estación, ejecute:", "aula-node enroll --server https://aula.example --token ")
		if st, err := e.store.FindStation(context.Background(), "VAL-03"); err != nil || st.Name != "Valencia Sur" {
			t.Errorf("station in store: %+v %v", st, err)
		}
		if strings.Contains(b.get("/stations").Body.String(), `class="enroll-code"`) {
			t.Error("the enrollment token is shown again")
		}

		tests := []struct {
			name, path string
			form       url.Values
			status     int
			want       []string
		}{
			{"station: bad code and no name", "/stations", url.Values{"code": {"X"}, "name": {""}}, 422,
				[]string{"Revise los campos marcados.", `<p class="error">De 2 a 32 letras`, `<p class="error">Escriba el nombre`, `value="X"`}},
			{"station: duplicate", "/stations", url.Values{"code": {"ccs-01"}, "name": {"Otra"}}, 409, []string{"CCS-01", "Ya existe una estación"}},
			{"station: script in name is escaped", "/stations", url.Values{"code": {"XSS-01"}, "name": {"<script>alert(1)</script>"}}, 201,
				[]string{"&lt;script&gt;alert(1)&lt;/script&gt;"}},
			{"staff: created", "/staff", url.Values{"username": {"ana.perez"}, "role": {"trainer"}, "password": {"una-clave-larga"}}, 201,
				[]string{"Cuenta ana.perez creada."}},
			{"staff: bad fields", "/staff", url.Values{"username": {"A B"}, "role": {"root"}, "password": {"corta"}}, 422,
				[]string{"Revise los campos marcados.", "De 3 a 40 letras minúsculas", "al menos 10 caracteres"}},
			{"staff: duplicate", "/staff", url.Values{"username": {"ana.perez"}, "role": {"admin"}, "password": {"una-clave-larga"}}, 409,
				[]string{"ya existe"}},
			{"revoke: reason too short", "/certificates/C1/revoke", url.Values{"reason": {"no"}}, 422,
				[]string{"Revise los campos marcados.", "VALID00001", `aria-invalid="true"`, ">no</textarea>"}},
			{"revoke: unknown certificate", "/certificates/NOPE/revoke", url.Values{"reason": {"Fraude comprobado"}}, 404, nil},
			{"revoke", "/certificates/C1/revoke", url.Values{"reason": {"Fraude comprobado"}}, 200,
				[]string{"Certificado VALID00001 revocado (María José Pérez Rojas", "Revocado", "Fraude comprobado"}},
			{"revoke twice", "/certificates/C1/revoke", url.Values{"reason": {"Otra vez"}}, 409, []string{"ya fue revocado"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := b.post(tt.path, tt.form)
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d: %.2000s", rec.Code, tt.status, rec.Body)
				}
				mustContain(t, tt.name, rec.Body.String(), tt.want...)
			})
		}
		if tok := e.login("ana.perez", "una-clave-larga"); tok == "" {
			t.Error("the account made with the form cannot log in")
		}
	})
}

// TestUIImportAndUpload: the import and upload forms, with their FILE:LINE problems.
func TestUIImportAndUpload(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		admin := e.adminToken()

		bad := rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
			"PNB-1002,Luis,Gómez,Oficial,CCS-01,123\n" +
			"PNB-1003,Ana,Núñez,Inspectora,NOPE-1,97153\n"
		rec := b.upload("/officers/import", "csv", "plantilla.csv", []byte(bad))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad CSV: %d", rec.Code)
		}
		mustContain(t, "bad CSV", rec.Body.String(), "No se importó nada.", `plantilla.csv:3: pin debe tener de 4 a 8 dígitos`)
		if n := e.officerCount(admin); n != 0 {
			t.Errorf("officers after a bad CSV: %d", n)
		}
		rec = b.upload("/officers/import", "csv", "plantilla.csv", []byte(strings.Replace(bad, ",123\n", ",7395\n", 1)))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("unknown station: %d", rec.Code)
		}
		mustContain(t, "unknown station", rec.Body.String(), `plantilla.csv:4: la estación &#34;NOPE-1&#34; no existe`)
		if n := e.officerCount(admin); n != 0 {
			t.Errorf("officers after an unknown station: %d", n)
		}
		rec = b.upload("/officers/import", "csv", "plantilla.csv", []byte(rosterCSV))
		if rec.Code != http.StatusOK {
			t.Fatalf("good CSV: %d", rec.Code)
		}
		mustContain(t, "good CSV", rec.Body.String(), "Importación completa: 3 nuevos, 0 actualizados, 0 cambiados de estación.")
		if rec := b.post("/officers/import", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("import without a file: %d", rec.Code)
		}

		uploads := []struct {
			name   string
			zip    []byte
			status int
			want   []string
		}{
			{"lint problem", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "2"), "lessons/02-repaso.en.md": nil}), 422,
				[]string{"El curso tiene problemas y no se puede publicar.", "curso.zip/lessons/02-repaso.md:1: falta la traducción «en»"}},
			{"zip-slip", zipFiles(t, map[string][]byte{"course.yaml": bumpVersion(t, "2"), "../evil.txt": []byte("x")}), 422, []string{"ruta no segura"}},
			{"not a zip", []byte("hola"), 422, []string{"no es un .zip válido"}},
		}
		for _, u := range uploads {
			rec := b.upload("/courses", "zip", "curso.zip", u.zip)
			if rec.Code != u.status {
				t.Errorf("upload %s: %d, want %d", u.name, rec.Code, u.status)
				continue
			}
			mustContain(t, "upload "+u.name, rec.Body.String(), u.want...)
		}
		if rec := b.post("/courses", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("upload without a file: %d", rec.Code)
		}
		if vs, _ := e.store.ListVersions(context.Background(), ""); len(vs) != 0 {
			t.Errorf("versions before Publicar: %d, want 0", len(vs))
		}
		publishUpload(t, b, sampleZip(t, "", nil))
		rec = b.upload("/courses", "zip", "curso.zip", sampleZip(t, "", nil))
		if rec.Code != http.StatusConflict {
			t.Errorf("upload of the same version: %d, want 409", rec.Code)
		}
		mustContain(t, "upload same version", rec.Body.String(), "versión 1")
		if vs, _ := e.store.ListVersions(context.Background(), ""); len(vs) != 1 {
			t.Errorf("versions: %d, want 1", len(vs))
		}
	})
}

// TestUIResultPages: the officer, attempt, completion and certificate pages, and the CSV exports.
func TestUIResultPages(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		e.seedResults(e.adminToken())
		b := loggedIn(e, adminUser, adminPass)

		pages := []struct {
			path string
			want []string
			not  []string
		}{
			{"/", []string{"<strong>3</strong> funcionarios", "<strong>4</strong> intentos recibidos", "<strong>3</strong> aprobados", "<strong>2</strong> certificados", "María José Pérez Rojas", "CCS-01"}, nil},
			{"/officers", []string{"PNB-1001", "PNB-1002", "PNB-1003", "María José"}, nil},
			{"/officers?station=MCB-02", []string{"PNB-1003"}, []string{"PNB-1001"}},
			{"/officers?q=Angelo", []string{"PNB-1002"}, []string{"PNB-1003"}},
			{"/officers/PNB-1001", []string{"María José", "CCS-01", "Caracas Centro", "VALID00001", "85,5 %", "No aprobado"}, nil},
			{"/attempts", []string{"PNB-1001", "PNB-1003", "40 %"}, nil},
			{"/completions", []string{"85,5 %", "100 %"}, []string{"40 %", "90 %"}},
			{"/certificates", []string{"VALID00001", "EXPIRED001", "Válido", "Vencido", `href="/certificates/C1/revoke"`}, []string{"(s)"}},
			{"/stations", []string{"CCS-01", "Caracas Centro", "MCB-02", "nunca", `action="/stations"`}, nil},
			{"/staff", []string{adminUser, trainerUser, "formador"}, []string{"argon2"}},
			{"/officers/import", []string{"Importar funcionarios", `enctype="multipart/form-data"`}, nil},
		}
		for _, p := range pages {
			rec := b.get(p.path)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s: %d", p.path, rec.Code)
				continue
			}
			mustContain(t, p.path, rec.Body.String(), p.want...)
			mustNotContain(t, p.path, rec.Body.String(), p.not...)
		}

		for path, want := range map[string]int{"/attempts?format=csv": 4, "/completions?format=csv": 2, "/attempts?format=csv&station=MCB-02": 1} {
			rec := b.get(path)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
				!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
				t.Errorf("%s: %d %v", path, rec.Code, rec.Header())
				continue
			}
			data := rec.Body.Bytes()
			if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				t.Errorf("%s: no byte-order mark", path)
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
			if err != nil || len(rows) != want+1 || rows[0][0] != "Credencial" {
				t.Errorf("%s: %d rows, want %d plus the header (%v)", path, len(rows)-1, want, err)
			}
		}
	})
}

// TestUIUploadBodyLimit: an upload over the limit is refused without the server reading it all,
// whether or not the body declares its length, and even without a session or CSRF token.
func TestUIUploadBodyLimit(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		b := loggedIn(e, adminUser, adminPass)
		const size = 40 << 20 // over the 25 MB upload limit
		for _, path := range []string{"/courses", "/officers/import"} {
			for _, tc := range []struct {
				name    string
				chunked bool
				who     *browser
			}{{"declared length", false, b}, {"chunked", true, b}, {"anonymous, chunked", true, e.browser()}} {
				body, ctype := multipartBody(t, map[string]string{"_csrf": tc.who.csrf()}, "zip", "big.zip", nil)
				head := body.Bytes()[:bytes.LastIndex(body.Bytes(), []byte("\r\n--"))]
				tail := body.Bytes()[len(head):]
				src := &countingReader{r: readerOf(head, size, tail)}
				req := newPost(path, nil)
				req.Header.Set("Content-Type", ctype)
				req.Body = src
				req.ContentLength = int64(len(head) + size + len(tail))
				if tc.chunked {
					req.ContentLength = -1
				}
				rec := tc.who.send(req)
				if rec.Code < 400 || rec.Code >= 500 {
					t.Errorf("%s %s: %d, want a 4xx", path, tc.name, rec.Code)
				}
				if !tc.chunked && rec.Code != http.StatusRequestEntityTooLarge {
					t.Errorf("%s %s: %d, want 413", path, tc.name, rec.Code)
				}
				if src.n > 26<<20 {
					t.Errorf("%s %s: the server read %d MB of the body before refusing it", path, tc.name, src.n>>20)
				}
			}
		}
	})
}
