package analysis

import (
	"encoding/json"
	"fmt"
	"testing"

	"aula/courses"
)

// BenchmarkAddCanonical: one attempt of 12 single questions (shuffled, so the draw is rebuilt
// from the seed) scored and added; the store's reading is not included.
func BenchmarkAddCanonical(b *testing.B) {
	q := quiz(12, 0, courses.Single)
	q.Shuffle = true
	canon := make([]json.RawMessage, 12)
	for i := range canon {
		canon[i] = json.RawMessage(fmt.Sprint(i % 3))
	}
	a := New(q)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.AddCanonical(courses.AttemptSeed(fmt.Sprint("A", i%1000), "secret"), canon, 0)
	}
}
