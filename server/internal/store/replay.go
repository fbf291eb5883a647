package store

import (
	"database/sql"
	"errors"
	"fmt"

	"aula/courses"
)

// Counter is the anti-replay counter carried by a node's signed HTTP request (docs/sync.md,
// "Replay"): a number the node makes strictly larger for each request and signs with it.
type Counter int64

// Special counters.
const (
	// NoCheck marks a push that is not an HTTP request (a USB sync file, whose re-import is
	// harmless, or a test): there is no counter to check.
	NoCheck Counter = -1
	// Absent is an HTTP request without a counter: taken only from a node that has never sent one
	// (a node built before counters).
	Absent Counter = 0
)

// CounterWindow is how far below the highest counter accepted from a node a counter not seen
// yet is still taken: two requests of one node may overtake each other (the background loop and
// `aula-node sync` at once, a download retried by the HTTP client).
const CounterWindow = 64

// StaleCounterError refuses a request whose counter was already used or is older than the
// window: a replayed request, or a node whose counter went back (its store was restored from an
// older copy), which then continues above Highest.
type StaleCounterError struct {
	Counter, Highest int64
}

func (e *StaleCounterError) Error() string {
	return fmt.Sprintf("request counter %d was already used or is too old (the center has seen up to %d): a replayed request is refused", e.Counter, e.Highest)
}

// ErrCounterMissing refuses a request without a counter from a node that sends them: someone
// replayed an old request or stripped the header.
var ErrCounterMissing = courses.Errorf(courses.Unauthorized, "this node signs its requests with a counter; a request without one is refused (replayed or altered). A node downgraded to a version without counters must be upgraded again")

// nextWindow decides on counter c given the highest counter accepted and the window of counters
// seen below it (bit i: highest-i), and returns the new state.
func nextWindow(highest int64, seen uint64, c int64) (int64, uint64, bool) {
	switch {
	case c > highest:
		if shift := c - highest; shift < 64 {
			seen <<= uint(shift)
		} else {
			seen = 0
		}
		return c, seen | 1, true
	case c < 1 || highest-c >= CounterWindow:
		return highest, seen, false
	}
	bit := uint64(1) << uint(highest-c)
	if seen&bit != 0 {
		return highest, seen, false
	}
	return highest, seen | bit, true
}

// takeCounter checks a request's counter against a node's state (read in tx) and records it.
func takeCounter(tx *sql.Tx, nodeID string, c Counter, highest sql.NullInt64, window int64) error {
	switch {
	case c == NoCheck:
		return nil
	case c == Absent && highest.Valid:
		return ErrCounterMissing
	case c == Absent:
		return nil
	}
	h, w, ok := nextWindow(highest.Int64, uint64(window), int64(c))
	if !ok {
		return &StaleCounterError{Counter: int64(c), Highest: h}
	}
	_, err := tx.Exec(`UPDATE nodes SET request_counter = ?, request_window = ? WHERE id = ?`, h, int64(w), nodeID)
	return err
}

// UseCounter checks and records the counter of a node's request that writes nothing else (a
// course file download). It shares the group commit with the pushes of other nodes.
func (s *Store) UseCounter(nodeID string, c Counter) error {
	return s.grouped(func(tx *sql.Tx, _ *pushStmts) writeRes {
		var highest sql.NullInt64
		var window int64
		err := tx.QueryRow(`SELECT request_counter, request_window FROM nodes WHERE id = ?`, nodeID).Scan(&highest, &window)
		if errors.Is(err, sql.ErrNoRows) {
			err = courses.Errorf(courses.Unauthorized, "unknown node %q", nodeID)
		}
		if err == nil {
			err = takeCounter(tx, nodeID, c, highest, window)
		}
		return writeRes{err: err}
	}).err
}
