package cli

import (
	"strings"
	"testing"
)

// TestUserAddRefusesWeakPasswords: user add refuses a password that is too short, too common,
// too simple or holds the username, saying why in the user's language (LANG; Spanish by default),
// and creates nothing.
func TestUserAddRefusesWeakPasswords(t *testing.T) {
	data := t.TempDir()
	for _, c := range []struct{ pass, es, en string }{
		{"corta", "al menos 10 caracteres", "at least 10 characters"},
		{"password123", "demasiado común", "too common"},
		{"1111111111", "demasiado simple", "too simple"},
		{"clave-de-ana-2026", "nombre de usuario", "username"},
	} {
		for lang, want := range map[string]string{"": c.es, "es_ES.UTF-8": c.es, "en_GB.UTF-8": c.en} {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", lang)
			_, errs, code := run(t, c.pass+"\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin")
			if code != 1 || !strings.Contains(errs, "--password: ") || !strings.Contains(errs, want) {
				t.Errorf("password %q, LANG=%q: exit %d, stderr %q; want 1 with %q", c.pass, lang, code, errs, want)
			}
		}
	}
	if _, errs, code := run(t, "rio verde al alba\n", "user", "add", "--data", data, "--username", "ana", "--role", "admin", "--password-stdin"); code != 0 {
		t.Errorf("a good password after the refused ones: %d %s (was an account half-made?)", code, errs)
	}
}
