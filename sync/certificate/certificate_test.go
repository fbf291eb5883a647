package certificate

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/sync/protocol"
)

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 20000 {
		c := NewCode()
		if len(c) != 12 || c[4] != '-' || c[9] != '-' || NormalizeCode(c) != c {
			t.Fatalf("bad code %q", c)
		}
		if seen[c] {
			t.Fatalf("code %q repeated", c)
		}
		seen[c] = true
	}
	for range 300 {
		checkCode(t, NewCode())
	}
}

// checkCode asserts that every single wrong character and every swap of neighbours in c is caught.
func checkCode(t *testing.T, c string) {
	t.Helper()
	if got := NormalizeCode(strings.ToLower(strings.ReplaceAll(c, "-", " "))); got != c {
		t.Errorf("typed in lower case with spaces: %q, want %q", got, c)
	}
	// Every single wrong character and every swap of neighbours is caught by the check.
	raw := strings.ReplaceAll(c, "-", "")
	for i := range raw {
		for _, r := range alphabet {
			if byte(r) == raw[i] {
				continue
			}
			bad := raw[:i] + string(r) + raw[i+1:]
			if NormalizeCode(bad) != "" {
				t.Fatalf("%s (one character changed from %s) was accepted", bad, raw)
			}
		}
		if i+1 < len(raw) && raw[i] != raw[i+1] {
			swapped := raw[:i] + string(raw[i+1]) + string(raw[i]) + raw[i+2:]
			if NormalizeCode(swapped) != "" {
				t.Errorf("%s (neighbours swapped) was accepted", swapped)
			}
		}
	}
}

func TestMalformedCodes(t *testing.T) {
	for _, s := range []string{"", "ABCD", "ABCD-EFGH-JKM", "ABCD-EFGH-J!"} {
		if NormalizeCode(s) != "" {
			t.Errorf("%q accepted", s)
		}
	}
}

func claims(node string) Claims {
	score := 85.0
	return Claims{ID: courses.NewID(), Code: NewCode(), Name: "María José Pérez Rojas", Badge: "PNB-1", CourseID: "uso-de-la-fuerza", Version: 1,
		Title: courses.Text{"es": "Uso de la fuerza", "en": "Use of force"}, Hours: 2, Score: &score, IssuedOn: "2026-11-27", ExpiresOn: "2027-11-27",
		Issuer: "CCS-01 Caracas", NodeID: node}
}

func endorse(t *testing.T, center ed25519.PrivateKey, node ed25519.PublicKey, from, until time.Time) ([]byte, string) {
	t.Helper()
	e, _ := json.Marshal(protocol.Endorsement{NodeID: "n1", StationCode: "CCS-01", PublicKey: node, ValidFrom: from.Unix(), ValidUntil: until.Unix()})
	return e, protocol.Sign(center, e)
}

func TestTokens(t *testing.T) {
	_, center, _ := ed25519.GenerateKey(nil)
	centerPub := center.Public().(ed25519.PublicKey)
	_, node, _ := ed25519.GenerateKey(nil)
	nodePub := node.Public().(ed25519.PublicKey)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

	c := claims("")
	tok := SignByCenter(c, center)
	got, _, err := Verify(tok, centerPub)
	if err != nil || got.Name != c.Name || got.Code != c.Code {
		t.Fatalf("center token: %v %+v", err, got)
	}

	e, es := endorse(t, center, nodePub, day("2026-01-01"), day("2028-01-01"))
	nc := claims("n1")
	ntok := SignByNode(nc, node, e, es)
	if got, end, err := Verify(ntok, centerPub); err != nil || got.Badge != "PNB-1" || end.StationCode != "CCS-01" {
		t.Fatalf("station token: %v", err)
	}

	// One changed byte anywhere in a token is rejected.
	for i := len(tokenPrefix) + 1; i < len(ntok); i++ {
		b := []byte(ntok)
		b[i] ^= 1
		if _, _, err := Verify(string(b), centerPub); err == nil {
			t.Fatalf("a token with byte %d changed verified", i)
		}
	}
	// A node the center never endorsed (endorsement signed by another key).
	_, stranger, _ := ed25519.GenerateKey(nil)
	e2, es2 := endorse(t, stranger, nodePub, day("2026-01-01"), day("2028-01-01"))
	if _, _, err := Verify(SignByNode(nc, node, e2, es2), centerPub); !errors.Is(err, ErrEndorsement) {
		t.Errorf("unendorsed node: %v", err)
	}
	// A node signing with a key other than the endorsed one.
	_, other, _ := ed25519.GenerateKey(nil)
	if _, _, err := Verify(SignByNode(nc, other, e, es), centerPub); !errors.Is(err, ErrSignature) {
		t.Errorf("wrong node key: %v", err)
	}
	// An expired endorsement: issued after it ran out.
	e3, es3 := endorse(t, center, nodePub, day("2024-01-01"), day("2025-12-31"))
	if _, _, err := Verify(SignByNode(nc, node, e3, es3), centerPub); !errors.Is(err, ErrEndorsement) {
		t.Errorf("expired endorsement: %v", err)
	}
	// A center token claiming to come from a node, and garbage.
	if _, _, err := Verify(SignByCenter(nc, center), centerPub); err == nil {
		t.Error("a center-signed token naming a node verified")
	}
	for _, bad := range []string{"", "AULA1", "AULA1.x.y", "JWT.a.b", strings.Repeat("A", 100)} {
		if _, _, err := Verify(bad, centerPub); err == nil {
			t.Errorf("%q verified", bad)
		}
	}
	if !(&Claims{ExpiresOn: "2026-01-01"}).Expired(day("2026-01-02")) || (&Claims{}).Expired(day("2099-01-01")) {
		t.Error("Expired")
	}
}
