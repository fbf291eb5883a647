package courses

import "encoding/json"

// ScoreDetail scores an attempt in canonical form exactly as ScoreCanonical does and also gives
// each question's result, in paper order: the credit item analysis uses is the one the center's
// re-score gave.
func ScoreDetail(q *Quiz, seed string, canon []json.RawMessage) Result {
	return scoreCanonical(q, Drawn(q, seed), canon, true, nil)
}

// ScoreEach scores an attempt in canonical form exactly as ScoreCanonical does and calls each with
// every question's result and response, in paper order, keeping none of them (the center's push
// path: item analysis's per-question items without a slice per attempt).
func ScoreEach(q *Quiz, seed string, canon []json.RawMessage, each func(QuestionResult, json.RawMessage)) Result {
	return scoreCanonical(q, Drawn(q, seed), canon, false, each)
}

// ChosenOptions returns the options a canonical response to a single or multiple question
// chooses, as a set of option indices (bit i: option i; options past the 64th are not counted),
// and whether the response was well formed. Other types choose no option.
func ChosenOptions(qq *Question, raw json.RawMessage) (uint64, bool) {
	if _, ok := creditOf(qq, raw); !ok {
		return 0, false
	}
	return Chosen(qq, raw), true
}

// Chosen is ChosenOptions for a response the scorer already found well formed (its result says
// Answered): it does not check it again.
func Chosen(qq *Question, raw json.RawMessage) uint64 {
	var set uint64
	switch qq.Type {
	case Single:
		if i, ok := decodeInt(raw); ok && i < 64 {
			set = 1 << i
		}
	case Multiple:
		idxs, _ := decodeInts(raw)
		for _, i := range idxs {
			if i < 64 {
				set |= 1 << i
			}
		}
	}
	return set
}
