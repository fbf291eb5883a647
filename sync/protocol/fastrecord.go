package protocol

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"aula/courses/jsonfast"
)

// fastAttempt decodes, from the start of data, an attempt record exactly in the form Encode
// writes it (keys in order, no spaces, plain strings, integer times); it returns how many bytes
// it read, or 0 when data is in any other form, which the caller then decodes with
// encoding/json. Whatever it accepts, encoding/json would decode to the same record
// (FuzzFastAttempt): it only saves the reflection on the center's hottest path.
func fastAttempt(data []byte, rec *Record) int {
	s := cursor{b: data, ok: true}
	var a Attempt
	s.lit(`{"s":`)
	rec.Seq = s.int()
	s.lit(`,"k":"attempt","a":{"i":`)
	a.ID = s.str()
	s.lit(`,"b":`)
	a.Badge = s.str()
	s.lit(`,"c":`)
	a.Course = s.str()
	s.lit(`,"v":`)
	if v := s.int(); v <= 1<<31-1 {
		a.Version = int(v) // an int on every platform, 32-bit ARM included
	} else {
		s.ok = false
	}
	s.lit(`,"x":`)
	a.Secret = s.str()
	s.lit(`,"t0":`)
	a.Started = s.int()
	s.lit(`,"t1":`)
	a.Submitted = s.int()
	if s.ok && s.at(`,"to":true`) {
		s.lit(`,"to":true`)
		a.TimedOut = true
	}
	s.lit(`,"r":`)
	a.Responses = s.array()
	s.lit(`,"sc":`)
	a.Score = s.number()
	s.lit(`}}`)
	if !s.ok {
		*rec = Record{}
		return 0
	}
	rec.Kind, rec.Attempt = KindAttempt, &a
	return s.i
}

// cursor reads the fixed form; ok turns false at the first surprise and stays false.
type cursor struct {
	b  []byte
	i  int
	ok bool
}

func (s *cursor) at(lit string) bool {
	return len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit
}

func (s *cursor) lit(lit string) {
	if s.ok && s.at(lit) {
		s.i += len(lit)
		return
	}
	s.ok = false
}

// int reads 1 to 18 digits without a leading zero.
func (s *cursor) int() int64 {
	if !s.ok {
		return 0
	}
	start, n := s.i, int64(0)
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' && s.i-start < 18 {
		n = n*10 + int64(s.b[s.i]-'0')
		s.i++
	}
	if s.i == start || (s.b[start] == '0' && s.i-start > 1) || (s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9') {
		s.ok = false
	}
	return n
}

// str reads a string without escapes or control characters, in valid UTF-8.
func (s *cursor) str() string {
	if !s.ok || s.i >= len(s.b) || s.b[s.i] != '"' {
		s.ok = false
		return ""
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			body := s.b[start:j]
			if !utf8.Valid(body) {
				s.ok = false
				return ""
			}
			s.i = j + 1
			return string(body)
		case c < 0x20 || c == '\\':
			s.ok = false
			return ""
		}
	}
	s.ok = false
	return ""
}

// number reads a JSON number as a float64, as encoding/json does.
func (s *cursor) number() float64 {
	if !s.ok {
		return 0
	}
	start := s.i
	for s.i < len(s.b) && isNumberByte(s.b[s.i]) {
		s.i++
	}
	text := s.b[start:s.i]
	if !jsonfast.IsNumber(text) {
		s.ok = false
		return 0
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		s.ok = false
	}
	return f
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// array reads a JSON array (checked with json.Valid) and returns a copy of its bytes.
func (s *cursor) array() json.RawMessage {
	if !s.ok {
		return nil
	}
	n := jsonfast.ArrayEnd(s.b[s.i:])
	if n == 0 || !json.Valid(s.b[s.i:s.i+n]) {
		s.ok = false
		return nil
	}
	raw := append(json.RawMessage(nil), s.b[s.i:s.i+n]...)
	s.i += n
	return raw
}
