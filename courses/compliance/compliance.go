// Package compliance defines, once for the center and the node, whether a required course applies
// to an officer and where he stands with it: compliant, expiring, due or overdue (docs/
// programme.md, "Status rules"). Everything here is a pure function of its inputs; days are
// calendar days in the center's time zone, held as midnight UTC (see Day), the way the stores
// keep dates.
package compliance

import (
	"strings"
	"time"
)

// Statuses of an officer against a requirement.
const (
	Compliant = "compliant" // holds a valid certificate, not within the window of its expiry
	Expiring  = "expiring"  // holds a valid certificate that expires within the window
	Due       = "due"       // holds none, and the due day has not passed
	Overdue   = "overdue"   // holds none, and the due day has passed
)

// Statuses lists every status, in the order reports show them.
var Statuses = []string{Compliant, Expiring, Due, Overdue}

// DefaultWindowDays is how long before expiry a certificate counts as expiring, by default.
const DefaultWindowDays = 60

// Requirement is a course some officers must hold. Empty scope fields match everyone; exactly one
// of DueDate (a day) and DueDays (days after the requirement first applied to the officer) is set.
type Requirement struct {
	ID         int64
	CourseID   string
	Agency     string // agency code, "" for every agency
	Station    string // station code, "" for every station
	Rank       string // "" for every rank; compared ignoring case and surrounding spaces
	DueDate    time.Time
	DueDays    int
	WindowDays int // 0 means DefaultWindowDays, a negative number no window
}

// Officer is what the rules need to know about an officer.
type Officer struct {
	Agency  string
	Station string
	Rank    string
	// FirstApplied is the day the requirement first applied to this officer (zero: unknown, taken
	// as today, so an officer the requirement has just reached gets the full DueDays).
	FirstApplied time.Time
}

// Completion is a passed course (any version) with its certificate's facts. Expires is zero for a
// certificate that never expires (valid_months 0) or a completion without certificate.
type Completion struct {
	Version   int
	Completed time.Time
	Expires   time.Time
	Revoked   bool
}

// Result is where an officer stands with a requirement. Dates are zero when absent.
type Result struct {
	Applies   bool
	Status    string
	DueAt     time.Time // when the course must be (re)taken; zero for a certificate that never expires
	Completed time.Time // the completion the status rests on (a valid one, else the last expired one)
	Expires   time.Time
}

// Day returns the calendar day of t in loc, as midnight UTC (nil loc: UTC).
func Day(t time.Time, loc *time.Location) time.Time {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Applies reports whether r's scope takes in o.
func Applies(r Requirement, o Officer) bool {
	return (r.Agency == "" || strings.EqualFold(r.Agency, o.Agency)) &&
		(r.Station == "" || strings.EqualFold(r.Station, o.Station)) &&
		(r.Rank == "" || SameRank(r.Rank, o.Rank))
}

// SameRank compares two ranks ignoring case and surrounding spaces.
func SameRank(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// Window returns r's expiry window in days.
func (r Requirement) Window() int {
	switch {
	case r.WindowDays < 0:
		return 0
	case r.WindowDays == 0:
		return DefaultWindowDays
	}
	return r.WindowDays
}

// Evaluate returns where o stands with r today, given o's completions of r's course. All days are
// calendar days (Day); completion and expiry instants are turned into days by the caller.
//
// A certificate counts while it is not revoked and today is before its expiry day. Of those that
// count, the one lasting longest decides: compliant, or expiring from Window() days before its
// expiry day on. With none that counts the officer is due until the due day (that day included)
// and overdue after it. The due day is the fixed DueDate or FirstApplied + DueDays; after an
// expired certificate it is never before that certificate's expiry day (recertification: he is
// due again from the day it lapsed, so a lapsed certificate past a passed due day is overdue).
func Evaluate(r Requirement, o Officer, done []Completion, today time.Time) Result {
	if !Applies(r, o) {
		return Result{}
	}
	res := Result{Applies: true}
	var best, lapsed *Completion
	for i := range done {
		c := &done[i]
		if c.Revoked {
			continue
		}
		if !c.Expires.IsZero() && !today.Before(c.Expires) {
			if lapsed == nil || c.Expires.After(lapsed.Expires) {
				lapsed = c
			}
			continue
		}
		if best == nil || outlasts(*c, *best) {
			best = c
		}
	}
	if best != nil {
		res.Completed, res.Expires, res.DueAt = best.Completed, best.Expires, best.Expires
		res.Status = Compliant
		if !best.Expires.IsZero() && !today.Before(best.Expires.AddDate(0, 0, -r.Window())) {
			res.Status = Expiring
		}
		return res
	}
	due := r.DueDate
	if due.IsZero() {
		first := o.FirstApplied
		if first.IsZero() {
			first = today
		}
		due = first.AddDate(0, 0, r.DueDays)
	}
	if lapsed != nil {
		res.Completed, res.Expires = lapsed.Completed, lapsed.Expires
		if lapsed.Expires.After(due) {
			due = lapsed.Expires
		}
	}
	res.DueAt, res.Status = due, Due
	if today.After(due) {
		res.Status = Overdue
	}
	return res
}

// outlasts reports whether a's certificate lasts longer than b's (never expiring lasts longest;
// between equals, the later completion).
func outlasts(a, b Completion) bool {
	switch {
	case a.Expires.IsZero() != b.Expires.IsZero():
		return a.Expires.IsZero()
	case !a.Expires.Equal(b.Expires):
		return a.Expires.After(b.Expires)
	}
	return a.Completed.After(b.Completed)
}

// Counts tallies statuses for a summary row.
type Counts struct {
	Required, Compliant, Expiring, Due, Overdue int
}

// Add counts one status.
func (c *Counts) Add(status string) {
	c.Required++
	switch status {
	case Compliant:
		c.Compliant++
	case Expiring:
		c.Expiring++
	case Due:
		c.Due++
	case Overdue:
		c.Overdue++
	}
}

// Rate is (compliant + expiring) ÷ required, 0 when nothing is required.
func (c Counts) Rate() float64 {
	if c.Required == 0 {
		return 0
	}
	return float64(c.Compliant+c.Expiring) / float64(c.Required)
}
