package web

import (
	"time"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"aula/courses/format"
)

// localTable writes a page's download for the person who asked (docs/operations.md, "Downloads"):
// days as dd/mm/aaaa in Spanish (1 Dec 2026 in English) and decimals with the language's
// separator in a CSV; in an XLSX, days are date cells shown that way and numbers stay numbers.
// The API's downloads keep the contract's columns and ISO dates, and do not use it.
type localTable struct {
	tableWriter
	f         format.Formatter
	xlsx      bool
	dateStyle int
}

// localize wraps a page download's writer (startTable's) so that it writes days and decimals as
// the reader's language does.
func (s *Server) localize(c echo.Context, w tableWriter) (tableWriter, error) {
	t := &localTable{tableWriter: w, f: s.formatter(c)}
	if x, ok := w.(*xlsxTable); ok {
		numFmt := "dd/mm/yyyy"
		if t.f.Lang == "en" {
			numFmt = "d mmm yyyy"
		}
		style, err := x.f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt})
		if err != nil {
			return nil, err
		}
		t.xlsx, t.dateStyle = true, style
	}
	return t, nil
}

// Row writes a row: a time.Time is a calendar day (zero: an empty cell), a float64 a decimal.
func (t *localTable) Row(cells []any) error {
	for i, v := range cells {
		switch x := v.(type) {
		case time.Time:
			switch {
			case x.IsZero():
				cells[i] = ""
			case t.xlsx:
				cells[i] = excelize.Cell{StyleID: t.dateStyle, Value: x.UTC()}
			default:
				cells[i] = t.f.Date(x)
			}
		case float64:
			if !t.xlsx {
				cells[i] = t.f.Number(x, 4)
			}
		}
	}
	return t.tableWriter.Row(cells)
}
