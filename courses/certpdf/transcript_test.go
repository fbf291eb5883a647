package certpdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sampleTranscript() Transcript {
	return Transcript{Name: "Ángel Ibáñez Peña", Badge: "PNB-3", Station: "CCS-01", AsOf: "2026-12-02", HoursTotal: 14,
		Areas: []AreaHours{{"Uso de la fuerza", 6}, {"Derechos humanos", 8}},
		Entries: []TranscriptEntry{
			{Day: "2026-11-20", Kind: "taller", Title: "Uso progresivo de la fuerza", Area: "Uso de la fuerza", Hours: 6, Code: "7K3M-QX2P-9A"},
			{Day: "2026-12-01", Kind: "curso", Title: "Derechos humanos en la detención", Area: "Derechos humanos", Hours: 8, Code: "4HJD-2MQ8-ZC"},
		}, VerifyBase: "https://aula.example.org/verify/"}
}

// The constancia de formación is one page that passes qpdf --check, and its text keeps the
// accented names, the hours and every verify code.
func TestTranscriptPDFWithRealTools(t *testing.T) {
	pdf, err := RenderTranscript(sampleTranscript(), "es")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "constancia.pdf")
	os.WriteFile(path, pdf, 0o644)
	run(t, "qpdf", "--check", path)
	if pages := strings.TrimSpace(run(t, "qpdf", "--show-npages", path)); pages != "1" {
		t.Errorf("%s pages, want 1", pages)
	}
	text := stdout(t, "pdftotext", "-layout", path, "-")
	for _, want := range []string{"Constancia de formación", "Ángel Ibáñez Peña", "Horas de formación: 14", "Uso de la fuerza",
		"Derechos humanos en la detención", "7K3M-QX2P-9A", "4HJD-2MQ8-ZC", "20/11/2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the transcript does not say %q:\n%s", want, text)
		}
	}
}

// A long record stays on one page, the rest counted.
func TestTranscriptPDFOnePage(t *testing.T) {
	d := sampleTranscript()
	for len(d.Entries) < 60 {
		d.Entries = append(d.Entries, d.Entries[0])
	}
	pdf, err := RenderTranscript(d, "en")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "transcript.pdf")
	os.WriteFile(path, pdf, 0o644)
	if pages := strings.TrimSpace(run(t, "qpdf", "--show-npages", path)); pages != "1" {
		t.Errorf("%s pages, want 1", pages)
	}
	if text := stdout(t, "pdftotext", path, "-"); !strings.Contains(text, "32 more entries") {
		t.Errorf("the overflow line is missing:\n%s", text)
	}
}
