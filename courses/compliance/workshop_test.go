package compliance

import "testing"

// The rule that makes a workshop count as a course completion, every case.
func TestWorkshopCompletes(t *testing.T) {
	for _, c := range []struct {
		course, issue string
		says, want    bool
	}{
		{"", "approval", true, false},                 // names no course
		{"uso-de-la-fuerza", "approval", false, true}, // the course is approved by a person anyway
		{"uso-de-la-fuerza", "automatic", false, false},
		{"uso-de-la-fuerza", "automatic", true, true}, // the workshop says so
		{"uso-de-la-fuerza", "none", false, false},
		{"uso-de-la-fuerza", "none", true, true},
		{"uso-de-la-fuerza", "", false, false}, // an unknown rule does not count by itself
	} {
		if got := WorkshopCompletes(c.course, c.issue, c.says); got != c.want {
			t.Errorf("WorkshopCompletes(%q, %q, %v) = %v, want %v", c.course, c.issue, c.says, got, c.want)
		}
	}
}
