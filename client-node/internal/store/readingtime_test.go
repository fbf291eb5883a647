package store

import (
	"testing"
	"time"
)

// TestReadingSeconds: whole seconds between opening a lesson and marking it read, capped at 30
// minutes; a clock that went backwards or an unreadable time gives no measure.
func TestReadingSeconds(t *testing.T) {
	open := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	stamp := open.Format(time.RFC3339Nano)
	for _, c := range []struct {
		name   string
		opened string
		now    time.Time
		want   int64 // -1: not measured
	}{
		{"a short read", stamp, open.Add(42*time.Second + 900*time.Millisecond), 42},
		{"at once", stamp, open, 0},
		{"left open", stamp, open.Add(5 * time.Hour), 1800},
		{"clock went back", stamp, open.Add(-time.Minute), -1},
		{"unreadable", "ayer", open, -1},
	} {
		got := readingSeconds(c.opened, c.now)
		switch {
		case c.want < 0 && got != nil:
			t.Errorf("%s: %d seconds, want none", c.name, *got)
		case c.want >= 0 && (got == nil || *got != c.want):
			t.Errorf("%s: %v, want %d", c.name, got, c.want)
		}
	}
}
