// Package roster reads the officer CSV (badge,given_names,family_names,rank,station_code,pin),
// validates every row and hashes the PINs. It never keeps a PIN.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/go-playground/validator/v10"

	"aula/server/internal/store"
	"aula/sync/auth"
)

// Header is the required first line of the CSV.
var Header = []string{"badge", "given_names", "family_names", "rank", "station_code", "pin"}

// MaxRows bounds one import.
const MaxRows = 50000

// Problem is a bad line of the file.
type Problem struct {
	File    string
	Line    int
	Message string
}

// String formats the problem as FILE:LINE: message.
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// row holds one CSV row for validation.
type row struct {
	Badge       string `validate:"required,badge"`
	GivenNames  string `validate:"required,max=80,personname"`
	FamilyNames string `validate:"required,max=80,personname"`
	Rank        string `validate:"required,max=40,personname"`
	StationCode string `validate:"required,stationcode"`
	PIN         string `validate:"required,min=4,max=8,numeric"`
}

var (
	badgePattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,19}$`)
	stationPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{1,31}$`)
	validate       = newValidator()
)

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	_ = v.RegisterValidation("badge", func(fl validator.FieldLevel) bool { return badgePattern.MatchString(fl.Field().String()) })
	_ = v.RegisterValidation("stationcode", func(fl validator.FieldLevel) bool { return stationPattern.MatchString(fl.Field().String()) })
	_ = v.RegisterValidation("personname", func(fl validator.FieldLevel) bool { return ValidName(fl.Field().String()) })
	return v
}

// ValidStationCode reports whether code is a valid station code.
func ValidStationCode(code string) bool { return stationPattern.MatchString(code) }

// ValidName accepts names in any alphabet's letters (José, Peña, Nuñez), with spaces, apostrophes,
// hyphens and dots between them ("María José", "D'Angelo", "Pérez-Rojas", "Sgto. 1ro").
func ValidName(s string) bool {
	if strings.TrimSpace(s) != s || s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(" '’-.", r) {
			return false
		}
	}
	return true
}

// fieldMessages explains each field rule in words an administrator can act on.
var fieldMessages = map[string]string{
	"Badge":       "badge must be 1-20 letters, digits or dashes",
	"GivenNames":  "given_names must be letters, spaces, apostrophes, dots or dashes (at most 80)",
	"FamilyNames": "family_names must be letters, spaces, apostrophes, dots or dashes (at most 80)",
	"Rank":        "rank must be letters, digits, spaces, dots or dashes (at most 40)",
	"StationCode": "station_code must be 2-32 letters, digits or dashes",
	"PIN":         "pin must be 4 to 8 digits",
}

// Parse reads and validates the whole file, hashing the PIN of every good row. It returns every
// bad row; the rows are meant to be imported only when there are no problems.
func Parse(r io.Reader, file string) ([]store.OfficerRow, []Problem) {
	data, err := io.ReadAll(io.LimitReader(r, 32<<20))
	if err != nil {
		return nil, []Problem{{file, 1, "cannot read the file: " + err.Error()}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) >= 5 && !bytes.Contains(first, []byte(",")) {
		cr.Comma = ';' // spreadsheets set up for Spanish save CSV with semicolons
	}
	cr.FieldsPerRecord = -1
	var problems []Problem
	bad := func(line int, format string, args ...any) {
		problems = append(problems, Problem{file, line, fmt.Sprintf(format, args...)})
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{file, 1, "the file is empty; the first line must be " + strings.Join(Header, ",")}}
	}
	if err != nil || !equalFold(header, Header) {
		return nil, []Problem{{file, 1, "the first line must be exactly " + strings.Join(Header, ",")}}
	}
	var rows []row
	var lines []int
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad(pe.Line, "%v", pe.Err)
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(Header) {
			bad(line, "expected %d fields (%s), found %d", len(Header), strings.Join(Header, ","), len(rec))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		rw := row{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]}
		if err := validate.Struct(rw); err != nil {
			var ve validator.ValidationErrors
			if errors.As(err, &ve) {
				for _, fe := range ve {
					bad(line, "%s (got %q)", fieldMessages[fe.Field()], shown(fe))
				}
			}
			continue
		}
		if prev, dup := seen[strings.ToUpper(rw.Badge)]; dup {
			bad(line, "badge %s already appears on line %d", rw.Badge, prev)
			continue
		}
		seen[strings.ToUpper(rw.Badge)] = line
		rows = append(rows, rw)
		lines = append(lines, line)
		if len(rows) > MaxRows {
			bad(line, "too many rows: import at most %d officers at a time", MaxRows)
			break
		}
	}
	if len(rows) == 0 && len(problems) == 0 {
		bad(1, "the file has no officers after its header line")
	}
	if len(problems) > 0 {
		return nil, problems
	}
	out, err := hashAll(rows, lines)
	if err != nil {
		return nil, []Problem{{file, 1, err.Error()}}
	}
	return out, nil
}

// shown is the offending value for a message; a PIN is never echoed.
func shown(fe validator.FieldError) string {
	if fe.Field() == "PIN" {
		return "****"
	}
	return fmt.Sprint(fe.Value())
}

// hashAll hashes every PIN, on every core (argon2id is slow on purpose).
func hashAll(rows []row, lines []int) ([]store.OfficerRow, error) {
	out := make([]store.OfficerRow, len(rows))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 4)
	for i, r := range rows {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			h, err := auth.HashPIN(r.PIN)
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				return
			}
			out[i] = store.OfficerRow{Line: lines[i], Badge: strings.ToUpper(r.Badge), GivenNames: r.GivenNames, FamilyNames: r.FamilyNames,
				Rank: r.Rank, StationCode: strings.ToUpper(r.StationCode), PINHash: h}
		}()
	}
	wg.Wait()
	return out, firstErr
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
