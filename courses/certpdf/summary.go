package certpdf

import (
	"bytes"
	"fmt"

	"github.com/jung-kurt/gofpdf"

	"aula/courses/format"
)

// Summary is a station's compliance on one A4 page, for a commander's meeting.
type Summary struct {
	Station, StationName, Agency, State string
	AsOf                                string // 2006-01-02: the day the statuses hold for
	Officers                            int    // officers with at least one requirement
	Courses                             []SummaryCourse
	// Behind are the officers who are overdue or due, most urgent first; the page lists as many as
	// fit and says how many more there are.
	Behind []SummaryOfficer
}

// SummaryCourse is one required course's counts at the station.
type SummaryCourse struct {
	Title                             string
	Compliant, Expiring, Due, Overdue int
}

// SummaryOfficer is one officer behind on one course.
type SummaryOfficer struct {
	Badge, Name, Rank, Course string
	Status                    string // "due" or "overdue"
	DueOn                     string // 2006-01-02, "" unknown
}

var summaryLabels = map[string]map[string]string{
	"es": {"title": "Formación obligatoria: resumen de la estación", "agency": "Cuerpo", "state": "Estado", "asof": "Situación al",
		"officers": "Funcionarios con formación obligatoria", "course": "Curso", "compliant": "Al día", "expiring": "Por vencer",
		"due": "Pendiente", "overdue": "Vencido", "rate": "Cumplimiento", "behind": "Funcionarios con cursos pendientes o vencidos",
		"badge": "Credencial", "name": "Nombre", "rank": "Jerarquía", "status": "Situación", "dueon": "Fecha límite",
		"more": "… y %d más (lista completa en el centro: Cumplimiento, exportar CSV)", "none": "Ningún funcionario tiene cursos pendientes ni vencidos.",
		"nocourses": "Ningún curso obligatorio se aplica a esta estación."},
	"en": {"title": "Required training: station summary", "agency": "Agency", "state": "State", "asof": "As of",
		"officers": "Officers with required training", "course": "Course", "compliant": "Compliant", "expiring": "Expiring",
		"due": "Due", "overdue": "Overdue", "rate": "Compliance", "behind": "Officers with courses due or overdue",
		"badge": "Badge", "name": "Name", "rank": "Rank", "status": "Status", "dueon": "Due date",
		"more": "… and %d more (full list at the center: Compliance, export CSV)", "none": "No officer has a course due or overdue.",
		"nocourses": "No required course applies to this station."},
}

// RenderSummary draws s as one A4 portrait page in lang ("es" or "en"; Spanish otherwise). Status
// bars are grey levels with the numbers printed, so the page reads on a black-and-white printer.
func RenderSummary(s Summary, lang string) ([]byte, error) {
	l, ok := summaryLabels[lang]
	if !ok {
		l, lang = summaryLabels["es"], "es"
	}
	f := format.New(lang, nil)
	pdf := onePage("P", 15, l["title"]+" — "+s.Station)
	const left, width, bottom = 15.0, 180.0, 282.0
	text := func(x, y, w, size float64, s string, align string, grey int) {
		pdf.SetFont("go", "", size)
		pdf.SetTextColor(grey, grey, grey)
		pdf.SetXY(x, y)
		pdf.CellFormat(w, size*0.45, fit(pdf, s, w), "", 0, align, false, 0, "")
	}
	text(left, 15, width, 16, l["title"], "L", 16)
	text(left, 24, width, 13, s.Station+" — "+s.StationName, "L", 0)
	y := 32.0
	for _, kv := range [][2]string{{l["agency"], s.Agency}, {l["state"], s.State}, {l["asof"], f.LongDay(s.AsOf)}, {l["officers"], fmt.Sprint(s.Officers)}} {
		if kv[1] == "" {
			kv[1] = "—"
		}
		text(left, y, 70, 10, kv[0], "L", 86)
		text(left+70, y, width-70, 10, kv[1], "L", 0)
		y += 5.5
	}
	pdf.SetDrawColor(16, 52, 95)
	pdf.Line(left, y+1, left+width, y+1)
	y += 5

	// One row per course: counts, rate and a bar of grey levels.
	cols := []struct {
		key string
		w   float64
	}{{"course", 80}, {"compliant", 18}, {"expiring", 20}, {"due", 20}, {"overdue", 18}, {"rate", 24}}
	x := left
	for _, c := range cols {
		text(x, y, c.w, 9, l[c.key], alignOf(c.key), 60)
		x += c.w
	}
	y += 6
	if len(s.Courses) == 0 {
		text(left, y, width, 10, l["nocourses"], "L", 0)
		y += 7
	}
	greys := []int{255, 200, 140, 40} // compliant, expiring, due, overdue
	for _, c := range s.Courses {
		counts := []int{c.Compliant, c.Expiring, c.Due, c.Overdue}
		total := c.Compliant + c.Expiring + c.Due + c.Overdue
		rate := 0.0
		if total > 0 {
			rate = float64(c.Compliant+c.Expiring) / float64(total)
		}
		vals := []string{c.Title, fmt.Sprint(c.Compliant), fmt.Sprint(c.Expiring), fmt.Sprint(c.Due), fmt.Sprint(c.Overdue), f.Percent(100 * rate)}
		x = left
		for i, col := range cols {
			text(x, y, col.w, 10, vals[i], alignOf(col.key), 0)
			x += col.w
		}
		// The bar, under the row: 100 % of the course's officers split by status.
		bx := left
		for i, n := range counts {
			if n == 0 || total == 0 {
				continue
			}
			w := width * float64(n) / float64(total)
			pdf.SetFillColor(greys[i], greys[i], greys[i])
			pdf.SetDrawColor(0, 0, 0)
			pdf.Rect(bx, y+5.5, w, 3, "FD")
			bx += w
		}
		y += 11
		if y > 150 {
			break // the page keeps room for the officers behind
		}
	}
	// Legend.
	x = left
	for i, k := range []string{"compliant", "expiring", "due", "overdue"} {
		pdf.SetFillColor(greys[i], greys[i], greys[i])
		pdf.Rect(x, y, 4, 3, "FD")
		text(x+5, y-0.5, 35, 8, l[k], "L", 0)
		x += 40
	}
	y += 8

	text(left, y, width, 12, l["behind"], "L", 16)
	y += 7
	if len(s.Behind) == 0 {
		text(left, y, width, 10, l["none"], "L", 0)
	} else {
		bcols := []struct {
			key string
			w   float64
		}{{"badge", 24}, {"name", 50}, {"rank", 30}, {"course", 40}, {"status", 16}, {"dueon", 20}}
		x = left
		for _, c := range bcols {
			text(x, y, c.w, 8.5, l[c.key], "L", 60)
			x += c.w
		}
		y += 5
		for i, o := range s.Behind {
			if y > bottom-10 {
				text(left, y, width, 9, fmt.Sprintf(l["more"], len(s.Behind)-i), "L", 0)
				break
			}
			due := "—"
			if o.DueOn != "" {
				due = f.Day(o.DueOn)
			}
			vals := []string{o.Badge, o.Name, o.Rank, o.Course, l[o.Status], due}
			x = left
			for j, c := range bcols {
				text(x, y, c.w-1, 8.5, vals[j], "L", 0)
				x += c.w
			}
			y += 4.6
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("station summary pdf: %w", err)
	}
	return buf.Bytes(), nil
}

func alignOf(key string) string {
	if key == "course" {
		return "L"
	}
	return "R"
}

// fit shortens s with an ellipsis until it fits w mm in the current font.
func fit(pdf *gofpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
