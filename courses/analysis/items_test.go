package analysis

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"aula/courses"
)

// TestEncodedItemsGiveTheSameReport: attempts kept in compact form at the center (credits, the
// blanks and the options chosen, partial credits exactly) give the report the scorer's own items
// give, question by question.
func TestEncodedItemsGiveTheSameReport(t *testing.T) {
	q := quiz(3, 0, courses.Single)
	q.Shuffle = true
	q.Questions[2].Type = courses.Multiple
	q.Questions[2].Options[1].Correct = true // A and B right: A alone earns 1/2
	direct, stored := New(q), New(q)
	var blob []byte
	for n := range 30 {
		seed := courses.AttemptSeed(fmt.Sprint("att-", n), "secret")
		canon := []json.RawMessage{json.RawMessage(fmt.Sprint(n % 3)), json.RawMessage(`"x"`), json.RawMessage(fmt.Sprintf("[%d]", n%3))}
		if n%7 == 0 {
			canon[0] = nil // left blank
		}
		_, items := Score(q, seed, canon, nil)
		direct.Add(items, n%2)
		blob = EncodeItems(blob[:0], items)
		if res, enc := ScoreEncoded(q, seed, canon, nil); string(enc) != string(blob) || res.Score != courses.ScoreCanonical(q, seed, canon).Score {
			t.Fatalf("attempt %d: ScoreEncoded gives %v (score %v), EncodeItems %v", n, enc, res.Score, blob)
		}
		got, ok := stored.AddEncoded(blob, n%2)
		if !ok || !reflect.DeepEqual(got, items) {
			t.Fatalf("attempt %d: decoded %+v (%v), scored %+v", n, got, ok, items)
		}
	}
	if a, b := direct.Report(), stored.Report(); !reflect.DeepEqual(a, b) {
		t.Errorf("report from stored items differs:\n%+v\n%+v", b, a)
	}
}

// TestDecodeItemsRefusesForeignBytes: bytes that are not this quiz's items are refused whole.
func TestDecodeItemsRefusesForeignBytes(t *testing.T) {
	q := quiz(2, 0, courses.Single)
	good := EncodeItems(nil, []Item{{Question: 0, Points: 1, Credit: 0.5, Answered: true, Chosen: 1}, {Question: 1, Points: 1}})
	if items, ok := DecodeItems(q, good, nil); !ok || len(items) != 2 || items[0].Credit != 0.5 || items[0].Chosen != 1 {
		t.Fatalf("good bytes: %+v %v", items, ok)
	}
	for name, b := range map[string][]byte{
		"empty":              nil,
		"unknown format":     {9, 0, 0},
		"question too high":  {1, 5, 0},
		"question twice":     {1, 0, 0, 0, 0},
		"truncated credit":   {1, 0, flagPartial, 1, 2},
		"credit above one":   append([]byte{1, 0, flagPartial}, 0, 0, 0, 0, 0, 0, 0, 0x40), // 2.0
		"truncated chosen":   {1, 0, flagAnswered},
		"truncated flag":     {1, 0},
		"overlong question":  {1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
		"good then garbage":  append(append([]byte{}, good...), 7),
		"partial without 8b": {1, 1, flagPartial | flagAnswered},
	} {
		if items, ok := DecodeItems(q, b, nil); ok || len(items) != 0 {
			t.Errorf("%s: accepted as %+v", name, items)
		}
	}
}

// BenchmarkAddEncoded: one attempt of 12 single questions, kept in compact form, decoded and
// added (what the analysis does per attempt besides reading the store).
func BenchmarkAddEncoded(b *testing.B) {
	q, canon := benchAttempt()
	_, items := Score(q, courses.AttemptSeed("A1", "secret"), canon, nil)
	blob := EncodeItems(nil, items)
	a := New(q)
	b.ReportAllocs()
	b.ReportMetric(float64(len(blob)), "bytes/attempt")
	for b.Loop() {
		a.AddEncoded(blob, 0)
	}
}

// BenchmarkScoreWithItems and BenchmarkScoreOnly: what keeping the items adds to the center's
// score of each pushed attempt (12 single questions, shuffled).
func BenchmarkScoreWithItems(b *testing.B) {
	q, canon := benchAttempt()
	b.ReportAllocs()
	for b.Loop() {
		ScoreEncoded(q, courses.AttemptSeed("A1", "secret"), canon, nil)
	}
}

func BenchmarkScoreOnly(b *testing.B) {
	q, canon := benchAttempt()
	b.ReportAllocs()
	for b.Loop() {
		courses.ScoreCanonical(q, courses.AttemptSeed("A1", "secret"), canon)
	}
}

func benchAttempt() (*courses.Quiz, []json.RawMessage) {
	q := quiz(12, 0, courses.Single)
	q.Shuffle = true
	canon := make([]json.RawMessage, 12)
	for i := range canon {
		canon[i] = json.RawMessage(fmt.Sprint(i % 3))
	}
	return q, canon
}
