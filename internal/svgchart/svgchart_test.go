package svgchart

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

var statuses = []Series{{"Al día", "#2e7d32", "solid"}, {"Por vencer", "#f2c14e", "hatch"}, {"Pendiente", "#9ecae1", "dots"}, {"Vencido", "#c62828", "cross"}}

// wellFormed parses svg as XML and returns its text content.
func wellFormed(t *testing.T, svg string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return text.String()
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
			text.WriteString("|")
		}
	}
}

func TestStackedPrintsPercentagesLabelsAndLegend(t *testing.T) {
	svg := string(Stacked("Cumplimiento <por estado>", statuses, []Bar{
		{Label: "Zulia", Link: "/compliance?state=Zulia&x=1", Values: []int{50, 10, 20, 20}},
		{Label: "Sin datos", Values: []int{0, 0, 0, 0}},
	}))
	text := wellFormed(t, svg)
	for _, want := range []string{"50%", "10%", "20%", "Zulia", "Sin datos", "|100|", "|0|", "Al día", "Por vencer", "Vencido", "Cumplimiento <por estado>"} {
		if !strings.Contains(text, want) {
			t.Errorf("chart text lacks %q: %s", want, text)
		}
	}
	if !strings.Contains(svg, `href="/compliance?state=Zulia&amp;x=1"`) {
		t.Errorf("the unit's label is not a link: %s", svg)
	}
	// Black-and-white: every series but the solid one is filled with a pattern.
	for _, p := range []string{"url(#sc-p1)", "url(#sc-p2)", "url(#sc-p3)"} {
		if !strings.Contains(svg, p) {
			t.Errorf("no pattern fill %s", p)
		}
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<script") {
		t.Error("inline style or script in a chart (the CSP forbids them)")
	}
}

func TestLineLabelsEveryPoint(t *testing.T) {
	text := wellFormed(t, string(Line("Tendencia", []Point{{"ene", 0.5}, {"feb", 0.755}, {"mar", 1.2}})))
	for _, want := range []string{"ene", "feb", "mar", "50%", "76%", "100%"} {
		if !strings.Contains(text, want) {
			t.Errorf("line text lacks %q: %s", want, text)
		}
	}
	wellFormed(t, string(Line("Uno", []Point{{"ene", 0}})))
	wellFormed(t, string(Line("Nada", nil)))
}
