package auth

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHashAndVerify(t *testing.T) {
	h, err := HashSecret("1234")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "1234$") {
		t.Errorf("unexpected hash format %q", h)
	}
	for secret, want := range map[string]bool{"1234": true, "1235": false, "": false, "12345": false} {
		ok, err := VerifySecret(h, secret)
		if err != nil || ok != want {
			t.Errorf("VerifySecret(%q) = %v, %v; want %v", secret, ok, err, want)
		}
	}
	p, _ := HashPIN("1234")
	if !strings.HasPrefix(p, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("PIN hash parameters: %q", p)
	}
	if ok, err := VerifySecret(p, "1234"); !ok || err != nil {
		t.Errorf("PIN hash does not verify: %v", err)
	}
	h2, _ := HashSecret("1234")
	if h == h2 {
		t.Error("two hashes of the same PIN are equal: salt not random")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=0,t=1,p=1$YQ$YQ", "$argon2i$v=19$m=1,t=1,p=1$YQ$YQ", "$argon2id$v=19$m=99999999,t=1,p=1$YQ$YQ"} {
		if _, err := VerifySecret(bad, "x"); err == nil {
			t.Errorf("VerifySecret accepted malformed hash %q", bad)
		}
	}
}

func TestKeyFileAndTokens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "center.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !k1.Equal(k2) {
		t.Fatal("the key was not kept across restarts")
	}
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	tok, err := IssueToken(k1, "aula-server", "ana", "trainer", 15*time.Minute, now)
	if err != nil {
		t.Fatal(err)
	}
	pub := k1.Public().(ed25519.PublicKey)
	c, err := ParseToken(pub, "aula-server", tok, now.Add(time.Minute))
	if err != nil || c.Subject != "ana" || c.Role != "trainer" {
		t.Fatalf("ParseToken = %+v, %v", c, err)
	}
	if _, err := ParseToken(pub, "aula-server", tok, now.Add(16*time.Minute)); err == nil {
		t.Error("expired token accepted")
	}
	if _, err := ParseToken(pub, "aula-node", tok, now); err == nil {
		t.Error("token from another issuer accepted")
	}
	_, other, _ := ed25519.GenerateKey(nil)
	if _, err := ParseToken(other.Public().(ed25519.PublicKey), "aula-server", tok, now); err == nil {
		t.Error("token verified with the wrong key")
	}
	// Change one character well inside the signature (the last one has unused bits), always to a
	// different one.
	i, swap := len(tok)-10, byte('A')
	if tok[i] == swap {
		swap = 'B'
	}
	if _, err := ParseToken(pub, "aula-server", tok[:i]+string(swap)+tok[i+1:], now); err == nil {
		t.Error("tampered token accepted")
	}
	// The same signature spelled with a non-zero unused bit in its last character is refused
	// too: a token has one spelling.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	loose := tok[:len(tok)-1] + string(alphabet[strings.IndexByte(alphabet, tok[len(tok)-1])|1])
	if _, err := ParseToken(pub, "aula-server", loose, now); err == nil {
		t.Error("a token with a non-canonical signature spelling accepted")
	}
	if fp := Fingerprint(pub); len(fp) != 39 {
		t.Errorf("fingerprint %q", fp)
	}
}
