// Package certpdf draws a certificate as a one-page A4 landscape PDF: the only importer of
// gofpdf and of go-qrcode. The font (Go's own, UTF-8, so "Peña" and "Ávila" print right) is embedded as a subset;
// the QR code of the verification address is drawn as vector squares, sharp at any zoom and
// readable by phone scanners.
package certpdf

import (
	"bytes"
	"fmt"

	"github.com/jung-kurt/gofpdf"
	"github.com/skip2/go-qrcode"
	"golang.org/x/image/font/gofont/goregular"

	"aula/courses/format"
)

// Data is what a certificate shows.
type Data struct {
	Name      string
	Badge     string
	Title     string // course or workshop title, in the certificate's language
	Hours     float64
	Score     *float64 // nil for a workshop: the certificate says the officer took part in it
	IssuedOn  string   // 2006-01-02, printed in words ("1 de diciembre de 2026")
	ExpiresOn string   // "" never
	Issuer    string
	Code      string
	VerifyURL string // the center's verify page for the code, with the signed token: long, printed small
	// Provisional: issued offline at a station and not yet confirmed by the center
	// (docs/certificates.md); the certificate says so.
	Provisional bool
	// SignatoryName and SignatoryRole are printed under the signature line (the center's
	// --signatory-name and --signatory-role); empty, the line is left to sign by hand.
	SignatoryName, SignatoryRole string
}

// labels holds the certificate's words in each language.
var labels = map[string]map[string]string{
	"es": {"title": "Certificado de aprobación", "org": "Aula · Formación policial en derechos humanos y buenas prácticas",
		"certifies": "Se certifica que", "badge": "Credencial", "completed": "aprobó el curso",
		"workshop_title": "Certificado de participación", "attended": "participó en el taller", "hours": "Horas", "score": "Nota",
		"issued": "Emitido", "expires": "Vence", "never": "No vence", "issuer": "Emitido por", "code": "Código de verificación",
		"verify": "Verifique este certificado en", "level": "Validez", "confirmed": "Confirmado por el centro",
		"provisional": "Provisional: pendiente de confirmación por el centro"},
	"en": {"title": "Certificate of completion", "org": "Aula · Police training in human rights and good practice",
		"certifies": "This certifies that", "badge": "Badge", "completed": "passed the course",
		"workshop_title": "Certificate of attendance", "attended": "took part in the workshop", "hours": "Hours", "score": "Score",
		"issued": "Issued", "expires": "Expires", "never": "Does not expire", "issuer": "Issued by", "code": "Verification code",
		"verify": "Verify this certificate at", "level": "Standing", "confirmed": "Confirmed by the center",
		"provisional": "Provisional: pending confirmation by the center"},
}

// onePage starts a one-page A4 document (orientation "P" or "L", margin in mm) titled title, in
// the embedded Go font ("go"), with its page added: the certificate, the transcript and the
// station summary are always exactly one page.
func onePage(orientation string, margin float64, title string) *gofpdf.Fpdf {
	pdf := gofpdf.New(orientation, "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Aula", true)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddPage()
	return pdf
}

