package certpdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func sample() Data {
	score := 91.67
	return Data{Name: "María José Peña Ávila", Badge: "PNB-1001", Title: "Uso de la fuerza y armas de fuego", Hours: 2, Score: &score,
		IssuedOn: "2026-11-27", ExpiresOn: "2027-11-27", Issuer: "CCS-01 — Estación Caracas Centro", Code: "7K3M-QX2P-9A",
		VerifyURL: "https://aula.example.org/verify/7K3M-QX2P-9A?t=AULA1." + strings.Repeat("eyJpZCI6IjAxOTNhOGUwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDBhYSIs", 16)}
}

// tool returns the path of a command-line tool, skipping the test (or failing it where CI
// installs the tools: AULA_TOOL_TESTS=1) when it is missing.
func tool(t *testing.T, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("AULA_TOOL_TESTS") == "1" {
			t.Fatalf("%s is missing but AULA_TOOL_TESTS=1 (.ci/run installs qpdf, poppler-utils and zbar-tools)", name)
		}
		t.Skipf("%s not installed (apt-get install qpdf poppler-utils zbar-tools)", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// stdout runs a tool and returns its standard output only (zbarimg chats on stderr).
func stdout(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// The PDF passes qpdf --check, embeds every font, has one page, keeps accents as text, and its
// QR code decodes (at 150 dpi) to the verification address, which carries the signed token (about
// a thousand characters).
func TestPDFWithRealTools(t *testing.T) {
	for _, lang := range []string{"es", "en"} {
		t.Run(lang, func(t *testing.T) {
			pdf, err := Render(sample(), lang)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "cert.pdf")
			os.WriteFile(file, pdf, 0o644)
			if out := run(t, "qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
			fonts := run(t, "pdffonts", file)
			lines := strings.Split(strings.TrimSpace(fonts), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", fonts)
			}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				// name type encoding emb sub uni object ID: "emb" is the 4th field from the end of the flags.
				if len(f) < 7 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
			}
			if info := run(t, "pdfinfo", file); !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) || !strings.Contains(info, "841.89 x 595.28") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			text := run(t, "pdftotext", file, "-")
			for _, want := range []string{"María José Peña Ávila", "Uso de la fuerza y armas de fuego", "7K3M-QX2P-9A", "PNB-1001",
				map[string]string{"es": "Confirmado por el centro", "en": "Confirmed by the center"}[lang]} {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q:\n%s", want, text)
				}
			}
			run(t, "pdftoppm", "-r", "150", "-png", "-singlefile", file, filepath.Join(dir, "page"))
			if out := stdout(t, "zbarimg", "--raw", "-q", filepath.Join(dir, "page.png")); strings.TrimSpace(out) != sample().VerifyURL {
				t.Errorf("QR decodes to %q, want %q", out, sample().VerifyURL)
			}
		})
	}
}

// A certificate is always exactly one page, however long its texts: counted in the PDF's own
// objects (one /Type /Page object, a page tree of /Count 1) and, where the tools are installed,
// by pdfinfo.
func TestAlwaysOnePage(t *testing.T) {
	long := sample()
	long.Title = strings.Repeat("Un título muy largo de un taller presencial ", 12)
	long.Score = nil
	names := sample()
	names.Name = strings.Repeat("María José de los Ángeles ", 8)
	names.Issuer = strings.Repeat("CCS-01 — Estación Caracas Centro ", 6)
	names.Provisional = true
	for _, tc := range []struct {
		name, lang string
		d          Data
	}{{"sample", "es", sample()}, {"long title", "es", long}, {"long title en", "en", long}, {"long names, provisional", "es", names}} {
		pdf, err := Render(tc.d, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(pageObject.FindAll(pdf, -1)); n != 1 {
			t.Errorf("%s: %d /Type /Page objects, want exactly 1", tc.name, n)
		}
		if m := pageCount.FindSubmatch(pdf); m == nil || string(m[1]) != "1" {
			t.Errorf("%s: page tree count %q, want 1", tc.name, m)
		}
		if _, err := exec.LookPath("pdfinfo"); err == nil || os.Getenv("AULA_TOOL_TESTS") == "1" {
			file := filepath.Join(t.TempDir(), "cert.pdf")
			os.WriteFile(file, pdf, 0o644)
			if info := run(t, "pdfinfo", file); !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
				t.Errorf("%s: pdfinfo:\n%s", tc.name, info)
			}
		}
	}
}

var (
	pageObject = regexp.MustCompile(`/Type\s*/Page\b`)                      // not /Pages: \b needs a non-word next
	pageCount  = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`) // the page tree's count
)

// BenchmarkPDF measures one certificate PDF: time and size.
func BenchmarkPDF(b *testing.B) {
	var size int
	for range b.N {
		pdf, err := Render(sample(), "es")
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KB/pdf")
}

// A certificate issued offline at a station says it is provisional.
func TestProvisionalSaysSo(t *testing.T) {
	d := sample()
	d.Provisional = true
	pdf, err := Render(d, "es")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cert.pdf")
	os.WriteFile(file, pdf, 0o644)
	if text := run(t, "pdftotext", file, "-"); !strings.Contains(text, "Provisional: pendiente de confirmación por el centro") {
		t.Errorf("pdftotext lacks the provisional notice:\n%s", text)
	}
}

// A workshop certificate (no score) says the officer took part in the workshop, not that he
// passed a course; its dates are in words and it carries the signatory's name and role under the
// signature line.
func TestWorkshopCertificateWords(t *testing.T) {
	d := sample()
	d.Score, d.Title, d.IssuedOn, d.ExpiresOn = nil, "Taller de mediación comunitaria", "2026-12-01", ""
	d.SignatoryName, d.SignatoryRole = "Carmen Elena Rodríguez Peña", "Directora de Formación"
	for lang, want := range map[string][]string{
		"es": {"Certificado de participación", "participó en el taller", "1 de diciembre de 2026", "No vence"},
		"en": {"Certificate of attendance", "took part in the workshop", "1 December 2026", "Does not expire"},
	} {
		pdf, err := Render(d, lang)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "cert.pdf")
		os.WriteFile(file, pdf, 0o644)
		text := run(t, "pdftotext", file, "-")
		for _, w := range append(want, d.SignatoryName, d.SignatoryRole) {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext lacks %q:\n%s", lang, w, text)
			}
		}
		for _, no := range []string{"aprobó el curso", "passed the course", "2026-12-01"} {
			if strings.Contains(text, no) {
				t.Errorf("%s: the workshop certificate says %q:\n%s", lang, no, text)
			}
		}
	}
	// A passed course keeps its wording, with the score written the reader's way.
	pdf, _ := Render(sample(), "es")
	file := filepath.Join(t.TempDir(), "course.pdf")
	os.WriteFile(file, pdf, 0o644)
	if text := run(t, "pdftotext", file, "-"); !strings.Contains(text, "aprobó el curso") || !strings.Contains(text, "91,7 %") ||
		!strings.Contains(text, "27 de noviembre de 2027") {
		t.Errorf("course certificate:\n%s", text)
	}
}
