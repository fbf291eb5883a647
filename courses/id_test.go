package courses

import (
	"regexp"
	"testing"
	"time"
)

func TestNewID(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	prev := ""
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for range 1000 {
		id := newID(now)
		if !re.MatchString(id) {
			t.Fatalf("%q is not a UUIDv7", id)
		}
		if seen[id] || id <= prev {
			t.Fatalf("id %q repeated or out of order after %q", id, prev)
		}
		seen[id], prev = true, id
	}
}
