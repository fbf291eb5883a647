// Package csvsafe is the one way Aula writes CSV files for people to open in a spreadsheet.
// Every cell that a spreadsheet would read as a formula is neutralised, whatever column it is in
// and wherever its text came from (a name typed by staff, an id pushed by a station node).
package csvsafe

import (
	"encoding/csv"
	"io"
)

// BOM is the UTF-8 byte-order mark; spreadsheets need it to show accents in a CSV file.
const BOM = "\xef\xbb\xbf"

// Writer writes CSV records with every cell passed through Cell.
type Writer struct {
	w   *csv.Writer
	buf []string
}

// NewWriter returns a Writer on w. It writes nothing until the first record.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, each cell neutralised. record itself is not changed.
func (w *Writer) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, s := range record {
		w.buf = append(w.buf, Cell(s))
	}
	return w.w.Write(w.buf)
}

// Flush writes any buffered data and returns the first error of any Write or of the flush.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

// Cell returns s as a cell a spreadsheet shows as text: when s starts with = + - @, a tab or a
// carriage return (which Excel, LibreOffice and Google Sheets may read as a formula, the start of
// a DDE call or a HYPERLINK), a single quote is put in front, the OWASP rule. Other text is
// returned as it is.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
