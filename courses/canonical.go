package courses

import (
	"encoding/json"
)

// Canonical responses are how an attempt travels to the center: one entry per paper question, in
// paper order, with choices named by their index in the quiz (not by the paper's opaque ids,
// which are long and random and would cost most of the bytes of a sync). The center rebuilds only
// the draw from the attempt's seed and scores with ScoreCanonical: the same credit rules
// (scoreCanonical) that Score applies on the node.
//
// Per type: single -> option index; multiple -> [option indices]; true_false -> bool; ordering ->
// [item indices in the officer's order]; matching -> [right index for each left pair index, -1
// when unanswered]; short -> the text; numeric -> the number; unanswered or malformed (longer
// than MaxResponseBytes included) -> null.
// A malformed response earns zero credit either way, so scoring is unchanged.

// MaxResponseBytes bounds one response: a longer one (megabytes pasted into a short answer) is
// malformed, so an attempt record stays small enough to sync (a push is bounded at the center).
// Real responses are far shorter: a short answer, a number, a few option ids.
const MaxResponseBytes = 4 << 10

// Canonical converts paper responses to canonical form.
func (p *Paper) Canonical(responses map[string]json.RawMessage) []json.RawMessage {
	out := make([]json.RawMessage, len(p.Questions))
	js := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	for i := range p.Questions {
		pq := &p.Questions[i]
		raw, ok := responses[pq.ID]
		if !ok || len(raw) == 0 || len(raw) > MaxResponseBytes || string(raw) == "null" {
			continue
		}
		switch pq.Type {
		case Single:
			var id string
			if json.Unmarshal(raw, &id) == nil {
				if ref, ok := pq.key[id]; ok && ref.kind == 'o' {
					out[i] = js(ref.idx)
				}
			}
		case Multiple, Ordering:
			kind := byte('o')
			if pq.Type == Ordering {
				kind = 'i'
			}
			if idxs, ok := choiceList(pq, raw, kind, len(pq.key)); ok {
				out[i] = js(idxs)
			} else {
				out[i] = json.RawMessage("null")
			}
		case Matching:
			var m map[string]string
			if json.Unmarshal(raw, &m) != nil || len(pq.Left) == 0 {
				continue
			}
			pairs := make([]int, len(pq.Left))
			for k := range pairs {
				pairs[k] = -1
			}
			valid := true
			for l, r := range m {
				li, lok := pq.key[l]
				ri, rok := pq.key[r]
				if !lok || !rok || li.kind != 'l' || ri.kind != 'r' || li.idx >= len(pairs) {
					valid = false
					break
				}
				pairs[li.idx] = ri.idx
			}
			if valid {
				out[i] = js(pairs)
			}
		case TrueFalse, Short, Numeric:
			out[i] = raw
		}
	}
	return out
}

// CanonicalJSON is Canonical encoded as one JSON array, as an attempt record carries it.
func (p *Paper) CanonicalJSON(responses map[string]json.RawMessage) json.RawMessage {
	b, _ := json.Marshal(p.Canonical(responses))
	return b
}
