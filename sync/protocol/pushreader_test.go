package protocol

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// readAll reads a push with a PushReader, as the center does.
func readAll(data []byte) (*Push, error) {
	r, err := ReadPush(data)
	if err != nil {
		return nil, err
	}
	var recs []Record
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		recs = append(recs, rec)
	}
	if err := r.Finish(); err != nil {
		return nil, err
	}
	if r.Count() != len(recs) {
		return nil, fmt.Errorf("Count says %d records, Next returned %d", r.Count(), len(recs))
	}
	p := r.Push
	p.Records = recs
	return &p, nil
}

func gz(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func same(t *testing.T, name string, a, b *Push) {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("%s: the reader and Decode disagree:\n%s\n%s", name, ja, jb)
	}
}

func TestPushReaderReadsWhatDecodeReads(t *testing.T) {
	golden := samples()["push"].(*Push)
	enc, err := Encode(golden)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"encoded":        enc,
		"no records":     gz(`{"p":1,"n":"n1","nv":"1","t":5,"q":0,"c":9,"h":["ab"]}`),
		"null records":   gz(`{"p":1,"n":"n1","r":null,"c":3}`),
		"empty records":  gz(`{"p":1,"n":"n1","r":[],"c":3}`),
		"records first":  gz(`{"r":[{"s":1,"k":"lesson_read","l":{"b":"B","c":"c","l":"l","t":1}}],"p":1,"n":"n1","c":4}`),
		"trailing input": gz(`{"p":1,"n":"n1","r":[{"s":1,"k":"x"}],"c":2} garbage`),
	}
	for name, data := range cases {
		var want Push
		if err := Decode(data, &want); err != nil {
			t.Fatalf("%s: Decode: %v", name, err)
		}
		got, err := readAll(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		same(t, name, got, &want)
	}
	r, _ := ReadPush(enc)
	if r.Protocol != 1 || r.NodeID != golden.NodeID || r.Pending != 2 || r.Cursor != 0 {
		t.Errorf("the fields before the records are not read first: %+v", r.Push)
	}
}

func TestPushReaderRefusesWhatDecodeRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"unknown field first":     `{"zz":1,"p":1,"n":"n1"}`,
		"unknown field in record": `{"p":1,"n":"n1","r":[{"s":1,"k":"attempt"},{"s":2,"k":"attempt","zz":true}],"c":1}`,
		"unknown field after":     `{"p":1,"n":"n1","r":[{"s":1,"k":"x"}],"c":1,"zz":2}`,
		"bad cursor":              `{"p":1,"n":"n1","r":[{"s":1,"k":"x"}],"c":"one"}`,
		"records not a list":      `{"p":1,"n":"n1","r":{"s":1}}`,
		"truncated":               `{"p":1,"n":"n1","r":[{"s":1,"k":"x"},`,
		"not an object":           `[1,2]`,
	} {
		data := gz(body)
		var p Push
		if Decode(data, &p) == nil {
			t.Fatalf("%s: Decode accepts it", name)
		}
		if _, err := readAll(data); err == nil || !strings.Contains(err.Error(), "malformed sync message") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, body := range []string{`{"p":1,"n":"n1","r":[],"r":[]}`, `{"p":1,"n":"n1","r":[],"p":2}`, `{"p":1,"p":1,"n":"n1"}`} {
		if _, err := readAll(gz(body)); err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%s: a field given twice: %v", body, err)
		}
	}
	if _, err := ReadPush([]byte("plain text")); err == nil || !strings.Contains(err.Error(), "not a sync message") {
		t.Errorf("an uncompressed message: %v", err)
	}
}

// A caller that stops early (a gap in the sequence) still learns that the message ends badly.
func TestPushReaderFinishChecksTheRest(t *testing.T) {
	r, err := ReadPush(gz(`{"p":1,"n":"n1","r":[{"s":1,"k":"x"},{"s":2,"k":"x","zz":1}],"c":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if rec, ok := r.Next(); !ok || rec.Seq != 1 {
		t.Fatalf("first record: %v %v", rec, ok)
	}
	if err := r.Finish(); err == nil {
		t.Error("Finish accepted a message with a bad record it skipped")
	}
	r, _ = ReadPush(gz(`{"p":1,"n":"n1","r":[{"s":1,"k":"x"},{"s":2,"k":"x"}],"c":7,"h":["f"]}`))
	r.Next()
	if err := r.Finish(); err != nil || r.Cursor != 7 || len(r.Have) != 1 || r.Count() != 1 {
		t.Errorf("Finish after one record: %v %+v count %d", err, r.Push, r.Count())
	}
}

// FuzzPushReader: whatever the reader accepts, Decode accepts, with the same content.
func FuzzPushReader(f *testing.F) {
	f.Add(`{"p":1,"n":"n1","r":[{"s":1,"k":"attempt","a":{"i":"a","r":[1,true]}}],"c":2}`)
	f.Add(`{"r":[{"s":1}],"p":1,"n":"n"}`)
	f.Add(`{"p":1,"n":"n1","r":null,"h":["x"]}`)
	f.Fuzz(func(t *testing.T, body string) {
		data := gz(body)
		got, err := readAll(data)
		if err != nil {
			return
		}
		var want Push
		if err := Decode(data, &want); err != nil {
			t.Fatalf("the reader accepted what Decode refuses (%v): %s", err, body)
		}
		same(t, body, got, &want)
	})
}

// FuzzFastAttempt: whatever the attempt fast path reads, encoding/json reads the same way.
func FuzzFastAttempt(f *testing.F) {
	golden := samples()["push"].(*Push)
	rec, _ := json.Marshal(golden.Records[0])
	f.Add(rec)
	timedOut := *golden.Records[0].Attempt
	timedOut.TimedOut, timedOut.Score = true, 0
	rec2, _ := json.Marshal(Record{Seq: 9, Kind: KindAttempt, Attempt: &timedOut})
	f.Add(rec2)
	f.Add([]byte(`{"s":1,"k":"attempt","a":{"i":"a","b":"b","c":"c","v":1,"x":"x","t0":1,"t1":2,"r":["]\"",{"a":[1]}],"sc":-0.5e-3}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got Record
		n := fastAttempt(data, &got)
		if n == 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data[:n]))
		dec.DisallowUnknownFields()
		var want Record
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("the fast path read %q, encoding/json refuses it: %v", data[:n], err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if !bytes.Equal(a, b) || dec.InputOffset() != int64(n) {
			t.Fatalf("fast path %s (%d bytes), encoding/json %s (%d bytes)", a, n, b, dec.InputOffset())
		}
	})
}

// The node's own attempts take the fast path (else the center's ingest slows down unnoticed).
func TestNodeAttemptsTakeTheFastPath(t *testing.T) {
	golden := samples()["push"].(*Push)
	for _, a := range []Attempt{*golden.Records[0].Attempt, {ID: "i", Badge: "B", Course: "c", Version: 3, Secret: "s", TimedOut: true, Responses: json.RawMessage(`[]`), Score: 100}} {
		raw, _ := json.Marshal(Record{Seq: 12, Kind: KindAttempt, Attempt: &a})
		var rec Record
		if n := fastAttempt(raw, &rec); n != len(raw) {
			t.Errorf("%s: fast path read %d of %d bytes", raw, n, len(raw))
		}
	}
}
