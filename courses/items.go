package courses

import "encoding/json"

// ScoreDetail scores an attempt in canonical form exactly as ScoreCanonical does and also gives
// each question's result, in paper order: the credit item analysis uses is the one the center's
// re-score gave.
func ScoreDetail(q *Quiz, seed string, canon []json.RawMessage) Result {
	return scoreCanonical(q, Drawn(q, seed), canon, true)
}

// ChosenOptions returns the options a canonical response to a single or multiple question
// chooses, as a set of option indices (bit i: option i; options past the 64th are not counted),
// and whether the response was well formed. Other types choose no option.
func ChosenOptions(qq *Question, raw json.RawMessage) (uint64, bool) {
	if _, ok := creditOf(qq, raw); !ok {
		return 0, false
	}
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
	return set, true
}
