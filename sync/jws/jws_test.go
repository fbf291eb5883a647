package jws

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
)

func TestSignVerifyAndTamper(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	tok, err := Sign(key, map[string]string{"sub": "urn:aula:officer:1"})
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Sub string }
	if err := Verify(pub, tok, &p); err != nil || p.Sub != "urn:aula:officer:1" {
		t.Fatalf("verify: %v %v", p, err)
	}
	parts := strings.Split(tok, ".")
	forged, _ := Sign(key, map[string]string{"sub": "urn:aula:officer:2"})
	for _, bad := range []string{parts[0] + "." + strings.Split(forged, ".")[1] + "." + parts[2], tok[:len(tok)-2], "a.b", ""} {
		if err := Verify(pub, bad, &p); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q verified: %v", bad, err)
		}
	}
	other, _, _ := ed25519.GenerateKey(rand.Reader)
	if err := Verify(other, tok, &p); !errors.Is(err, ErrInvalid) {
		t.Error("verified with another key")
	}
}
