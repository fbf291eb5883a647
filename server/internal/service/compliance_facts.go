package service

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"aula/courses/compliance"
	"aula/server/internal/store"
)

// What compliance_facts holds of an officer: the facts the rules read, in days, so that the
// counts he adds can be taken back when he changes (compliance_tally.go) and a newly counted day
// can be added up without reading attempts and certificates again. The encoding is a line of
// space-separated tokens, strings quoted:
//
//	f1 "agency" "station" created n (requirement first)×n m ("course" version completed expires revoked)×m
//
// with days as days since 1970-01-01 and "-" for none.

const factsFormat = "f1"

func encodeDay(b *strings.Builder, d time.Time) {
	b.WriteByte(' ')
	if d.IsZero() {
		b.WriteByte('-')
		return
	}
	b.WriteString(strconv.FormatInt(d.Unix()/86400, 10))
}

// encodeFacts writes f as compliance_facts keeps it.
func encodeFacts(f *facts) string {
	var b strings.Builder
	b.WriteString(factsFormat)
	b.WriteString(" " + strconv.Quote(f.o.Agency) + " " + strconv.Quote(f.o.Station))
	encodeDay(&b, f.created)
	b.WriteString(" " + strconv.Itoa(len(f.first)))
	for id, d := range f.first {
		b.WriteString(" " + strconv.FormatInt(id, 10))
		encodeDay(&b, d)
	}
	b.WriteString(" " + strconv.Itoa(len(f.held)))
	for _, h := range f.held {
		b.WriteString(" " + strconv.Quote(h.course) + " " + strconv.Itoa(h.version))
		encodeDay(&b, h.completed)
		encodeDay(&b, h.expires)
		encodeDay(&b, h.revoked)
	}
	return b.String()
}

var errFacts = errors.New("compliance_facts: unreadable facts (the counts are rebuilt)")

// factsReader reads the tokens of an encoding.
type factsReader struct {
	s   string
	err error
}

func (r *factsReader) token() string {
	r.s = strings.TrimLeft(r.s, " ")
	if r.s == "" {
		r.err = errFacts
		return ""
	}
	if r.s[0] == '"' {
		q, err := strconv.QuotedPrefix(r.s)
		if err != nil {
			r.err = errFacts
			return ""
		}
		r.s = r.s[len(q):]
		v, _ := strconv.Unquote(q)
		return v
	}
	i := strings.IndexByte(r.s, ' ')
	if i < 0 {
		i = len(r.s)
	}
	t := r.s[:i]
	r.s = r.s[i:]
	return t
}

func (r *factsReader) int() int64 {
	n, err := strconv.ParseInt(r.token(), 10, 64)
	if err != nil && r.err == nil {
		r.err = errFacts
	}
	return n
}

func (r *factsReader) day() time.Time {
	t := r.token()
	if t == "-" {
		return time.Time{}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		r.err = errFacts
		return time.Time{}
	}
	return time.Unix(n*86400, 0).UTC()
}

// decodeFacts reads stored facts back into the form the evaluator reads (e.facts's), for the
// officer id with rank.
func (e *evaluator) decodeFacts(id int64, sf store.OfficerFacts) (*facts, error) {
	r := &factsReader{s: sf.Facts}
	if r.token() != factsFormat {
		return nil, errFacts
	}
	o := &store.ComplianceOfficer{ID: id, Rank: sf.Rank}
	o.Agency, o.Station = r.token(), r.token()
	f := &facts{o: o, created: r.day()}
	n := r.int()
	if n < 0 || n > 1<<16 {
		return nil, errFacts
	}
	f.first = make(map[int64]time.Time, n)
	for range n {
		id := r.int()
		f.first[id] = r.day()
	}
	m := r.int()
	if m < 0 || m > 1<<20 {
		return nil, errFacts
	}
	f.held = make([]heldDays, 0, m)
	for range m {
		h := heldDays{course: r.token(), version: int(r.int())}
		h.completed, h.expires, h.revoked = r.day(), r.day(), r.day()
		f.held = append(f.held, h)
	}
	if r.err != nil {
		return nil, r.err
	}
	e.scope(f)
	return f, nil
}

// tallyDay is a counted day as the evaluator takes it.
type tallyDay struct {
	day  time.Time
	asOf bool
}

// tkey is a count's key while counts are added up: the day's index in the days counted, the
// course's index in the evaluator's courses plus one (0: all), the station and the rank.
type tkey struct {
	day, course int
	station     int64
	rank        string
}

// contribute adds sign × what officer f, of station and rank, counts on each of days into sum.
// On each day he adds, for each course he must hold and for all of them together: himself as
// an officer with a requirement, one row per requirement in its status, and himself as an
// officer with a row in each status he has.
func (e *evaluator) contribute(f *facts, station int64, rank string, days []tallyDay, sign int64, sum map[tkey]*store.Tally) {
	per := make([]store.Tally, len(e.courses)+1)
	for di, d := range days {
		clear(per)
		e.each(f, d.day, d.asOf, func(i int, res compliance.Result) {
			s := statusIndex(res.Status)
			for _, t := range []*store.Tally{&per[0], &per[e.course[i]+1]} {
				t[store.TOfficers] = 1
				t[store.TRequired]++
				t[store.TCompliant+s]++
				t[store.TOfficersCompliant+s] = 1
			}
		})
		for ci := range per {
			if per[ci][store.TOfficers] == 0 {
				continue
			}
			k := tkey{day: di, course: ci, station: station, rank: rank}
			t := sum[k]
			if t == nil {
				t = &store.Tally{}
				sum[k] = t
			}
			for j, n := range per[ci] {
				t[j] += sign * n
			}
		}
	}
}

// statusIndex is s's position in compliance.Statuses.
func statusIndex(s string) int {
	for i, x := range compliance.Statuses {
		if x == s {
			return i
		}
	}
	return 0
}
