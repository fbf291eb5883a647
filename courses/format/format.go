// Package format writes numbers, dates and times for people, the one way both programs, their
// CSV exports and the certificate PDF do it: in Spanish, dates dd/mm/aaaa ("1 de diciembre de
// 2026" in prose) and decimals with a comma ("70,4 %"); in English, dates that cannot be misread
// ("1 Dec 2026", "1 December 2026") and decimals with a point ("70.4%"). Times are shown in the
// station's time zone (America/Caracas unless configured), never as raw ISO or UTC. The JSON API
// keeps RFC 3339: this package is for human-facing output only.
package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zone database, for Windows and minimal hosts without one
)

// DefaultZone is the time zone when none is configured.
const DefaultZone = "America/Caracas"

// Zone loads a time zone by its IANA name ("" is DefaultZone).
func Zone(name string) (*time.Location, error) {
	if strings.TrimSpace(name) == "" || name == DefaultZone {
		return caracas, nil // loaded once: reading the zone file per call cost seconds per report
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (use an IANA name such as %s): %w", name, DefaultZone, err)
	}
	return loc, nil
}

var caracas = func() *time.Location {
	loc, err := time.LoadLocation(DefaultZone)
	if err != nil {
		return time.FixedZone("VET", -4*3600)
	}
	return loc
}()

// Formatter formats for one language ("es" or "en"; anything else is Spanish) in one time zone.
type Formatter struct {
	Lang string
	Loc  *time.Location
}

// New returns a Formatter; a nil loc is DefaultZone.
func New(lang string, loc *time.Location) Formatter {
	if lang != "en" {
		lang = "es"
	}
	if loc == nil {
		loc = caracas
	}
	return Formatter{Lang: lang, Loc: loc}
}

// None is what an absent date or value shows.
const None = "—"

var monthsES = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// local returns t in the formatter's zone, except a calendar day (how the stores keep dates: midnight
// UTC), which is that same day wherever it is shown.
func (f Formatter) local(t time.Time) time.Time {
	u := t.UTC()
	if u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return u
	}
	return t.In(f.loc())
}

func (f Formatter) loc() *time.Location {
	if f.Loc == nil {
		return caracas
	}
	return f.Loc
}

// Date is the day of t: "01/12/2026" in Spanish, "1 Dec 2026" in English; "—" for a zero time.
func (f Formatter) Date(t time.Time) string {
	if t.IsZero() {
		return None
	}
	t = f.local(t)
	if f.Lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// DateTime is the day and time of t in the zone: "01/12/2026 14:05", "1 Dec 2026 14:05".
func (f Formatter) DateTime(t time.Time) string {
	if t.IsZero() {
		return None
	}
	t = t.In(f.loc())
	if f.Lang == "en" {
		return t.Format("2 Jan 2006 15:04")
	}
	return t.Format("02/01/2006 15:04")
}

// LongDate is the day of t in words, for prose and certificates: "1 de diciembre de 2026",
// "1 December 2026".
func (f Formatter) LongDate(t time.Time) string {
	if t.IsZero() {
		return None
	}
	t = f.local(t)
	if f.Lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d de %s de %d", t.Day(), monthsES[t.Month()-1], t.Year())
}

// Day is Date of a "2006-01-02" day; text that is not one is returned as it is ("" is "—").
func (f Formatter) Day(s string) string { return f.day(s, f.Date) }

// LongDay is LongDate of a "2006-01-02" day.
func (f Formatter) LongDay(s string) string { return f.day(s, f.LongDate) }

func (f Formatter) day(s string, as func(time.Time) string) string {
	if s == "" {
		return None
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return as(t)
}

// Number writes x with at most places decimals, trailing zeros dropped: "70,4" or "70.4", "2".
func (f Formatter) Number(x float64, places int) string {
	s := strconv.FormatFloat(x, 'f', places, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	if f.Lang == "en" {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// Percent writes a percentage with one decimal at most: "70,4 %" in Spanish, "70.4%" in English.
func (f Formatter) Percent(x float64) string {
	if f.Lang == "en" {
		return f.Number(x, 1) + "%"
	}
	return f.Number(x, 1) + " %"
}

var units = map[string][4][2]string{ // singular, plural of day, hour, minute, second
	"es": {{"día", "días"}, {"hora", "horas"}, {"minuto", "minutos"}, {"segundo", "segundos"}},
	"en": {{"day", "days"}, {"hour", "hours"}, {"minute", "minutes"}, {"second", "seconds"}},
}

// Span writes the length of d in words, rounded to its two largest units: "3 minutos",
// "1 hora y 5 minutos", "2 days and 4 hours", "40 segundos". The sign is ignored.
func (f Formatter) Span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	secs := int64(math.Round(d.Seconds()))
	parts := []int64{secs / 86400, secs % 86400 / 3600, secs % 3600 / 60, secs % 60}
	u := units[f.Lang]
	var words []string
	for i, n := range parts {
		if n == 0 && (len(words) > 0 || i < len(parts)-1) {
			if len(words) > 0 {
				break
			}
			continue
		}
		w := u[i][1]
		if n == 1 {
			w = u[i][0]
		}
		words = append(words, fmt.Sprintf("%d %s", n, w))
		if len(words) == 2 {
			break
		}
	}
	and := " y "
	if f.Lang == "en" {
		and = " and "
	}
	return strings.Join(words, and)
}

// ParseDay reads a day typed or exported by a person: "2026-12-01", "01/12/2026" or "1/12/2026"
// (day first, as in Venezuela).
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse("2/1/2006", s)
}
