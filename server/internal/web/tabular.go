package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"aula/courses"
	"aula/internal/csvsafe"
)

// tableWriter writes a table row by row as CSV or XLSX, so that an export of any size holds one
// row at a time (the XLSX through excelize's StreamWriter, which spills rows to a temporary file).
type tableWriter interface {
	Row(cells []any) error
	Close() error
}

// exportFormat reads ?format=: "" (JSON), "csv" or "xlsx"; anything else is an Invalid error.
func exportFormat(c echo.Context) (string, error) {
	f := c.QueryParam("format")
	switch f {
	case "", "json", "csv", "xlsx":
		return f, nil
	}
	return "", courses.InvalidFields(map[string]courses.Msg{"format": courses.M("v.export_format")})
}

// startTable answers 200 with a CSV (UTF-8, byte-order mark, header row) or XLSX download named
// name (without extension) and returns its writer, the header already written.
func startTable(c echo.Context, format, name string, header []string) (tableWriter, error) {
	h := c.Response().Header()
	if format == "xlsx" {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".xlsx"))
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			f.Close()
			return nil, err
		}
		x := &xlsxTable{c: c, f: f, sw: sw}
		cells := make([]any, len(header))
		for i, s := range header {
			cells[i] = s
		}
		return x, x.Row(cells)
	}
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".csv"))
	c.Response().WriteHeader(http.StatusOK)
	if _, err := c.Response().Write([]byte(csvsafe.BOM)); err != nil {
		return nil, err
	}
	w := &csvTable{w: csvsafe.NewWriter(c.Response())}
	return w, w.w.Write(header)
}

type csvTable struct {
	w   *csvsafe.Writer
	buf []string
	n   int
}

func (t *csvTable) Row(cells []any) error {
	t.buf = t.buf[:0]
	for _, v := range cells {
		t.buf = append(t.buf, cellText(v))
	}
	t.n++
	if t.n%1000 == 0 {
		if err := t.w.Flush(); err != nil { // a hung-up client stops the export
			return err
		}
	}
	return t.w.Write(t.buf)
}

func (t *csvTable) Close() error { return t.w.Flush() }

type xlsxTable struct {
	c   echo.Context
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
}

func (t *xlsxTable) Row(cells []any) error {
	t.row++
	for i, v := range cells {
		if s, ok := v.(string); ok {
			cells[i] = csvsafe.Cell(s) // a spreadsheet must never read a cell as a formula
		} else if v == nil {
			cells[i] = ""
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	return t.sw.SetRow(cell, cells)
}

func (t *xlsxTable) Close() error {
	defer t.f.Close()
	if err := t.sw.Flush(); err != nil {
		return err
	}
	t.c.Response().WriteHeader(http.StatusOK)
	return t.f.Write(t.c.Response())
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return fmt.Sprintf("%.4f", x)
	}
	return fmt.Sprint(v)
}
