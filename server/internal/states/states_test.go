package states

import (
	"slices"
	"strings"
	"testing"
)

func TestTwentyThreeStatesAndTheCapital(t *testing.T) {
	if len(Names) != 24 || !Known("Distrito Capital") || !Known("Zulia") || Known("Vargas") {
		t.Fatalf("want the 23 states and the Distrito Capital, got %d: %v", len(Names), Names)
	}
	plain := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u")
	if !slices.IsSortedFunc(Names, func(a, b string) int { return strings.Compare(plain.Replace(a), plain.Replace(b)) }) {
		t.Error("not in alphabetical order")
	}
}
