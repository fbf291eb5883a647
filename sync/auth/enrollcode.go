package auth

import (
	"crypto/rand"
	"strings"
	"unicode"
)

// Enrollment codes are read over the phone and typed at a station: 24 characters of Crockford's
// base32 (digits and capital letters without I, L, O and U), 120 random bits, shown in groups of
// four (K7QM-3XPA-…). Typing is forgiving: dashes and spaces are ignored, lowercase is read as
// uppercase, and O, I and L as 0, 1 and 1. The center stores the hash of the canonical form (no
// dashes, uppercase).

// enrollAlphabet is Crockford's base32 alphabet.
const enrollAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// enrollCodeLen is the length of a canonical enrollment code.
const enrollCodeLen = 24

// NewEnrollCode returns a new random enrollment code in groups of four (XXXX-XXXX-…).
func NewEnrollCode() string {
	b := make([]byte, enrollCodeLen)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	for i := range b {
		b[i] = enrollAlphabet[b[i]&31] // 256 is a multiple of 32: no bias
	}
	return GroupEnrollCode(string(b))
}

// GroupEnrollCode writes a canonical code in groups of four joined by dashes.
func GroupEnrollCode(code string) string {
	var sb strings.Builder
	for i := 0; i < len(code); i += 4 {
		if i > 0 {
			sb.WriteByte('-')
		}
		sb.WriteString(code[i:min(i+4, len(code))])
	}
	return sb.String()
}

// CanonicalEnrollCode reads a typed enrollment code: without dashes and spaces, uppercase, O read
// as 0 and I, L as 1. ok is false when the result is not an enrollment code (a token of an earlier
// release, made of other characters).
func CanonicalEnrollCode(typed string) (code string, ok bool) {
	var sb strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == '-' || unicode.IsSpace(r):
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(enrollAlphabet, r) {
			return "", false
		}
		sb.WriteRune(r)
	}
	return sb.String(), sb.Len() == enrollCodeLen
}

// HashEnrollCode is the hash the center stores for an enrollment code, however it was typed.
func HashEnrollCode(code string) string {
	if c, ok := CanonicalEnrollCode(code); ok {
		return HashToken(c)
	}
	return HashToken(strings.TrimSpace(code))
}

// EnrollCodeHashes are the hashes a typed code may be stored under: its canonical form's, then
// (for a token made by an earlier release, whose characters are case-sensitive) its own.
func EnrollCodeHashes(typed string) []string {
	raw := HashToken(strings.TrimSpace(typed))
	if h := HashEnrollCode(typed); h != raw {
		return []string{h, raw}
	}
	return []string{raw}
}
