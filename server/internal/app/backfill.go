package app

import (
	"context"
	"errors"

	"aula/server/internal/service"
)

// backfillItems scores once, in the background, the attempts received before the center kept
// each attempt's per-question items (migration 0020), so item analysis reads precomputed rows.
// It stops when ctx ends; what it has not reached is scored by the first analysis of its version.
func (m *Main) backfillItems(ctx context.Context) {
	z := &service.Analyzer{Store: m.Store, Course: m.Sync.Course}
	n, err := z.BackfillItems(ctx)
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		m.Log.Error("scoring earlier attempts for item analysis", "scored", n, "err", err)
	case n > 0:
		m.Log.Info("earlier attempts scored for item analysis", "scored", n)
	}
}
