package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// Only a counter above every one seen is taken; a node that has sent counters cannot be sent a
// request without one; a push refused for its counter changes nothing.
func TestCountersRefuseReplays(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s, n := repeatEnv(t)
		info := func() (SyncInfo, error) { return SyncInfo{NodeTime: time.Now()}, nil }
		// A node from before counters: pushes without one are taken.
		if _, err := s.ApplyNodePush(context.Background(), n.ID, Absent, slices.Values([]Incoming{attemptRec(1, "a-1", "X1")}), info); err != nil {
			t.Fatal(err)
		}
		if err := s.UseCounter(context.Background(), n.ID, 7); err != nil {
			t.Fatal(err)
		}
		var stale *StaleCounterError
		if err := s.UseCounter(context.Background(), n.ID, 7); !errors.As(err, &stale) || stale.Highest != 7 {
			t.Errorf("counter 7 twice: %v", err)
		}
		if err := s.UseCounter(context.Background(), n.ID, 6); !errors.As(err, &stale) {
			t.Errorf("counter 6 after 7 (never seen, held back and delivered late): %v", err)
		}
		_, err := s.ApplyNodePush(context.Background(), n.ID, 6, slices.Values([]Incoming{attemptRec(2, "a-2", "X1")}), info)
		if !errors.As(err, &stale) {
			t.Errorf("a push with a used counter: %v", err)
		}
		if _, err := s.ApplyNodePush(context.Background(), n.ID, Absent, slices.Values([]Incoming{attemptRec(2, "a-2", "X1")}), info); !errors.Is(err, ErrCounterMissing) {
			t.Errorf("a push without a counter from a node that sends them: %v", err)
		}
		if c, _ := s.CountAttempts(context.Background()); c != 1 {
			t.Errorf("%d attempts: a refused push wrote something", c)
		}
		if res, err := s.ApplyNodePush(context.Background(), n.ID, 8, slices.Values([]Incoming{attemptRec(2, "a-2", "X1")}), info); err != nil || res.Acked != 2 {
			t.Errorf("the next counter: %v, %+v", err, res)
		}
	})
}
