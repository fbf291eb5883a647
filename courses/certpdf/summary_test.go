package certpdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func sampleSummary(behind int) Summary {
	s := Summary{Station: "CCS-01", StationName: "Estación Caracas Centro", Agency: "CPNB — Policía Nacional", State: "Distrito Capital",
		AsOf: "2026-12-01", Officers: 120,
		Courses: []SummaryCourse{{"Uso progresivo y diferenciado de la fuerza", 80, 10, 20, 10}, {"Derechos humanos y función policial", 100, 0, 0, 20}}}
	for i := range behind {
		s.Behind = append(s.Behind, SummaryOfficer{Badge: fmt.Sprintf("PNB-%04d", i), Name: "María José Peña Ávila", Rank: "Oficial",
			Course: "Uso progresivo de la fuerza", Status: "overdue", DueOn: "2026-11-15"})
	}
	return s
}

// The station summary is one A4 page whatever the number of officers behind, keeps its accents as
// text and passes qpdf --check (where the tools are installed; required with AULA_TOOL_TESTS=1).
func TestStationSummaryPDF(t *testing.T) {
	for _, behind := range []int{0, 12, 400} {
		pdf, err := RenderSummary(sampleSummary(behind), "es")
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page ")); n != 1 {
			t.Errorf("%d behind: %d pages", behind, n)
		}
		if behind != 400 {
			continue
		}
		file := filepath.Join(t.TempDir(), "summary.pdf")
		os.WriteFile(file, pdf, 0o644)
		if out := run(t, "qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", out)
		}
		if info := run(t, "pdfinfo", file); !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
			t.Errorf("pdfinfo:\n%s", info)
		}
		text := run(t, "pdftotext", "-layout", file, "-")
		for _, want := range []string{"Estación Caracas Centro", "Distrito Capital", "1 de diciembre de 2026", "Uso progresivo y diferenciado de la fuerza",
			"María José Peña Ávila", "Vencido", "15/11/2026", "más"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext lacks %q:\n%s", want, text)
			}
		}
	}
}
