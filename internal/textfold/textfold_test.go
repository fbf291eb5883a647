package textfold

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Suárez Núñez": "suarez nunez", "ÁLVAREZ": "alvarez", "pnb-1": "pnb-1", "": ""} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
