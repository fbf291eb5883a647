package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"aula/internal/pgtest"
	"aula/server/internal/app"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunWithInput(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// The contract's command sequence on a fresh data folder (and a fresh PostgreSQL database): user add, station add, officer
// import, course publish, serve, log in, list.
func TestContractSequence(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", "en_US.UTF-8") // the messages below are the English ones
		data := t.TempDir()
		// The PostgreSQL run keeps the store in its own database, named by AULA_DB for every
		// command.
		db := pgtest.URL(t)
		t.Setenv("AULA_DB", db)
		if out, errs, code := run(t, "una clave larga\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin"); code != 0 {
			t.Fatalf("user add: %d %s %s", code, out, errs)
		}
		out, errs, code := run(t, "", "station", "add", "--data", data, "--code", "CCS-01", "--name", "Caracas Centro")
		if code != 0 {
			t.Fatalf("station add: %d %s", code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if tok := lines[len(lines)-1]; !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$`).MatchString(tok) {
			t.Errorf("the last line of station add is not the enrollment code: %q", tok)
		}
		if _, errs, code := run(t, "", "station", "add", "--data", data, "--code", "CCS-01", "--name", "Otra"); code != 1 || !strings.Contains(errs, "already exists") {
			t.Errorf("duplicate station: %d %s", code, errs)
		}
		t.Setenv("LANG", "es_VE.UTF-8")
		if _, errs, code := run(t, "", "station", "add", "--data", data, "--code", "CCS-01", "--name", "Otra"); code != 1 || !strings.Contains(errs, "Ya existe una estación con el código CCS-01") {
			t.Errorf("duplicate station in Spanish: %d %s", code, errs)
		}
		t.Setenv("LANG", "en_US.UTF-8")

		csv := filepath.Join(t.TempDir(), "officers.csv")
		os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-1,María,Peña,Oficial,CCS-01,4821\nPNB-2,Luis,Ávila,Oficial,CCS-01,99\n"), 0o644)
		if _, errs, code := run(t, "", "officer", "import", "--data", data, "--csv", csv); code != 1 || !strings.Contains(errs, csv+":3: pin must be 4 to 8 digits") {
			t.Fatalf("bad CSV: %d %s", code, errs)
		}
		os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-1,María,Peña,Oficial,CCS-01,4821\nPNB-2,Luis,Ávila,Oficial,CCS-01,9921\n"), 0o644)
		if out, errs, code := run(t, "", "officer", "import", "--data", data, "--csv", csv); code != 0 || !strings.Contains(out, "2 new") {
			t.Fatalf("officer import: %d %s %s", code, out, errs)
		}
		if out, errs, code := run(t, "", "course", "publish", "--data", data, "../../../courses/testdata/sample"); code != 0 || !strings.Contains(out, "published curso-de-prueba version 1") {
			t.Fatalf("course publish: %d %s %s", code, out, errs)
		}
		if out, _, code := run(t, "", "course", "publish", "--data", data, "testdata/broken"); code != 1 || !strings.Contains(out, "testdata/broken/quiz.yaml:1:") {
			t.Errorf("publishing a broken course: %d %s", code, out)
		}

		m, err := app.Open(app.Config{Addr: "127.0.0.1:0", Data: data, DB: db}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		if err := m.Listen(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- m.Run(ctx) }()
		defer func() { cancel(); <-done }()
		base := "http://" + m.Addr()

		resp, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"ana","password":"una clave larga"}`))
		if err != nil {
			t.Fatal(err)
		}
		var login struct{ Token string }
		json.NewDecoder(resp.Body).Decode(&login)
		resp.Body.Close()
		if resp.StatusCode != 200 || login.Token == "" {
			t.Fatalf("login: %d", resp.StatusCode)
		}
		for path, want := range map[string]string{
			"/api/v1/officers": `"badge":"PNB-1"`,
			"/api/v1/stations": `"code":"CCS-01"`,
			"/api/v1/courses":  `"course_id":"curso-de-prueba"`,
			"/api/v1/attempts": `[]`,
		} {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.Header.Set("Authorization", "Bearer "+login.Token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
				t.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
			}
		}
	})
}

func TestBackupCommand(t *testing.T) {
	data := t.TempDir()
	run(t, "una clave larga\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin")
	out := filepath.Join(t.TempDir(), "copia.db")
	if o, errs, code := run(t, "", "backup", "--data", data, "--out", out); code != 0 || !strings.Contains(o, "backup written") {
		t.Fatalf("backup: %d %s", code, errs)
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
	if _, _, code := run(t, "", "backup", "--data", data, "--out", out); code == 0 {
		t.Error("backup overwrote an existing file")
	}
}

func TestEnvironmentVariablesSetFlags(t *testing.T) {
	data := t.TempDir()
	t.Setenv("AULA_DATA", data)
	if _, errs, code := run(t, "", "station", "add", "--code", "ENV-1", "--name", "Desde el entorno"); code != 0 {
		t.Fatalf("station add with AULA_DATA: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(data, "aula-server.db")); err != nil {
		t.Errorf("AULA_DATA ignored: %v", err)
	}
}

// TestCommandsSpeakTheUsersLanguage: what a command prints on success follows LANG, Spanish when
// it is unset, like its errors.
func TestCommandsSpeakTheUsersLanguage(t *testing.T) {
	data := t.TempDir()
	t.Setenv("LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	if out, errs, code := run(t, "clave-de-prueba-2026\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin"); code != 0 || !strings.Contains(out, "cuenta de administrador «ana» creada") {
		t.Errorf("user add without LANG: %d %q %q", code, out, errs)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	if out, errs, code := run(t, "", "station", "add", "--data", data, "--code", "CCS-01", "--name", "Caracas"); code != 0 || !strings.Contains(out, "station CCS-01 (Caracas) registered") {
		t.Errorf("station add in English: %d %q %q", code, out, errs)
	}
}

// --db puts the store in PostgreSQL for each command that opens it; a URL of another kind is
// refused, and backup points to pg_dump.
func TestCommandsTakeDB(t *testing.T) {
	pgtest.Require(t)
	data, db := t.TempDir(), pgtest.NewDatabase(t)
	if _, errs, code := run(t, "una clave larga\n", "user", "add", "--data", data, "--db", db, "--username", "ana", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add --db: %s", errs)
	}
	if _, errs, code := run(t, "", "station", "add", "--data", data, "--db", db, "--code", "CCS-01", "--name", "Caracas"); code != 0 {
		t.Fatalf("station add --db: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(data, "aula-server.db")); err == nil {
		t.Error("--db given, yet a SQLite store was made in the data folder")
	}
	if _, errs, code := run(t, "", "station", "add", "--data", data, "--db", db, "--code", "CCS-01", "--name", "Otra"); code != 1 || !strings.Contains(errs, "CCS-01") {
		t.Errorf("the same station twice in PostgreSQL: %d %s", code, errs)
	}
	if _, errs, code := run(t, "", "backup", "--data", data, "--db", db, "--out", filepath.Join(t.TempDir(), "x")); code != 1 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup of a PostgreSQL store: %d %s", code, errs)
	}
	if _, errs, code := run(t, "", "station", "add", "--data", data, "--db", "mysql://x", "--code", "X", "--name", "X"); code != 1 || !strings.Contains(errs, "postgres://") {
		t.Errorf("--db mysql://: %d %s", code, errs)
	}
}
