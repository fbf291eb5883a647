package cli

import (
	"strings"
	"testing"
)

// TestRequirementCommands: requirement add goes through the same checks as the API (one due
// rule, a published course, an agency that exists), saying what is wrong and adding nothing;
// requirement list shows what was added, one a line.
func TestRequirementCommands(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "es_VE.UTF-8")
	data := t.TempDir()
	if _, errs, code := run(t, "", "agency", "add", "--data", data, "--code", "CPNB", "--name", "Cuerpo de Policía Nacional Bolivariana"); code != 0 {
		t.Fatalf("agency add: %s", errs)
	}
	if _, errs, code := run(t, "", "course", "publish", "--data", data, "../../../courses/testdata/sample"); code != 0 {
		t.Fatalf("course publish: %s", errs)
	}
	if out, _, code := run(t, "", "requirement", "list", "--data", data); code != 0 || !strings.Contains(out, "No hay formación obligatoria") {
		t.Errorf("empty list: %d %q", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--course", "curso-de-prueba"}, "--due_date: Indique una fecha límite"},
		{[]string{"--course", "curso-de-prueba", "--due-days", "30", "--due-date", "2027-01-15"}, "no ambos"},
		{[]string{"--course", "curso-de-prueba", "--due-days", "treinta"}, "--due_days: Escriba un número entero"},
		{[]string{"--course", "no-existe", "--due-days", "30"}, "no-existe"},
		{[]string{"--course", "curso-de-prueba", "--agency", "XYZ", "--due-days", "30"}, "XYZ"},
		{[]string{"--course", "curso-de-prueba", "--due-date", "15/01/2027"}, "AAAA-MM-DD"},
	} {
		if _, errs, code := run(t, "", append([]string{"requirement", "add", "--data", data}, c.args...)...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("requirement add %v: exit %d, stderr %q; want 1 naming %q", c.args, code, errs, c.want)
		}
	}
	out, errs, code := run(t, "", "requirement", "add", "--data", data, "--course", "curso-de-prueba", "--agency", "cpnb", "--rank", "Oficial",
		"--due-days", "90", "--window-days", "30")
	if code != 0 || !strings.Contains(out, "Formación obligatoria 1 creada: course=curso-de-prueba agency=CPNB rank=Oficial due_days=90 window_days=30") {
		t.Fatalf("requirement add: %d %q %q", code, out, errs)
	}
	if _, errs, code := run(t, "", "requirement", "add", "--data", data, "--course", "curso-de-prueba", "--due-date", "2027-01-15"); code != 0 {
		t.Fatalf("requirement for everyone: %s", errs)
	}
	out, _, _ = run(t, "", "requirement", "list", "--data", data)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "2\tcourse=curso-de-prueba due_date=2027-01-15 window_days=60") {
		t.Errorf("requirement list: %q", out)
	}
}
