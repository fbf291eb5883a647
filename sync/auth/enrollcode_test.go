package auth

import (
	"regexp"
	"slices"
	"testing"
)

func TestEnrollCode(t *testing.T) {
	code := NewEnrollCode()
	if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$`).MatchString(code) {
		t.Fatalf("code %q is not six groups of four", code)
	}
	if NewEnrollCode() == code {
		t.Fatal("two codes are equal")
	}
	canon, ok := CanonicalEnrollCode(code)
	if !ok || len(canon) != 24 || GroupEnrollCode(canon) != code {
		t.Fatalf("canonical %q %v", canon, ok)
	}
	want := HashToken(canon)
	typed := []string{code, canon, " " + code + "\n"}
	lower := []byte(code)
	for i, c := range lower {
		if c >= 'A' && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	spaced := regexp.MustCompile(`-`).ReplaceAllString(code, " ")
	for _, s := range append(typed, string(lower), spaced) {
		if got := HashEnrollCode(s); got != want {
			t.Errorf("HashEnrollCode(%q) = %s, want the canonical hash", s, got)
		}
		if hs := EnrollCodeHashes(s); hs[0] != want {
			t.Errorf("EnrollCodeHashes(%q)[0] is not the canonical hash", s)
		}
	}
	if c, _ := CanonicalEnrollCode("OIL0-1111-1111-1111-1111-1111"); c != "011011111111111111111111" {
		t.Errorf("O, I and L read as %q", c)
	}
	// A token of an earlier release (base64url) is looked up as it is.
	old := RandomToken(24)
	if hs := EnrollCodeHashes(old); !slices.Contains(hs, HashToken(old)) {
		t.Errorf("an earlier token's own hash is not tried: %v", hs)
	}
}
