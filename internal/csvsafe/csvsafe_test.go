package csvsafe

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestWriterNeutralisesEveryCell(t *testing.T) {
	in := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "ok", "", "a=b", "José"}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Write(in); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "ok", "", "a=b", "José"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d: %q, want %q", i, got[i], want[i])
		}
	}
	if in[0][0] != '=' {
		t.Error("Write changed the caller's record")
	}
}
