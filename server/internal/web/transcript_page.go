package web

import (
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
)

// trainingView is the "Formación" section of the officer page: the hours of each year by area
// (newest year first; only the areas with hours as columns) and the ledger's entries.
type trainingView struct {
	Areas []string // area ids with any hours, in courses.Areas order
	Years []trainingYear
	Total float64
	*service.Transcript
}

// trainingYear is one row of the hours table: the hours of Areas in order, and their sum.
type trainingYear struct {
	Year  string
	Hours []float64
	Total float64
}

// newTrainingView arranges a transcript for the officer page.
func newTrainingView(tr *service.Transcript) trainingView {
	v := trainingView{Transcript: tr, Total: tr.HoursTotal}
	for _, a := range courses.Areas {
		if _, ok := tr.HoursByArea[a]; ok {
			v.Areas = append(v.Areas, a)
		}
	}
	years := make([]string, 0, len(tr.HoursByYear))
	for y := range tr.HoursByYear {
		years = append(years, y)
	}
	slices.SortFunc(years, func(a, b string) int { return strings.Compare(b, a) })
	for _, y := range years {
		row := trainingYear{Year: y}
		for _, a := range v.Areas {
			h := tr.HoursByYear[y][a]
			row.Hours = append(row.Hours, h)
			row.Total += h
		}
		v.Years = append(v.Years, row)
	}
	return v
}

// handleTranscriptPDF answers the officer's one-page "constancia de formación" (the reader's
// language); the same people who open the officer page may download it.
func (s *Server) handleTranscriptPDF(c echo.Context) error {
	tr, err := s.Center.Transcript(ctx(c), scope(c), c.Param("badge"))
	if err != nil {
		return err
	}
	return s.transcriptPDF(c, tr)
}
