package courses

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"aula/courses/jsonfast"
)

// SplitResponses splits an attempt's canonical responses (a JSON array, see Canonical) into the
// elements ScoreCanonical takes, exactly as json.Unmarshal into []json.RawMessage would, without
// its reflection: the center splits every synced attempt this way.
func SplitResponses(raw []byte) ([]json.RawMessage, bool) { return jsonfast.SplitArray(raw) }

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
	raw = jsonfast.TrimSpace(raw)
	if jsonfast.IsNumber(raw) {
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	if len(raw) == 0 || raw[0] == '"' || raw[0] == 'n' {
		return 0, false // json.Unmarshal would leave null as 0 without an error
	}
	var f float64
	return f, json.Unmarshal(raw, &f) == nil
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
