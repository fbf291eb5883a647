package courses

import (
	"encoding/json"
	"reflect"
	"testing"

	"aula/courses/jsonfast"
)

// FuzzDecodeInts checks the fast integer readers against encoding/json: a response must score
// the same whichever path reads it.
func FuzzDecodeInts(f *testing.F) {
	for _, s := range []string{"[]", "[0,1,2]", "[1, 2]", "[01]", "[1,]", "[,1]", "[-1,3]", "null", "[1e0]", "7", "07", "-0", "[123456789,1234567890]", " 3", "[[1]]", "[1,,2]", "[1,0,-1]", "[-0]", "[-01]", "-", "[-]", "1.5", "-0.25e+3", "1.", ".5", "1e", "00.1", "1E400", "null", `"48 horas"`, `"a\\"b"`, `"ñ"`, "true", "false", " true", "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want []int
		wantOK := json.Unmarshal(raw, &want) == nil && want != nil
		got, ok := decodeInts(raw)
		if ok != wantOK || (ok && !reflect.DeepEqual(got, want)) {
			t.Fatalf("decodeInts(%q) = %v, %v; encoding/json gives %v, %v", raw, got, ok, want, wantOK)
		}
		var b bool
		bOK := json.Unmarshal(raw, &b) == nil
		if gb, ok := decodeBool(raw); ok != bOK || gb != b {
			t.Fatalf("decodeBool(%q) = %v, %v; encoding/json gives %v, %v", raw, gb, ok, b, bOK)
		}
		var s string
		sOK := json.Unmarshal(raw, &s) == nil
		if gs, ok := decodeString(raw); ok != sOK || gs != s {
			t.Fatalf("decodeString(%q) = %q, %v; encoding/json gives %q, %v", raw, gs, ok, s, sOK)
		}
		var f float64
		fOK := json.Unmarshal(raw, &f) == nil && string(jsonfast.TrimSpace(raw)) != "null"
		if g, ok := decodeFloat(raw); ok != fOK || (ok && g != f) {
			t.Fatalf("decodeFloat(%q) = %v, %v; encoding/json gives %v, %v", raw, g, ok, f, fOK)
		}
		var n int
		nOK := json.Unmarshal(raw, &n) == nil
		m, ok := decodeInt(raw)
		if ok != nOK || (ok && m != n) {
			t.Fatalf("decodeInt(%q) = %d, %v; encoding/json gives %d, %v", raw, m, ok, n, nOK)
		}
	})
}

// FuzzNormalizeAnswer checks the ASCII shortcut against the full normalization.
func FuzzNormalizeAnswer(f *testing.F) {
	for _, s := range []string{"48 horas", "¿48 Horas?", "a  b", "a\tb", "x.", "-1", "a$b", "ÁRBOL", " a", "a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeAnswer(s), normalizeAnswer(s); got != want {
			t.Fatalf("NormalizeAnswer(%q) = %q, want %q", s, got, want)
		}
	})
}
