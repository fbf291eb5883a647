package certpdf

import (
	"bytes"
	"fmt"

	"aula/courses/format"
)

// Transcript is an officer's training record for the "constancia de formación".
type Transcript struct {
	Name, Badge, Station string
	AsOf                 string // 2006-01-02, the day it was printed
	HoursTotal           float64
	Areas                []AreaHours // in the order to print
	Entries              []TranscriptEntry
	VerifyBase           string // e.g. https://aula.example.org/verify/ ("" to leave it out)
}

// AreaHours is the hours of one area, its label already in the document's language.
type AreaHours struct {
	Label string
	Hours float64
}

// TranscriptEntry is one course or workshop.
type TranscriptEntry struct {
	Day, Kind, Title, Area, Code string // Kind and Area already in the document's language
	Hours                        float64
}

// maxRows is how many entries fit on the one page; the rest are counted in a last line.
const maxRows = 28

var transcriptLabels = map[string]map[string]string{
	"es": {"title": "Constancia de formación", "org": "Aula · Programa de formación policial", "badge": "Credencial",
		"station": "Estación", "asof": "Emitida el", "total": "Horas de formación", "date": "Fecha", "what": "Curso o taller",
		"area": "Área", "hours": "Horas", "code": "Código", "none": "Sin cursos ni talleres registrados.",
		"more": "… y %d entradas más (ver la constancia completa en el sistema).", "verify": "Cada certificado se verifica en %s seguido de su código."},
	"en": {"title": "Training transcript", "org": "Aula · Police training programme", "badge": "Badge", "station": "Station",
		"asof": "Issued on", "total": "Training hours", "date": "Date", "what": "Course or workshop", "area": "Area", "hours": "Hours",
		"code": "Code", "none": "No courses or workshops recorded.", "more": "… and %d more entries (see the full record in the system).",
		"verify": "Each certificate is verified at %s followed by its code."},
}

// RenderTranscript draws the "constancia de formación" as one A4 portrait page: the officer, his
// hours by area and in total, and each course and workshop with its certificate's verify code.
func RenderTranscript(d Transcript, lang string) ([]byte, error) {
	l, ok := transcriptLabels[lang]
	if !ok {
		l, lang = transcriptLabels["es"], "es"
	}
	f := format.New(lang, nil)
	pdf := onePage("P", 15, l["title"]+" — "+d.Name)
	text := func(x, y, w, size float64, s, align string, r, g, b int) {
		pdf.SetFont("go", "", size)
		pdf.SetTextColor(r, g, b)
		pdf.SetXY(x, y)
		pdf.CellFormat(w, size*0.45, s, "", 0, align, false, 0, "")
	}
	text(15, 15, 180, 9, l["org"], "L", 86, 96, 107)
	text(15, 24, 180, 20, l["title"], "L", 16, 52, 95)
	text(15, 38, 180, 14, d.Name, "L", 27, 31, 36)
	text(15, 46, 180, 10, fmt.Sprintf("%s %s · %s %s · %s %s", l["badge"], d.Badge, l["station"], d.Station, l["asof"], f.Day(d.AsOf)), "L", 86, 96, 107)
	pdf.SetDrawColor(16, 52, 95)
	pdf.Line(15, 53, 195, 53)
	text(15, 57, 120, 12, fmt.Sprintf("%s: %s", l["total"], f.Number(d.HoursTotal, 1)), "L", 16, 52, 95)
	y := 64.0
	for _, a := range d.Areas {
		text(20, y, 100, 10, a.Label, "L", 27, 31, 36)
		text(120, y, 30, 10, f.Number(a.Hours, 1), "R", 27, 31, 36)
		y += 5.5
	}
	y += 4
	cols := []struct {
		x, w  float64
		label string
		align string
	}{{15, 24, l["date"], "L"}, {40, 82, l["what"], "L"}, {123, 32, l["area"], "L"}, {155, 14, l["hours"], "R"}, {171, 24, l["code"], "L"}}
	for _, c := range cols {
		text(c.x, y, c.w, 9, c.label, c.align, 86, 96, 107)
	}
	pdf.Line(15, y+5, 195, y+5)
	y += 7
	if len(d.Entries) == 0 {
		text(15, y, 180, 10, l["none"], "L", 27, 31, 36)
	}
	for i, e := range d.Entries {
		if i == maxRows {
			text(15, y, 180, 9, fmt.Sprintf(l["more"], len(d.Entries)-maxRows), "L", 86, 96, 107)
			break
		}
		title := e.Title
		if len([]rune(title)) > 46 {
			title = string([]rune(title)[:45]) + "…"
		}
		for j, s := range []string{f.Day(e.Day), title + " (" + e.Kind + ")", e.Area, f.Number(e.Hours, 1), e.Code} {
			text(cols[j].x, y, cols[j].w, 8.5, s, cols[j].align, 27, 31, 36)
		}
		y += 5.6
	}
	if d.VerifyBase != "" {
		text(15, 280, 180, 8.5, fmt.Sprintf(l["verify"], d.VerifyBase), "L", 86, 96, 107)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render transcript: %w", err)
	}
	return buf.Bytes(), nil
}
