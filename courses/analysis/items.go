package analysis

import (
	"encoding/binary"
	"encoding/json"
	"math"

	"aula/courses"
)

// The center scores every attempt when it arrives; the per-question results of that one score are
// kept with the attempt in a compact form (EncodeItems), so that the analysis of a million
// attempts reads small precomputed rows instead of drawing and scoring each paper again.
//
// Format (version 1): a byte 1, then per question in paper order: uvarint(question index), a flag
// byte (bit 0: answered; bit 1: full credit; bit 2: a fractional credit follows as 8 bytes,
// IEEE 754 little endian; neither bit: no credit), the credit if bit 2, and uvarint(options
// chosen) if answered. Points are the quiz's (a version's quiz never changes).
const itemsFormat = 1

const (
	flagAnswered = 1 << iota
	flagFull
	flagPartial
)

// Score scores an attempt in canonical form with the center's rules (courses.ScoreEach) and
// returns its result and its items, appended to dst.
func Score(q *courses.Quiz, seed string, canon []json.RawMessage, dst []Item) (courses.Result, []Item) {
	res := courses.ScoreEach(q, seed, canon, func(r courses.QuestionResult, raw json.RawMessage) {
		dst = append(dst, itemOf(q, r, raw))
	})
	return res, dst
}

// ScoreEncoded scores an attempt as Score does and appends its items in compact form
// (EncodeItems) to dst, without an Item slice: what the center does with each pushed attempt.
func ScoreEncoded(q *courses.Quiz, seed string, canon []json.RawMessage, dst []byte) (courses.Result, []byte) {
	if dst == nil {
		dst = make([]byte, 0, 1+4*len(canon))
	}
	dst = append(dst, itemsFormat)
	res := courses.ScoreEach(q, seed, canon, func(r courses.QuestionResult, raw json.RawMessage) {
		dst = appendItem(dst, itemOf(q, r, raw))
	})
	return res, dst
}

// itemOf is a question's item from the scorer's result and the response it scored.
func itemOf(q *courses.Quiz, r courses.QuestionResult, raw json.RawMessage) Item {
	it := Item{Question: r.Index, Points: r.Points, Credit: r.Credit, Answered: r.Answered}
	if r.Answered {
		it.Chosen = courses.Chosen(&q.Questions[r.Index], raw)
	}
	return it
}

// EncodeItems appends the compact form of an attempt's items to dst.
func EncodeItems(dst []byte, items []Item) []byte {
	dst = append(dst, itemsFormat)
	for _, it := range items {
		dst = appendItem(dst, it)
	}
	return dst
}

// appendItem appends one question's entry of the compact form.
func appendItem(dst []byte, it Item) []byte {
	dst = binary.AppendUvarint(dst, uint64(it.Question))
	var f byte
	if it.Answered {
		f |= flagAnswered
	}
	switch it.Credit {
	case 0:
	case 1:
		f |= flagFull
	default:
		f |= flagPartial
	}
	dst = append(dst, f)
	if f&flagPartial != 0 {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(it.Credit))
	}
	if it.Answered {
		dst = binary.AppendUvarint(dst, it.Chosen)
	}
	return dst
}

// DecodeItems reads an attempt's items (EncodeItems) for the quiz, appended to dst. It reports
// false for bytes that are not items of this quiz (a format it does not know, a question index
// out of range, a question twice, a credit outside 0..1, a truncated entry).
func DecodeItems(q *courses.Quiz, b []byte, dst []Item) ([]Item, bool) {
	if len(b) == 0 || b[0] != itemsFormat {
		return dst, false
	}
	start := len(dst)
	var small [1]uint64 // questions seen, a bit each
	seen := small[:]
	if len(q.Questions) > 64 {
		seen = make([]uint64, (len(q.Questions)+63)/64)
	}
	b = b[1:]
	for len(b) > 0 {
		idx, n := binary.Uvarint(b)
		if n <= 0 || idx >= uint64(len(q.Questions)) || len(b) < n+1 {
			return dst[:start], false
		}
		f := b[n]
		b = b[n+1:]
		it := Item{Question: int(idx), Points: q.Questions[idx].Points, Answered: f&flagAnswered != 0}
		switch {
		case f&flagPartial != 0:
			if len(b) < 8 {
				return dst[:start], false
			}
			it.Credit = math.Float64frombits(binary.LittleEndian.Uint64(b))
			b = b[8:]
			if !(it.Credit >= 0 && it.Credit <= 1) {
				return dst[:start], false
			}
		case f&flagFull != 0:
			it.Credit = 1
		}
		if it.Answered {
			it.Chosen, n = binary.Uvarint(b)
			if n <= 0 {
				return dst[:start], false
			}
			b = b[n:]
		}
		if seen[idx/64]&(1<<(idx%64)) != 0 {
			return dst[:start], false
		}
		seen[idx/64] |= 1 << (idx % 64)
		dst = append(dst, it)
	}
	return dst, true
}

// AddEncoded adds an attempt kept in compact form (EncodeItems). It returns the attempt's items,
// valid until the next call, and false (adding nothing) for bytes that are not this quiz's items.
func (a *Accumulator) AddEncoded(b []byte, group int) ([]Item, bool) {
	items, ok := DecodeItems(a.quiz, b, a.items[:0])
	a.items = items
	if !ok {
		return nil, false
	}
	a.Add(items, group)
	return items, true
}
