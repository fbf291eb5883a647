// Package jsonfast reads the few JSON shapes on the center's sync path without reflection:
// splitting an array, finding where an array ends, recognizing a number. Each function gives
// exactly what encoding/json would (fuzzed against it); they exist because the center reads every
// synced attempt. Only the domain (package courses) and the wire format (sync/protocol) use it.
//
// Frozen: add no new hand-written readers here. A new shape is read with encoding/json; only a
// benchmark that shows the sync path needs it justifies an exception, with a fuzz test against
// encoding/json.
package jsonfast

import "encoding/json"

// IsNumber reports whether b is exactly a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func IsNumber(b []byte) bool {
	i := 0
	run := func() int { // digits from i
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if run() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if run() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if run() == 0 {
			return false
		}
	}
	return i == len(b)
}

// SplitArray splits a JSON array into its elements, exactly as json.Unmarshal into a
// []json.RawMessage would (null gives no elements), without its reflection and copies: the center
// splits every synced attempt's responses this way. The elements share raw's memory.
func SplitArray(raw []byte) ([]json.RawMessage, bool) {
	if !json.Valid(raw) {
		return nil, false
	}
	raw = TrimSpace(raw)
	if raw[0] == 'n' {
		return nil, true // null
	}
	if raw[0] != '[' {
		return nil, false
	}
	out := make([]json.RawMessage, 0, 16)
	var n nesting
	start := -1
	for i := 1; i < len(raw)-1; i++ {
		c := raw[i]
		switch {
		case !n.step(c):
			continue // inside a string
		case n.depth == 0 && c == ',':
			out = append(out, TrimSpace(raw[start:i]))
			start = -1
		case start < 0 && !isSpace(c):
			start = i
		}
	}
	if start >= 0 {
		out = append(out, TrimSpace(raw[start:len(raw)-1]))
	}
	return out, true
}

// ArrayEnd returns the length of the JSON array at the start of b, found by following brackets
// and strings (it does not check the array: call json.Valid on b[:n]), or 0 when there is none.
func ArrayEnd(b []byte) int {
	if len(b) == 0 || b[0] != '[' {
		return 0
	}
	var n nesting
	for i, c := range b {
		if n.step(c) && n.depth == 0 {
			return i + 1
		}
	}
	return 0
}

// nesting follows brackets and strings through JSON, one byte at a time.
type nesting struct {
	depth            int
	inString, escape bool
}

// step takes the next byte and reports whether it is outside a string (an opening quote counts
// as outside).
func (n *nesting) step(c byte) bool {
	switch {
	case n.escape:
		n.escape = false
		return false
	case n.inString:
		if c == '\\' {
			n.escape = true
		} else if c == '"' {
			n.inString = false
		}
		return false
	case c == '"':
		n.inString = true
	case c == '[' || c == '{':
		n.depth++
	case c == ']' || c == '}':
		n.depth--
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// TrimSpace trims JSON whitespace (valid JSON has no other).
func TrimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
