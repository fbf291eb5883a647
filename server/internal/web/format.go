package web

import (
	"html/template"
	"maps"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses/format"
)

// formatter writes numbers and dates in the request's language and the center's time zone.
func (s *Server) formatter(c echo.Context) format.Formatter { return format.New(lang(c), s.Zone) }

// funcsFor returns the template functions of pages in lang: the common ones and those that write
// dates, times and numbers (courses/format) the way a reader of lang expects, in the center's zone.
func (s *Server) funcsFor(lang string) template.FuncMap {
	f := format.New(lang, s.Zone)
	out := maps.Clone(funcs)
	maps.Copy(out, template.FuncMap{
		"date":     f.DateTime, // day and time: 01/12/2026 14:05
		"day":      f.Date,     // day: 01/12/2026, 1 Dec 2026
		"longdate": f.LongDate, // 1 de diciembre de 2026
		"isoday":   f.Day,      // a "2006-01-02" day of the JSON API, written as day does
		"pct":      f.Percent,  // 70,4 %
		"hours":    func(h float64) string { return f.Number(h, 1) },
		"num2":     func(x float64) string { return f.Number(x, 2) },
		"mul100":   func(x float64) float64 { return x * 100 },
		"minutes":  func(sec float64) string { return f.Number(sec/60, 1) + " min" },
		"reason":   func(r string) string { return rejectReason(lang, r) }, // a set-aside record's reason
		"kind":     func(k string) string { return recordKind(lang, k) },   // a pushed record's kind
		"offset": func(d *time.Duration) string {
			switch {
			case d == nil:
				return format.None
			case *d >= 30*time.Second:
				return messages.T(lang, "nodes.ahead", f.Span(*d))
			case *d <= -30*time.Second:
				return messages.T(lang, "nodes.behind", f.Span(*d))
			}
			return messages.T(lang, "nodes.on_time")
		},
	})
	return out
}

// zone is the center's time zone.
func (s *Server) zone() *time.Location { return format.New("es", s.Zone).Loc }

// today is the center's date in its zone, 2006-01-02: the day a certificate issued now carries.
func (s *Server) today() string { return s.Now().In(s.zone()).Format(time.DateOnly) }

// csvHeader is a CSV file's header row in lang: the columns' names as the pages show them. Dates
// in the rows are written as on the pages (dd/mm/aaaa hh:mm in Spanish, in the center's zone)
// and numbers with the language's decimal separator, so a spreadsheet set up in Spanish reads them.
func csvHeader(lang string, ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = messages.T(lang, id)
	}
	return out
}
