package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestOfficerImportProblems: a stray quote, a weak PIN and an unknown station are reported
// together as FILE:LINE: message with exit status 1, and nothing is imported.
func TestOfficerImportProblems(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		data := t.TempDir()
		t.Setenv("AULA_DB", pgtest.URL(t)) // the PostgreSQL run's store, for every command
		if _, errs, code := run(t, "", "station", "add", "--data", data, "--code", "CCS-01", "--name", "Caracas Centro"); code != 0 {
			t.Fatalf("station add: %d %s", code, errs)
		}
		csv := filepath.Join(t.TempDir(), "officers.csv")
		os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\n"+
			"x\"y,Jose,Peña,Oficial,CCS-01,4821\n"+
			"PNB-2,Luis,Ávila,Oficial,CCS-01,1111\n"+
			"PNB-3,Ana,Ruiz,Oficial,XYZ-99,4821\n"+
			"PNB-4,Eva,Díaz,Oficial,CCS-01,4821\n"), 0o644)
		_, errs, code := run(t, "", "officer", "import", "--data", data, "--csv", csv)
		if code != 1 {
			t.Fatalf("exit %d, want 1: %s", code, errs)
		}
		for _, want := range []string{csv + ":2: ", csv + ":3: ", csv + ":4: ", "XYZ-99"} {
			if !strings.Contains(errs, want) {
				t.Errorf("missing %q in:\n%s", want, errs)
			}
		}
		if strings.Contains(errs, csv+":5:") || strings.Contains(errs, "goroutine") {
			t.Errorf("unexpected output:\n%s", errs)
		}
	})
}

// TestNamesOnTheCommandLine: station names and staff usernames with control characters or
// invalid UTF-8 are refused with exit status 1.
func TestNamesOnTheCommandLine(t *testing.T) {
	data := t.TempDir()
	for i, bad := range []string{"Caracas\x1b[2JCentro", "Caracas\xff", "Caracas\u202e"} {
		if _, errs, code := run(t, "", "station", "add", "--data", data, "--code", fmt.Sprintf("BAD-%d", i), "--name", bad); code != 1 {
			t.Errorf("station add --name %q: exit %d %s", bad, code, errs)
		}
	}
	for _, bad := range []string{"ana\x00", "ana\xff", "Ana María", "a"} {
		if _, errs, code := run(t, "una clave larga\n", "user", "add", "--data", data, "--username", bad, "--role", "admin", "--password-stdin"); code != 1 {
			t.Errorf("user add --username %q: exit %d %s", bad, code, errs)
		}
	}
}
