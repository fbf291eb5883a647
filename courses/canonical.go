package courses

import (
	"encoding/json"
)

// Canonical responses are how an attempt travels to the center: one entry per paper question, in
// paper order, with choices named by their index in the quiz (not by the paper's opaque ids,
// which are long and random and would cost most of the bytes of a sync). The center rebuilds the
// paper from the attempt's seed, turns the canonical responses back into paper responses with
// FromCanonical, and scores them with Score, the same engine the node used.
//
// Per type: single -> option index; multiple -> [option indices]; true_false -> bool; ordering ->
// [item indices in the officer's order]; matching -> [right index for each left pair index, -1
// when unanswered]; short -> the text; numeric -> the number; unanswered or malformed -> null.
// A malformed response earns zero credit either way, so scoring is unchanged.

// Canonical converts paper responses to canonical form.
func (p *Paper) Canonical(responses map[string]json.RawMessage) []json.RawMessage {
	out := make([]json.RawMessage, len(p.Questions))
	js := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	for i := range p.Questions {
		pq := &p.Questions[i]
		raw, ok := responses[pq.ID]
		if !ok || len(raw) == 0 || string(raw) == "null" {
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
			}
		case Matching:
			var m map[string]string
			if json.Unmarshal(raw, &m) != nil {
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

// FromCanonical converts canonical responses back to paper responses (by opaque id). Entries that
// do not fit the paper (out of range, wrong type) become missing responses.
func (p *Paper) FromCanonical(canon []json.RawMessage) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	js := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	for i := range p.Questions {
		if i >= len(canon) || len(canon[i]) == 0 || string(canon[i]) == "null" {
			continue
		}
		pq := &p.Questions[i]
		ids := pq.idsByKind()
		raw := canon[i]
		switch pq.Type {
		case Single:
			var idx int
			if json.Unmarshal(raw, &idx) == nil && idx >= 0 && idx < len(ids['o']) {
				out[pq.ID] = js(ids['o'][idx])
			}
		case Multiple, Ordering:
			kind := byte('o')
			if pq.Type == Ordering {
				kind = 'i'
			}
			var idxs []int
			if json.Unmarshal(raw, &idxs) != nil {
				continue
			}
			list := make([]string, 0, len(idxs))
			for _, idx := range idxs {
				if idx < 0 || idx >= len(ids[kind]) {
					list = nil
					break
				}
				list = append(list, ids[kind][idx])
			}
			if list != nil {
				out[pq.ID] = js(list)
			}
		case Matching:
			var pairs []int
			if json.Unmarshal(raw, &pairs) != nil {
				continue
			}
			m := map[string]string{}
			for l, r := range pairs {
				if l < len(ids['l']) && r >= 0 && r < len(ids['r']) {
					m[ids['l'][l]] = ids['r'][r]
				}
			}
			out[pq.ID] = js(m)
		case TrueFalse, Short, Numeric:
			out[pq.ID] = raw
		}
	}
	return out
}

// idsByKind lists a question's opaque choice ids by kind, indexed by their quiz index.
func (p *PaperQuestion) idsByKind() map[byte][]string {
	n := map[byte]int{}
	for _, ref := range p.key {
		n[ref.kind] = max(n[ref.kind], ref.idx+1)
	}
	out := map[byte][]string{}
	for k, c := range n {
		out[k] = make([]string, c)
	}
	for id, ref := range p.key {
		out[ref.kind][ref.idx] = id
	}
	return out
}
