package pgtest

import "testing"

// BenchDialects runs fn as two sub-benchmarks, "sqlite" and "postgres", so that one run measures
// both side by side; inside them, URL(b) gives the PostgreSQL run its fresh database. The
// PostgreSQL run is skipped without AULA_TEST_POSTGRES (scripts/bench starts a throwaway server).
func BenchDialects(b *testing.B, fn func(b *testing.B)) {
	b.Run("sqlite", fn)
	b.Run("postgres", func(b *testing.B) {
		Require(b)
		fn(b)
	})
}
