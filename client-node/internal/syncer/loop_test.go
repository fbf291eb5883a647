package syncer

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"aula/client-node/internal/store"
	"aula/internal/pgtest"
)

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// While the center does not answer, the background loop retries after waits that double from
// MinBackoff up to Interval, each between half and all of its step (jitter); "Sincronizar
// ahora" starts a round at once, in the middle of a wait; and the loop ends with its context.
// The clock is synctest's: the hours of waiting take no time.
func TestLoopBacksOffWhileTheCenterIsDown(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			st, err := store.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			pub, key, _ := ed25519.GenerateKey(nil)
			var mu sync.Mutex
			var calls []time.Time
			down := roundTripFunc(func(*http.Request) (*http.Response, error) {
				mu.Lock()
				defer mu.Unlock()
				calls = append(calls, time.Now())
				return nil, errors.New("connection refused")
			})
			n := &Node{Store: st, Key: key, CenterKey: pub, NodeID: "node-1", Server: "http://center.invalid",
				HTTP: &http.Client{Transport: down}, Log: quiet, trigger: make(chan struct{}, 1)}
			ctx, cancel := context.WithCancel(t.Context())
			ended := make(chan struct{})
			start := time.Now()
			go func() { n.Loop(ctx); close(ended) }()

			// Two hours of a center that does not answer.
			time.Sleep(2 * time.Hour)
			synctest.Wait()
			mu.Lock()
			got := append([]time.Time(nil), calls...)
			mu.Unlock()
			if len(got) < 5 || !got[0].Equal(start) {
				t.Fatalf("%d rounds in two hours, the first after %v: want one at once, then retries", len(got), got[0].Sub(start))
			}
			step := MinBackoff
			for i := 1; i < len(got); i++ {
				if wait := got[i].Sub(got[i-1]); wait < step/2 || wait > step {
					t.Errorf("retry %d came %v after the previous round: want between %v and %v", i, wait, step/2, step)
				}
				step = min(2*step, Interval)
			}
			if step != Interval {
				t.Errorf("the waits stopped doubling at %v before reaching Interval (%v)", step, Interval)
			}

			// "Sincronizar ahora" in the middle of a wait: a round at once.
			now := time.Now()
			n.Now()
			synctest.Wait()
			mu.Lock()
			last := calls[len(calls)-1]
			mu.Unlock()
			if !last.Equal(now) {
				t.Errorf("the round asked for at %v ran at %v", now.Sub(start), last.Sub(start))
			}

			cancel()
			synctest.Wait()
			select {
			case <-ended:
			default:
				t.Fatal("the loop did not end with its context")
			}
		})
	})
}
