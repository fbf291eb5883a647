// Package roster reads the officer CSV (badge,given_names,family_names,rank,station_code,pin),
// checks every row, hashes the PINs and imports the officers: all rows or none. It never keeps a
// PIN.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"aula/courses"
	"aula/sync/auth"
)

// Header is the required first line of the CSV.
var Header = []string{"badge", "given_names", "family_names", "rank", "station_code", "pin"}

// MaxRows bounds one import.
const MaxRows = 50000

// maxFileSize bounds the file read (50,000 rows take about 5 MB).
const maxFileSize = 32 << 20

// Problem is a bad line of the file. ID is a message id (the apps' catalogs hold its text in
// Spanish and English, with Args as its fmt arguments).
type Problem struct {
	File string
	Line int
	ID   string
	Args []any
}

// Text formats the problem as FILE:LINE: message, the message in the words msg gives its id.
func (p Problem) Text(msg func(id string, args ...any) string) string {
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, msg(p.ID, p.Args...))
}

// Row is one good line of the file, its PIN not hashed yet.
type Row struct {
	Line        int
	Badge       string
	GivenNames  string
	FamilyNames string
	Rank        string
	StationCode string
	PIN         string
}

var (
	badgePattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,19}$`)
	stationPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{1,31}$`)
	pinPattern     = regexp.MustCompile(`^[0-9]{4,8}$`)
)

// nameOf returns a check for a name of at most max letters (ValidName).
func nameOf(max int) func(string) bool {
	return func(s string) bool { return utf8.RuneCountInString(s) <= max && ValidName(s) }
}

// ValidStationCode reports whether code is a valid station code.
func ValidStationCode(code string) bool { return stationPattern.MatchString(code) }

// ValidName accepts names in any alphabet's letters (José, Peña, Nuñez), with spaces, apostrophes,
// hyphens and dots between them ("María José", "D'Angelo", "Pérez-Rojas", "Sgto. 1ro").
func ValidName(s string) bool {
	if strings.TrimSpace(s) != s || s == "" || courses.TextProblem(s) != "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(" '’-.", r) {
			return false
		}
	}
	return true
}

// columns names each field of Row as the CSV header does, its format message id and its check.
var columns = map[string]struct {
	name, id string
	ok       func(string) bool
}{
	"Badge":       {"badge", "roster.badge", badgePattern.MatchString},
	"GivenNames":  {"given_names", "roster.given_names", nameOf(80)},
	"FamilyNames": {"family_names", "roster.family_names", nameOf(80)},
	"Rank":        {"rank", "roster.rank", nameOf(40)},
	"StationCode": {"station_code", "roster.station_code", ValidStationCode},
	"PIN":         {"pin", "roster.pin", pinPattern.MatchString},
}

// Parse reads and checks the whole file and returns its rows, or every problem: the CSV syntax,
// each field, badges given twice, guessable PINs and, when stations is not nil, station codes
// not in it (upper case). Rows come back only when there is no problem at all.
func Parse(r io.Reader, file string, stations map[string]bool) ([]Row, []Problem) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, []Problem{{file, 1, "roster.read", []any{err.Error()}}}
	}
	if len(data) > maxFileSize {
		return nil, []Problem{{file, 1, "roster.too_large", []any{maxFileSize >> 20}}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) >= 5 && !bytes.Contains(first, []byte(",")) {
		cr.Comma = ';' // spreadsheets set up for Spanish save CSV with semicolons
	}
	cr.FieldsPerRecord = -1
	report := &report{file: file}
	bad := report.add
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{file, 1, "roster.empty", []any{strings.Join(Header, ",")}}}
	}
	if err != nil || !equalFold(header, Header) {
		return nil, []Problem{{file, 1, "roster.header", []any{strings.Join(Header, ",")}}}
	}
	var rows []Row
	seen := map[string]int{}
	for count := 0; ; {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The reader keeps no field positions for a line it could not parse: the line
			// comes from the error, never from FieldPos.
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, []Problem{{file, 1, "roster.read", []any{err.Error()}}}
			}
			bad(pe.StartLine, SyntaxProblem(pe.Err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if count++; count > MaxRows {
			bad(line, "roster.too_many", MaxRows)
			break
		}
		if len(rec) != len(Header) {
			bad(line, "roster.fields", len(Header), strings.Join(Header, ","), len(rec))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		rw := Row{line, rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]}
		if !checkRow(rw, stations, bad) {
			continue
		}
		key := strings.ToUpper(rw.Badge)
		if prev, dup := seen[key]; dup {
			bad(line, "roster.duplicate", rw.Badge, prev)
			continue
		}
		seen[key] = line
		rows = append(rows, rw)
	}
	if len(rows) == 0 && report.count == 0 {
		bad(1, "roster.no_rows")
	}
	if report.count > 0 {
		return nil, report.list()
	}
	return rows, nil
}

// maxProblems bounds the problems listed: a file saved in the wrong encoding can have one on each
// of its 50,000 lines, and the first ones tell what to fix.
const maxProblems = 1000

// report collects the problems of a file.
type report struct {
	file     string
	problems []Problem
	count    int
}

func (r *report) add(line int, id string, args ...any) {
	if r.count++; r.count <= maxProblems {
		r.problems = append(r.problems, Problem{r.file, line, id, args})
	}
}

// list returns the problems, the last one saying how many more there are when some were left out.
func (r *report) list() []Problem {
	if more := r.count - len(r.problems); more > 0 {
		last := r.problems[len(r.problems)-1].Line
		id := "roster.more_problems.other"
		if more == 1 {
			id = "roster.more_problems.one"
		}
		return append(r.problems, Problem{r.file, last, id, []any{more}})
	}
	return r.problems
}

// checkRow reports every problem of one row's fields through bad, and its station when unknown
// (stations not nil). It returns whether the row is good. A PIN is never echoed.
func checkRow(rw Row, stations map[string]bool, bad func(line int, id string, args ...any)) bool {
	good := true
	report := func(line int, id string, args ...any) { good = false; bad(line, id, args...) }
	fields := []struct{ field, value string }{{"Badge", rw.Badge}, {"GivenNames", rw.GivenNames},
		{"FamilyNames", rw.FamilyNames}, {"Rank", rw.Rank}, {"StationCode", rw.StationCode}, {"PIN", rw.PIN}}
	unreadable := map[string]bool{}
	for _, f := range fields {
		if id := courses.TextProblem(f.value); id != "" {
			report(rw.Line, "roster."+id, columns[f.field].name)
			unreadable[f.field] = true
		}
	}
	for _, f := range fields {
		switch col := columns[f.field]; {
		case unreadable[f.field] || col.ok(f.value):
		case f.field == "PIN":
			report(rw.Line, col.id)
			unreadable[f.field] = true
		default:
			report(rw.Line, col.id, f.value)
			unreadable[f.field] = true
		}
	}
	if !unreadable["PIN"] && !unreadable["Badge"] {
		if id := auth.WeakPIN(rw.PIN, rw.Badge); id != "" {
			report(rw.Line, id)
		}
	}
	if stations != nil && !unreadable["StationCode"] && !stations[strings.ToUpper(rw.StationCode)] {
		report(rw.Line, "roster.station_unknown", strings.ToUpper(rw.StationCode))
	}
	return good
}

// SyntaxProblem returns the message id that explains a CSV syntax error (a *csv.ParseError's
// Err) in words a person can act on.
func SyntaxProblem(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "roster.bare_quote"
	case errors.Is(err, csv.ErrQuote):
		return "roster.quote"
	}
	return "roster.syntax"
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(a[i]), b[i]) {
			return false
		}
	}
	return true
}
