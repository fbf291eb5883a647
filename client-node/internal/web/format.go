package web

import (
	"html/template"
	"maps"
	"time"

	"aula/courses/format"
)

// funcsFor returns the template functions of pages in lang: the common ones and those that write
// dates, times and numbers (courses/format) the way a reader of lang expects, in the station's zone.
func (s *Server) funcsFor(lang string) template.FuncMap {
	f := format.New(lang, s.Zone)
	out := maps.Clone(funcs)
	maps.Copy(out, template.FuncMap{
		"day":    f.Date,     // 01/12/2026, 1 Dec 2026
		"date":   f.DateTime, // 01/12/2026 14:05
		"isoday": f.Day,      // a "2006-01-02" day, written as day does
		"isotime": func(s string) string { // an RFC 3339 time kept in the store
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return s
			}
			return f.DateTime(t)
		},
		"pct":   f.Percent, // 70,4 %
		"hours": func(h float64) string { return f.Number(h, 1) },
		"clock": func(offset *int64) string { return clockSentence(f, *offset) },
		// wrap gives a sub-template a value and the page's language.
		"wrap": func(v any, lang string) map[string]any { return map[string]any{"Card": v, "Lang": lang} },
	})
	return out
}

// clockSentence says in words how far this station's clock is from the center's (offset: node
// minus center, seconds): "El reloj de esta estación va 3 minutos adelantado respecto al del
// centro." Under half a minute it is on time: a sync round trip takes that much.
func clockSentence(f format.Formatter, offset int64) string {
	d := time.Duration(offset) * time.Second
	switch {
	case d >= 30*time.Second:
		return messages.T(f.Lang, "sync.clock_ahead", f.Span(d))
	case d <= -30*time.Second:
		return messages.T(f.Lang, "sync.clock_behind", f.Span(d))
	}
	return messages.T(f.Lang, "sync.clock_ok")
}

// zone is the station's time zone.
func (s *Server) zone() *time.Location { return format.New("es", s.Zone).Loc }
