package auth

import (
	_ "embed"
	"strings"
	"unicode"
)

// Reasons WeakPIN and WeakPassword return. They are stable message ids: each edge (CLI, web page,
// JSON API, CSV import) translates them into the person's language.
const (
	PINSameDigit = "pin.same_digit" // every digit the same: 0000, 77777
	PINSequence  = "pin.sequence"   // an ascending or descending run: 1234, 9876, 7890
	PINBadge     = "pin.badge"      // the officer's own badge digits, or part of them

	PasswordShort    = "password.short"    // fewer than MinPasswordLen characters
	PasswordCommon   = "password.common"   // on the list of the most common passwords
	PasswordSimple   = "password.simple"   // a repeated character or pattern, a sequence, a keyboard row
	PasswordUsername = "password.username" // contains the username
)

// MinPasswordLen is the shortest staff password accepted, in characters.
const MinPasswordLen = 10

// WeakPIN reports why pin is trivially guessable for the officer with badge, as a message id
// (PINSameDigit, PINSequence, PINBadge), or "" when the PIN is fine. It checks only guessability:
// the format (4 to 8 digits) is checked by the caller.
func WeakPIN(pin, badge string) (reason string) {
	if pin == "" {
		return ""
	}
	if strings.Count(pin, pin[:1]) == len(pin) {
		return PINSameDigit
	}
	if isRun(pin, true) {
		return PINSequence
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, badge)
	if digits != "" && (strings.Contains(digits, pin) || len(digits) >= 4 && strings.Contains(pin, digits)) {
		return PINBadge
	}
	return ""
}

// isRun reports whether every character of s is one more, or every one one less, than the one
// before it. With wrapDigits, 9 is followed by 0 going up (7890) and 0 by 9 going down (2109).
func isRun(s string, wrapDigits bool) bool {
	r := []rune(s)
	if len(r) < 2 {
		return false
	}
	step := func(a, b rune) rune {
		d := b - a
		if wrapDigits && unicode.IsDigit(a) && unicode.IsDigit(b) {
			d = (d + 10) % 10
			if d == 9 {
				d = -1
			}
		}
		return d
	}
	first := step(r[0], r[1])
	if first != 1 && first != -1 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if step(r[i-1], r[i]) != first {
			return false
		}
	}
	return true
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the embedded list, lowercase.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// keyboardRows are typed in a sweep; a password that is a stretch of one (either way) is simple.
var keyboardRows = []string{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv", "qazwsxedcrfv"}

// WeakPassword reports why a staff password is too weak for username, as a message id
// (PasswordShort, PasswordUsername, PasswordCommon, PasswordSimple), or "" when it is fine.
func WeakPassword(password, username string) (reason string) {
	if len([]rune(password)) < MinPasswordLen {
		return PasswordShort
	}
	low := strings.ToLower(password)
	if u := strings.ToLower(strings.TrimSpace(username)); len([]rune(u)) >= 3 && strings.Contains(low, u) {
		return PasswordUsername
	}
	// "Password2024!" and "!!contraseña1" are the listed word with decoration.
	core := strings.TrimFunc(low, func(r rune) bool { return !unicode.IsLetter(r) })
	if commonPasswords[low] || core != low && len(core) >= 3 && commonPasswords[core] {
		return PasswordCommon
	}
	if simple(low) || core != "" && simple(core) && len([]rune(core)) >= len([]rune(low))-4 {
		return PasswordSimple
	}
	return ""
}

// simple reports a string made of fewer than 5 different characters, of one short unit repeated
// (abcabcabc), of a run (abcdefghij, 9876543210) or of a stretch of a keyboard row.
func simple(s string) bool {
	r := []rune(s)
	distinct := map[rune]bool{}
	for _, c := range r {
		distinct[c] = true
	}
	if len(distinct) < 5 || isRun(s, true) {
		return true
	}
	for n := 1; n <= len(r)/2; n++ {
		if len(r)%n == 0 && strings.Repeat(string(r[:n]), len(r)/n) == s {
			return true
		}
	}
	for _, row := range keyboardRows {
		rev := []rune(row)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		if strings.Contains(row, s) || strings.Contains(string(rev), s) {
			return true
		}
	}
	return false
}
