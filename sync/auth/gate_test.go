package auth

import (
	"context"
	"errors"
	"runtime"
	"testing"
)

// TestGate: with one slot and a queue of one, a third concurrent caller is refused at once;
// the waiting one runs when the slot frees; a cancelled waiter does not run.
func TestGate(t *testing.T) {
	g := NewGate(1, 1)
	release, started := make(chan struct{}), make(chan struct{})
	go g.Do(context.Background(), func() { close(started); <-release })
	<-started
	queued := make(chan error)
	go func() { queued <- g.Do(context.Background(), func() {}) }()
	for g.waiting.Load() != 1 {
		runtime.Gosched()
	}
	if err := g.Do(context.Background(), func() { t.Error("ran past a full queue") }); !errors.Is(err, ErrBusy) {
		t.Errorf("third caller: %v, want ErrBusy", err)
	}
	close(release)
	if err := <-queued; err != nil {
		t.Errorf("queued caller: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	hold, holding := make(chan struct{}), make(chan struct{})
	go g.Do(context.Background(), func() { close(holding); <-hold })
	<-holding
	if err := g.Do(ctx, func() { t.Error("a cancelled waiter ran") }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled waiter: %v", err)
	}
	close(hold)
	if g.Runs() != 3 {
		t.Errorf("runs %d, want 3", g.Runs())
	}
}
