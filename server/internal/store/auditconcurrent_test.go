package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// Two center processes on one PostgreSQL database write audit entries at the same moment: a
// node's push (the group commit's transaction, which does not take the writer lock) and an
// administrator's change (which does). Each entry must link to the one before it: the chain is
// written one entry at a time across processes, never forked nor refused.
func TestTwoCentersChainTheAuditTogether(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		one, two := twoStores(t)
		n := enrollX1(t, one)
		info := func() (SyncInfo, error) { return SyncInfo{NodeVersion: "test", NodeTime: time.Now()}, nil }
		ctx := context.Background()
		for round := range 15 {
			recs := []Incoming{attemptRec(int64(round+1), fmt.Sprintf("c-%03d", round+1), "X1")}
			var wg sync.WaitGroup
			errs := make([]error, 3)
			wg.Go(func() { _, _, errs[0] = one.ApplyPush(ctx, n.ID, slices.Values(recs), info) })
			wg.Go(func() { _, errs[1] = two.CreateAgency(ctx, fmt.Sprintf("AG%02d", round), "Cuerpo de prueba", "admin") })
			wg.Go(func() { errs[2] = one.Audit(ctx, "admin", "settings.change", "settings", fmt.Sprint(round)) })
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("round %d, writer %d: %v", round, i, err)
				}
			}
		}
		w, err := two.WalkAudit(ctx)
		if err != nil {
			t.Fatalf("the audit chain after concurrent writers: %v", err)
		}
		if w.N < 45 {
			t.Errorf("the chain holds %d entries, want at least 45 (15 rounds of 3 writers)", w.N)
		}
	})
}
