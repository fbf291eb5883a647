package syncer

import (
	"context"
	"math/rand/v2"
	"time"
)

// Background sync timing: every Interval while the center answers; after a failure, waits that
// double from MinBackoff up to Interval, with jitter so a region's stations coming back after a
// power cut do not all call at once.
const (
	Interval   = 5 * time.Minute
	MinBackoff = 15 * time.Second
)

// Loop syncs in the background until ctx ends. Now triggers a round at once.
func (n *Node) Loop(ctx context.Context) {
	wait := time.Duration(0)
	backoff := MinBackoff
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		case <-n.trigger:
		}
		rctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
		err := n.Round(rctx)
		cancel()
		if err == nil {
			wait, backoff = Interval, MinBackoff
			continue
		}
		n.Log.Warn("sync failed; will retry", "err", err, "in", backoff)
		wait = backoff/2 + rand.N(backoff/2+1)
		backoff = min(2*backoff, Interval)
	}
}

// Now asks the background loop for a round at once ("Sincronizar ahora").
func (n *Node) Now() {
	select {
	case n.trigger <- struct{}{}:
	default:
	}
}
