package pagescan

import (
	"strings"
	"testing"

	"aula/internal/i18n"
)

func TestProblems(t *testing.T) {
	cat := i18n.Catalog{"a": {"es": "Recibido el %s", "en": "Received on %s"}, "b": {"es": "PIN", "en": "PIN"}}
	page := `<html><head><title>x</title></head><body><p title="2026-12-01">Received on 2026-12-01T10:00:00Z: 3 intento(s),
		70.4 %, <a href="/a/0193a8e0-0000-7000-8000-0000000000aa">0193a8e0-0000-7000-8000-0000000000aa</a> PIN 7K3M-QX2P-9A</p>
		<script>var d = "2026-12-01"</script></body></html>`
	got := strings.Join(Problems(Visible(page), English(cat, 4), []string{"7K3M-QX2P-9A"}), "\n")
	for _, want := range []string{"ISO date: «2026-12-01T10:00:00Z:»", "UUID: «0193a8e0", "(s) plural: «o(s)»", "decimal point: «70.4 %»", "English: «Received on»"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 5 {
		t.Errorf("%d findings, want 5 (nothing from attributes, scripts or the allowed code):\n%s", n, got)
	}
	if p := Problems(Visible(`<p>Recibido el 01/12/2026 14:05: 70,4 % — 3 intentos</p>`), English(cat, 4), nil); len(p) != 0 {
		t.Errorf("a right page: %v", p)
	}
}
