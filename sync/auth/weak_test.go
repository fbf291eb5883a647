package auth

import "testing"

func TestWeakPIN(t *testing.T) {
	for _, c := range []struct{ pin, badge, want string }{
		{"0000", "P-100", PINSameDigit},
		{"77777777", "P-100", PINSameDigit},
		{"1234", "P-100", PINSequence},
		{"4321", "P-100", PINSequence},
		{"0123", "P-100", PINSequence},
		{"7890", "P-100", PINSequence},
		{"98765", "P-100", PINSequence},
		{"2109", "P-100", PINSequence},
		{"10234", "P-10234", PINBadge},
		{"0234", "P-10234", PINBadge},
		{"5510234", "P-10234", PINBadge},
		{"4821", "P-10234", ""},
		{"4821", "P1", ""},
		{"1357", "", ""},
		{"1212", "X", ""},
		{"9035", "A-7-9035", PINBadge},
	} {
		if got := WeakPIN(c.pin, c.badge); got != c.want {
			t.Errorf("WeakPIN(%q, %q) = %q; want %q", c.pin, c.badge, got, c.want)
		}
	}
}

func TestWeakPassword(t *testing.T) {
	for _, c := range []struct{ pw, user, want string }{
		{"corto", "ana", PasswordShort},
		{"ñandú-azul", "ana", ""},
		{"Password2024!", "ana", PasswordCommon},
		{"1234567890", "ana", PasswordCommon},
		{"contraseña1", "ana", PasswordCommon},
		{"P@ssw0rd123", "ana", PasswordCommon},
		{"qwertyuiop", "ana", PasswordCommon},
		{"aaaaaaaaaaaa", "ana", PasswordSimple},
		{"abababababab", "ana", PasswordSimple},
		{"abcdefghijkl", "ana", PasswordSimple},
		{"9876543210987", "ana", PasswordSimple},
		{"xyzxyzxyzxyz", "ana", PasswordSimple},
		{"asdfghjkl1", "ana", PasswordCommon},
		{"lkjhgfdsa!!", "ana", PasswordSimple},
		{"zxcvbnmasdf", "ana", ""},
		{"Mariela.Reyes-77", "mreyes", ""},
		{"soy-MReyes-del-turno", "mreyes", PasswordUsername},
		{"rio verde al alba", "ana", ""},
		{"caballo-bateria-grapa", "ana", ""},
	} {
		if got := WeakPassword(c.pw, c.user); got != c.want {
			t.Errorf("WeakPassword(%q, %q) = %q; want %q", c.pw, c.user, got, c.want)
		}
	}
}
