package i18n

import (
	"slices"
	"testing"
)

func TestPluralForms(t *testing.T) {
	c := Catalog{
		"issued.one":   {"es": "%d certificado emitido", "en": "%d certificate issued"},
		"issued.other": {"es": "%d certificados emitidos", "en": "%d certificates issued"},
		"lonely.one":   {"es": "%d solo", "en": "%d alone"},
	}
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"es", 0, "0 certificados emitidos"}, {"es", 1, "1 certificado emitido"}, {"es", 2, "2 certificados emitidos"},
		{"en", 1, "1 certificate issued"}, {"en", 5, "5 certificates issued"},
	} {
		if got := c.N(tc.lang, "issued", tc.n); got != tc.want {
			t.Errorf("N(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if gaps := c.PluralGaps(); !slices.Equal(gaps, []string{"lonely.one lacks lonely.other"}) {
		t.Errorf("gaps %v", gaps)
	}
}
