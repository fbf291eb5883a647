package auth

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
)

// ErrBusy is returned by Gate.Verify when too many checks are already waiting: the caller answers
// 503 with Retry-After instead of queueing without end.
var ErrBusy = errors.New("too many password checks at once")

// Gate bounds the argon2id work of a program: at most Concurrent hashes run at once (each one
// holds 7 to 19 MiB for its duration), at most Queue more wait their turn, and the rest are
// refused with ErrBusy at once. Unauthenticated requests (logins) therefore cannot grow memory
// past Concurrent × the hash's memory, however many arrive together.
type Gate struct {
	slots   chan struct{}
	queue   int64
	waiting atomic.Int64
	runs    atomic.Int64
}

// NewGate returns a gate for concurrent hashes at once and queue waiting; concurrent ≤ 0 means
// the number of CPUs, clamped to 2..4.
func NewGate(concurrent, queue int) *Gate {
	if concurrent <= 0 {
		concurrent = min(max(runtime.NumCPU(), 2), 4)
	}
	return &Gate{slots: make(chan struct{}, concurrent), queue: int64(queue)}
}

// Do runs f, an argon2id computation, when a slot is free. It returns ErrBusy when the queue is
// full, or ctx's error when ctx ends while waiting (f then does not run).
func (g *Gate) Do(ctx context.Context, f func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		if g.waiting.Add(1) > g.queue {
			g.waiting.Add(-1)
			return ErrBusy
		}
		select {
		case g.slots <- struct{}{}:
			g.waiting.Add(-1)
		case <-ctx.Done():
			g.waiting.Add(-1)
			return ctx.Err()
		}
	}
	defer func() { <-g.slots }()
	g.runs.Add(1)
	f()
	return nil
}

// Verify is VerifySecret run through the gate.
func (g *Gate) Verify(ctx context.Context, hash, secret string) (ok bool, err error) {
	if gerr := g.Do(ctx, func() { ok, err = VerifySecret(hash, secret) }); gerr != nil {
		return false, gerr
	}
	return ok, err
}

// Hash is HashSecret run through the gate.
func (g *Gate) Hash(ctx context.Context, secret string) (h string, err error) {
	if gerr := g.Do(ctx, func() { h, err = HashSecret(secret) }); gerr != nil {
		return "", gerr
	}
	return h, err
}

// Runs is how many computations the gate has let through since it was made (tests count the
// password checks with it).
func (g *Gate) Runs() int64 { return g.runs.Load() }
