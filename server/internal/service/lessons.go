package service

import (
	"context"
	"slices"

	"aula/courses"
	"aula/courses/analysis"
	"aula/server/internal/store"
)

// lessonPass gathers lesson engagement during the analysis's pass over the attempts: for each
// officer's first attempt, which lessons he had read before it (by the node's sequence on the same
// node, by the order of arrival from another), how long the reading took where the node measured
// it, and his credit on the questions citing each lesson.
type lessonPass struct {
	course   *courses.Course
	reads    map[int64][]store.LessonReading // officer -> his readings of this course's lessons
	index    map[string]int                  // lesson id -> index
	citing   [][]int                         // per lesson: the questions citing it
	officers int
	opened   []int
	times    []map[int64]int64 // per lesson: reading seconds -> readings
	rel      [][2]struct {
		n   int
		sum float64
	} // per lesson: [readers, non-readers]
	last int64
}

func (z *Analyzer) newLessonPass(ctx context.Context, cr *courses.Course) (*lessonPass, error) {
	p := &lessonPass{course: cr, reads: map[int64][]store.LessonReading{}, index: map[string]int{}, last: -1}
	n := len(cr.Lessons)
	p.citing, p.opened, p.times = make([][]int, n), make([]int, n), make([]map[int64]int64, n)
	p.rel = make([][2]struct {
		n   int
		sum float64
	}, n)
	for i, l := range cr.Lessons {
		p.index[l.ID] = i
		p.times[i] = map[int64]int64{}
		for qi := range cr.Quiz.Questions {
			if analysis.Cites(&cr.Quiz.Questions[qi], l.ID) {
				p.citing[i] = append(p.citing[i], qi)
			}
		}
	}
	if n == 0 {
		return p, nil
	}
	reads, err := z.Store.LessonReadings(ctx, cr.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range reads {
		if _, ok := p.index[r.LessonID]; ok && r.NodeID != "" {
			p.reads[r.OfficerID] = append(p.reads[r.OfficerID], r)
		}
	}
	return p, nil
}

// needsOrder reports whether the pass must know where and when each attempt arrived: only when
// some officer read a lesson of the course (on a node that said where and when).
func (p *lessonPass) needsOrder() bool { return len(p.reads) > 0 }

// before reports whether a reading came before an attempt: on the same node by sequence, from
// another node when it reached the center earlier. No clock is compared.
func before(r store.LessonReading, node string, seq int64, receivedAt string) bool {
	if r.NodeID == node {
		return r.NodeSeq < seq
	}
	return r.ReceivedAt < receivedAt
}

// add takes an attempt in the pass's order: only each officer's first counts.
func (p *lessonPass) add(a *store.AnalysisAttempt, items []analysis.Item) {
	if a.OfficerID == p.last || len(p.course.Lessons) == 0 {
		return
	}
	p.last = a.OfficerID
	p.officers++
	read := make([]bool, len(p.course.Lessons))
	reads := p.reads[a.OfficerID]
	var node, at string
	var seq int64
	if len(reads) > 0 {
		node, seq, at = a.Arrival()
	}
	for _, r := range reads {
		if !before(r, node, seq, at) {
			continue
		}
		i := p.index[r.LessonID]
		read[i] = true
		p.opened[i]++
		if r.Seconds != nil {
			p.times[i][*r.Seconds]++
		}
	}
	for l, qs := range p.citing {
		n, sum := 0, 0.0
		for _, it := range items {
			if slices.Contains(qs, it.Question) {
				n++
				sum += it.Credit
			}
		}
		if n > 0 {
			g := &p.rel[l][1]
			if read[l] {
				g = &p.rel[l][0]
			}
			g.n++
			g.sum += sum / float64(n)
		}
	}
}

func (p *lessonPass) result() []LessonEngagement {
	out := make([]LessonEngagement, len(p.course.Lessons))
	for i, l := range p.course.Lessons {
		e := LessonEngagement{Lesson: l, Officers: p.officers, Opened: p.opened[i], Citing: len(p.citing[i])}
		if p.officers > 0 {
			e.Share = float64(e.Opened) / float64(p.officers)
		}
		e.Median, e.Measured = median(p.times[i])
		if r, nr := p.rel[i][0], p.rel[i][1]; r.n >= MinGroup && nr.n >= MinGroup {
			a, b := r.sum/float64(r.n), nr.sum/float64(nr.n)
			e.Readers, e.NonReaders = &a, &b
		}
		out[i] = e
	}
	return out
}

// median returns the median of values given as value -> count, and how many there are.
func median(counts map[int64]int64) (*float64, int) {
	var n int64
	keys := make([]int64, 0, len(counts))
	for v, c := range counts {
		keys = append(keys, v)
		n += c
	}
	if n == 0 {
		return nil, 0
	}
	slices.Sort(keys)
	at := func(k int64) float64 { // the k-th value (0-based) in order
		for _, v := range keys {
			if k < counts[v] {
				return float64(v)
			}
			k -= counts[v]
		}
		return 0
	}
	m := at((n - 1) / 2)
	if n%2 == 0 {
		m = (m + at(n/2)) / 2
	}
	return &m, int(n)
}
