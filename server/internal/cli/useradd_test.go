package cli

import (
	"strings"
	"testing"
)

// TestUserAddRefusesWeakPasswords: user add refuses a password that is too short, too common,
// too simple or holds the username, saying why in Spanish and English, and creates nothing.
func TestUserAddRefusesWeakPasswords(t *testing.T) {
	data := t.TempDir()
	for _, c := range []struct{ pass, es, en string }{
		{"corta", "al menos 10 caracteres", "at least 10 characters"},
		{"password123", "demasiado común", "too common"},
		{"1111111111", "demasiado simple", "too simple"},
		{"clave-de-ana-2026", "nombre de usuario", "username"},
	} {
		_, errs, code := run(t, c.pass+"\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin")
		if code != 1 || !strings.Contains(errs, c.es) || !strings.Contains(errs, c.en) {
			t.Errorf("password %q: exit %d, stderr %q; want 1 with %q and %q", c.pass, code, errs, c.es, c.en)
		}
	}
	if _, errs, code := run(t, "rio verde al alba\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin"); code != 0 {
		t.Errorf("a good password after the refused ones: %d %s (was an account half-made?)", code, errs)
	}
}
