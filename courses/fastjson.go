package courses

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// decodeInt decodes a JSON integer. Canonical responses hold plain digits, which are read
// directly; anything else goes through encoding/json, so the result is always what json.Unmarshal
// would give. The center re-scores every synced attempt: this keeps that path cheap.
func decodeInt(raw []byte) (int, bool) {
	if n, ok := digits(raw); ok {
		return n, true
	}
	var n int
	return n, json.Unmarshal(raw, &n) == nil
}

// decodeInts decodes a JSON array of integers; a null or malformed array is not a list.
func decodeInts(raw []byte) ([]int, bool) {
	if len(raw) >= 2 && raw[0] == '[' && raw[len(raw)-1] == ']' {
		out := make([]int, 0, 8)
		body, fast := raw[1:len(raw)-1], true
		for start := 0; len(body) > 0 && fast; {
			end := start
			for end < len(body) && body[end] != ',' {
				end++
			}
			n, ok := digits(body[start:end])
			if !ok {
				fast = false
				break
			}
			out = append(out, n)
			if end == len(body) {
				break
			}
			start = end + 1
			if start == len(body) {
				fast = false // a trailing comma: let encoding/json report it
			}
		}
		if fast {
			return out, true
		}
	}
	var out []int
	if json.Unmarshal(raw, &out) != nil || out == nil {
		return nil, false
	}
	return out, true
}

// digits reads 1 to 9 decimal digits without a leading zero, perhaps after a minus sign (JSON's
// form of a small integer; matching responses hold -1 for a left item left unmatched).
func digits(b []byte) (int, bool) {
	sign := 1
	if len(b) > 1 && b[0] == '-' {
		sign, b = -1, b[1:]
	}
	if len(b) == 0 || len(b) > 9 || (b[0] == '0' && len(b) > 1) {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return sign * n, true
}

// decodeFloat decodes a JSON number (not a string, not null) as json.Unmarshal into a float64
// would: plain numbers are checked against JSON's grammar and parsed directly.
func decodeFloat(raw []byte) (float64, bool) {
	raw = trimSpace(raw)
	if isNumber(raw) {
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	if len(raw) == 0 || raw[0] == '"' || raw[0] == 'n' {
		return 0, false // json.Unmarshal would leave null as 0 without an error
	}
	var f float64
	return f, json.Unmarshal(raw, &f) == nil
}

// isNumber reports whether b is exactly a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func isNumber(b []byte) bool {
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

// decodeBool decodes a JSON boolean.
func decodeBool(raw []byte) (bool, bool) {
	switch string(raw) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	var b bool
	return b, json.Unmarshal(raw, &b) == nil
}

// decodeString decodes a JSON string; one without escapes is taken as it is.
func decodeString(raw []byte) (string, bool) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		body, plain := raw[1:len(raw)-1], true
		for _, c := range body {
			if c < 0x20 || c == '"' || c == '\\' {
				plain = false
				break
			}
		}
		if plain && utf8.Valid(body) {
			return string(body), true
		}
	}
	var s string
	return s, json.Unmarshal(raw, &s) == nil
}

// SplitArray splits a JSON array into its elements, exactly as json.Unmarshal into a
// []json.RawMessage would (null gives no elements), without its reflection and copies: the center
// splits every synced attempt's responses this way. The elements share raw's memory.
func SplitArray(raw []byte) ([]json.RawMessage, bool) {
	if !json.Valid(raw) {
		return nil, false
	}
	raw = trimSpace(raw)
	if raw[0] == 'n' {
		return nil, true // null
	}
	if raw[0] != '[' {
		return nil, false
	}
	out := make([]json.RawMessage, 0, 16)
	depth, inString, start := 0, false, -1
	for i := 1; i < len(raw)-1; i++ {
		c := raw[i]
		switch {
		case inString:
			if c == '\\' {
				i++ // the escaped character
			} else if c == '"' {
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case depth == 0 && c == ',':
			out = append(out, trimSpace(raw[start:i]))
			start = -1
			continue
		case isSpace(c):
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, trimSpace(raw[start:len(raw)-1]))
	}
	return out, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimSpace trims JSON whitespace (valid JSON has no other).
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
