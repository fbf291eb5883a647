package analysis

import (
	"math"
	"slices"
)

// moments is a running mean and sum of squared deviations (Welford), so one pass over a
// million values keeps its precision.
type moments struct {
	n    int64
	mean float64
	m2   float64
}

func (m *moments) add(x float64) {
	m.n++
	d := x - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (x - m.mean)
}

// variance is the sample variance (n-1), NaN below two values.
func (m *moments) variance() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return m.m2 / float64(m.n-1)
}

// comoments is the two-variable form of moments: means, sums of squared deviations and the sum of
// cross deviations of (x, y) pairs.
type comoments struct {
	n             int64
	mx, my        float64
	mxx, myy, cxy float64
}

func (c *comoments) add(x, y float64) {
	c.n++
	n := float64(c.n)
	dx := x - c.mx
	c.mx += dx / n
	dy := y - c.my
	c.my += dy / n
	c.mxx += dx * (x - c.mx)
	c.myy += dy * (y - c.my)
	c.cxy += dx * (y - c.my)
}

// histogram counts how often each value occurs: a short list while the values are few (credits:
// 0 and 1; rest scores: a few dozen), a map beyond.
type histogram struct {
	vals   []float64
	counts []int64
	big    map[float64]int64
}

const smallHistogram = 32

func (h *histogram) add(v float64) {
	if h.big != nil {
		h.big[v]++
		return
	}
	for i, x := range h.vals {
		if x == v {
			h.counts[i]++
			return
		}
	}
	if len(h.vals) < smallHistogram {
		h.vals = append(h.vals, v)
		h.counts = append(h.counts, 1)
		return
	}
	h.big = make(map[float64]int64, 2*smallHistogram)
	for i, x := range h.vals {
		h.big[x] = h.counts[i]
	}
	h.vals, h.counts = nil, nil
	h.big[v]++
}

// run is a value and how many times it occurs.
type run struct {
	v float64
	c int64
}

// sorted returns the distinct values in ascending order with their counts.
func (h *histogram) sorted() []run {
	var out []run
	if h.big != nil {
		for v, c := range h.big {
			out = append(out, run{v, c})
		}
	} else {
		for i, v := range h.vals {
			out = append(out, run{v, h.counts[i]})
		}
	}
	slices.SortFunc(out, func(a, b run) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	return out
}

// maxCoDeviation is the largest sum of cross deviations Σ (x−mx)(y−my) the two distributions
// allow: both sorted ascending and paired in that order (the rearrangement inequality).
func maxCoDeviation(xs, ys []run, mx, my float64) float64 {
	sum := 0.0
	i, j := 0, 0
	var ci, cj int64
	if len(xs) > 0 {
		ci = xs[0].c
	}
	if len(ys) > 0 {
		cj = ys[0].c
	}
	for i < len(xs) && j < len(ys) {
		k := min(ci, cj)
		sum += float64(k) * (xs[i].v - mx) * (ys[j].v - my)
		ci -= k
		cj -= k
		if ci == 0 {
			if i++; i < len(xs) {
				ci = xs[i].c
			}
		}
		if cj == 0 {
			if j++; j < len(ys) {
				cj = ys[j].c
			}
		}
	}
	return sum
}
