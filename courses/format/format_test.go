package format

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	es, en := New("es", nil), New("en", nil)
	instant := time.Date(2026, 12, 2, 2, 30, 0, 0, time.UTC) // 1 Dec 2026, 22:30 in Caracas
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)      // a calendar day as the stores keep it
	for _, c := range []struct{ got, want string }{
		{es.Date(instant), "01/12/2026"},
		{en.Date(instant), "1 Dec 2026"},
		{es.DateTime(instant), "01/12/2026 22:30"},
		{en.DateTime(instant), "1 Dec 2026 22:30"},
		{es.LongDate(instant), "1 de diciembre de 2026"},
		{en.LongDate(instant), "1 December 2026"},
		{es.Date(day), "01/12/2026"},
		{es.LongDay("2026-12-01"), "1 de diciembre de 2026"},
		{en.Day("2027-01-09"), "9 Jan 2027"},
		{es.Day(""), "—"},
		{es.Date(time.Time{}), "—"},
		{es.Day("mañana"), "mañana"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	utc, _ := Zone("UTC")
	if got := New("es", utc).DateTime(instant); got != "02/12/2026 02:30" {
		t.Errorf("in UTC: %q", got)
	}
	if _, err := Zone("Mars/Olympus"); err == nil {
		t.Error("an unknown zone was accepted")
	}
}

func TestNumbers(t *testing.T) {
	es, en := New("es", nil), New("en", nil)
	for _, c := range []struct{ got, want string }{
		{es.Percent(70.4), "70,4 %"},
		{en.Percent(70.4), "70.4%"},
		{es.Percent(100), "100 %"},
		{es.Percent(85.56), "85,6 %"},
		{es.Number(2.5, 2), "2,5"},
		{en.Number(2, 2), "2"},
		{es.Number(-0.001, 1), "0"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

func TestSpan(t *testing.T) {
	es, en := New("es", nil), New("en", nil)
	for _, c := range []struct{ got, want string }{
		{es.Span(3 * time.Minute), "3 minutos"},
		{es.Span(-time.Minute), "1 minuto"},
		{es.Span(time.Hour + 5*time.Minute + 10*time.Second), "1 hora y 5 minutos"},
		{es.Span(40 * time.Second), "40 segundos"},
		{es.Span(0), "0 segundos"},
		{en.Span(49*time.Hour + 30*time.Second), "2 days and 1 hour"},
		{en.Span(time.Second), "1 second"},
		{es.Span(400 * 24 * time.Hour), "400 días"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

func TestParseDay(t *testing.T) {
	for _, s := range []string{"2026-12-01", "01/12/2026", " 1/12/2026 "} {
		if d, err := ParseDay(s); err != nil || d.Format(time.DateOnly) != "2026-12-01" {
			t.Errorf("%q: %v %v", s, d, err)
		}
	}
	for _, s := range []string{"12/31/2026", "mañana", ""} {
		if _, err := ParseDay(s); err == nil {
			t.Errorf("%q was read as a day", s)
		}
	}
}
