package jsonfast

import (
	"encoding/json"
	"testing"
)

// FuzzSplitArray checks SplitArray against json.Unmarshal into []json.RawMessage.
func FuzzSplitArray(f *testing.F) {
	for _, s := range []string{"[]", " [ ] ", "null", "[1,[2,3],{\"a\":[4,\"]\"]},\"x,\\\"y\",null,true]", "[1,]", "[", "{}", `"a"`, "[ 1 , 2 ]", "[\"\\\\\",2]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want []json.RawMessage
		wantOK := json.Unmarshal(raw, &want) == nil
		got, ok := SplitArray(raw)
		if ok != wantOK || len(got) != len(want) {
			t.Fatalf("SplitArray(%q) = %q, %v; encoding/json gives %q, %v", raw, got, ok, want, wantOK)
		}
		for i := range got {
			if string(got[i]) != string(want[i]) {
				t.Fatalf("SplitArray(%q) element %d = %q; encoding/json gives %q", raw, i, got[i], want[i])
			}
		}
	})
}

// FuzzIsNumber checks IsNumber against encoding/json's idea of a number.
func FuzzIsNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "01", "1.", ".5", "1e5", "1E+5", "-1.25e-3", "1e", "+1", "", "-", "00", "1.5.2"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var n json.Number
		want := json.Unmarshal(b, &n) == nil && len(b) > 0 && b[0] != '"' && string(b) != "null" && string(n) == string(b)
		if got := IsNumber(b); got != want {
			t.Fatalf("IsNumber(%q) = %v, want %v", b, got, want)
		}
	})
}
