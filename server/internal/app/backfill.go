package app

import (
	"context"
	"errors"
	"time"

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

// tallyEvery is how often the center brings its compliance counts up to date in the background.
const tallyEvery = 5 * time.Second

// keepTallies brings the compliance counts up to date at start (a rebuild after the upgrade that
// brought them, or after the requirements changed while the center was stopped) and then every
// tallyEvery, so that a dashboard seldom waits for the changes since the last time (pages bring
// them up to date too before they read: docs/programme.md, "Counts kept up to date").
func (m *Main) keepTallies(ctx context.Context) {
	for {
		start := time.Now()
		err := m.center.RefreshCompliance(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			m.Log.Error("bringing the compliance counts up to date", "err", err)
		case time.Since(start) > time.Second:
			m.Log.Info("compliance counts brought up to date", "took", time.Since(start).Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(tallyEvery):
		}
	}
}