// Render draws the certificate in lang ("es" or "en"; Spanish otherwise).
func Render(d Data, lang string) ([]byte, error) {
	l, ok := labels[lang]
	if !ok {
		l, lang = labels["es"], "es"
	}
	f := format.New(lang, nil)
	title, completed := l["title"], l["completed"]
	if d.Score == nil {
		title, completed = l["workshop_title"], l["attended"]
	}
	pdf := onePage("L", 0, title+" — "+d.Name)
	const w, h = 297.0, 210.0

	// Frame.
	pdf.SetDrawColor(16, 52, 95)
	pdf.SetLineWidth(1.2)
	pdf.Rect(10, 10, w-20, h-20, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(13, 13, w-26, h-26, "D")

	center := func(y float64, size float64, style, text string, r, g, b int) {
		pdf.SetFont("go", style, size)
		pdf.SetTextColor(r, g, b)
		pdf.SetXY(20, y)
		pdf.CellFormat(w-40, size*0.5, text, "", 0, "C", false, 0, "")
	}
	center(24, 11, "", l["org"], 86, 96, 107)
	center(36, 28, "", title, 16, 52, 95)
	center(58, 13, "", l["certifies"], 27, 31, 36)
	center(68, 26, "", d.Name, 27, 31, 36)
	center(84, 12, "", l["badge"]+" "+d.Badge, 86, 96, 107)
	center(96, 13, "", completed, 27, 31, 36)
	pdf.SetFont("go", "", 18)
	pdf.SetTextColor(16, 52, 95)
	pdf.SetXY(30, 104)
	pdf.MultiCell(w-60, 8, d.Title, "", "C", false)

	// Facts, left column at the bottom.
	facts := [][2]string{{l["hours"], f.Number(d.Hours, 2)}}
	if d.Score != nil {
		facts = append(facts, [2]string{l["score"], f.Percent(*d.Score)})
	}
	expires := l["never"]
	if d.ExpiresOn != "" {
		expires = f.LongDay(d.ExpiresOn)
	}
	level := l["confirmed"]
	if d.Provisional {
		level = l["provisional"]
	}
	facts = append(facts, [2]string{l["issued"], f.LongDay(d.IssuedOn)}, [2]string{l["expires"], expires}, [2]string{l["issuer"], d.Issuer},
		[2]string{l["level"], level})
	y := 134.0
	for _, f := range facts {
		pdf.SetXY(30, y)
		pdf.SetFont("go", "", 11)
		pdf.SetTextColor(86, 96, 107)
		pdf.CellFormat(32, 6, f[0], "", 0, "L", false, 0, "")
		pdf.SetFont("go", "", 11)
		pdf.SetTextColor(27, 31, 36)
		pdf.CellFormat(84, 6, f[1], "", 0, "L", false, 0, "")
		y += 6.5
	}
	pdf.SetXY(30, y+1)
	pdf.SetFont("go", "", 10)
	pdf.SetTextColor(86, 96, 107)
	pdf.CellFormat(60, 6, l["code"], "", 0, "L", false, 0, "")
	pdf.SetFont("go", "", 16)
	pdf.SetTextColor(16, 52, 95)
	pdf.SetXY(30, y+7)
	pdf.CellFormat(80, 8, d.Code, "", 0, "L", false, 0, "")

	signature(pdf, d.SignatoryName, d.SignatoryRole)

	// QR code of the verification address, bottom right, with the address under it: it carries
	// the signed token, so it is long and printed small, wrapped, beside the code.
	const qr = 52.0
	if err := drawQR(pdf, d.VerifyURL, w-22-qr, 124, qr); err != nil {
		return nil, err
	}
	pdf.SetFont("go", "", 7)
	pdf.SetTextColor(86, 96, 107)
	pdf.SetXY(120, 177)
	pdf.CellFormat(w-22-120, 3.5, l["verify"], "", 2, "R", false, 0, "")
	pdf.SetFont("go", "", 4)
	pdf.SetXY(120, 181)
	pdf.MultiCell(w-22-120, 1.7, d.VerifyURL, "", "L", false)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// drawQR draws the QR code of text as black squares in a size×size mm box at (x, y), with the
// quiet zone the standard asks for (4 modules) inside the box. Runs of dark modules in a row are
// one rectangle, which keeps the file small.
func drawQR(pdf *gofpdf.Fpdf, text string, x, y, size float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("qr code: %w", err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := float64(len(bits) + 8)
	m := size / n
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(x, y, size, size, "F")
	pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			// A hair wider than the module so no white seams appear between runs when rasterized.
			pdf.Rect(x+(float64(start)+4)*m, y+(float64(r)+4)*m, float64(c-start)*m+0.01, m+0.01, "F")
		}
	}
	return nil
}

// signature draws the signature line between the facts and the QR code, with the signatory's
// name and role under it.
func signature(pdf *gofpdf.Fpdf, name, role string) {
	const x, y, w = 150.0, 160.0, 66.0
	pdf.SetDrawColor(27, 31, 36)
	pdf.SetLineWidth(0.3)
	pdf.Line(x, y, x+w, y)
	pdf.SetFont("go", "", 10)
	pdf.SetTextColor(27, 31, 36)
	pdf.SetXY(x, y+1.5)
	pdf.CellFormat(w, 5, name, "", 0, "C", false, 0, "")
	pdf.SetFont("go", "", 9)
	pdf.SetTextColor(86, 96, 107)
	pdf.SetXY(x, y+6.5)
	pdf.CellFormat(w, 5, role, "", 0, "C", false, 0, "")
}
