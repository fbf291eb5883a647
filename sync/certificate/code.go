// Package certificate is what makes an Aula certificate checkable anywhere: its short code, and
// a signed token that anyone holding only the center's public key can verify offline, whether
// the center or a station node issued it.
package certificate

import (
	"crypto/rand"
	"strings"
)

// alphabet is Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewCode returns a new certificate code: 9 random Crockford base32 characters (45 bits) and
// Crockford's check character, grouped XXXX-XXXX-XX.
func NewCode() string {
	for {
		var b [9]byte
		if _, err := rand.Read(b[:]); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		raw := make([]byte, 0, 10)
		for _, x := range b {
			raw = append(raw, alphabet[x&31])
		}
		// Crockford's check is the value modulo 37; values 32-36 would need the symbols * ~ $ = U,
		// awkward to read over the phone, so such codes are drawn again.
		c := check(string(raw))
		if c >= 32 {
			continue
		}
		s := string(append(raw, alphabet[c]))
		return s[0:4] + "-" + s[4:8] + "-" + s[8:10]
	}
}

// check is Crockford's check value: the number the characters spell, modulo 37. As 37 is prime,
// it catches every single wrong character and every swap of two neighbouring characters.
func check(data string) int {
	acc := 0
	for _, r := range data {
		acc = (acc*32 + strings.IndexRune(alphabet, r)) % 37
	}
	return acc
}

// NormalizeCode reads a code as a person may type it (lower case, spaces, no dashes, O for 0,
// I or L for 1) and returns it as XXXX-XXXX-XX, or "" when it is not a valid code.
func NormalizeCode(s string) string {
	var raw []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(alphabet, r) || len(raw) == 10 {
			return ""
		}
		raw = append(raw, byte(r))
	}
	if len(raw) != 10 || check(string(raw[:9])) != strings.IndexByte(alphabet, raw[9]) {
		return ""
	}
	c := string(raw)
	return c[0:4] + "-" + c[4:8] + "-" + c[8:10]
}
