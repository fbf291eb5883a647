package store

import (
	"context"
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

// StaleCounterError refuses a request whose counter is not above the highest the center has
// accepted from the node: a replayed request (or one held back and delivered late), or a node
// whose counter went back (its store was restored from an older copy), which then continues
// above Highest.
type StaleCounterError struct {
	Counter, Highest int64
}

func (e *StaleCounterError) Error() string {
	return fmt.Sprintf("request counter %d is not above %d, the highest the center has seen from this node: a replayed request is refused", e.Counter, e.Highest)
}

// ErrCounterMissing refuses a request without a counter from a node that sends them: someone
// replayed an old request or stripped the header.
var ErrCounterMissing = courses.E(courses.Unauthorized, "err.sync_counter_missing")

// takeCounter checks a request's counter against the highest accepted from the node (read in tx)
// and records it. Only a counter above every one seen is taken: two requests of one node that
// overtake each other (the background loop and `aula-node sync` at once) cost the later one a
// 409, after which the node sends it again with a new counter.
func takeCounter(tx *sql.Tx, nodeID string, c Counter, highest sql.NullInt64) error {
	switch {
	case c == NoCheck:
		return nil
	case c == Absent && highest.Valid:
		return ErrCounterMissing
	case c == Absent:
		return nil
	case int64(c) <= highest.Int64:
		return &StaleCounterError{Counter: int64(c), Highest: highest.Int64}
	}
	_, err := tx.Exec(`UPDATE nodes SET request_counter = ? WHERE id = ?`, int64(c), nodeID)
	return err
}

// UseCounter checks and records the counter of a node's request that writes nothing else (a
// course file download). It shares the group commit with the pushes of other nodes.
func (s *Store) UseCounter(ctx context.Context, nodeID string, c Counter) error {
	return s.grouped(func(tx *sql.Tx, _ *pushStmts) writeRes {
		var highest sql.NullInt64
		// Locked as a push locks it: another process may be taking a counter of this node.
		err := tx.QueryRow(`SELECT request_counter FROM nodes WHERE id = ?`+s.db.forUpdate(), nodeID).Scan(&highest)
		if errors.Is(err, sql.ErrNoRows) {
			err = courses.E(courses.Unauthorized, "node.unknown", nodeID)
		}
		if err == nil {
			err = takeCounter(tx, nodeID, c, highest)
		}
		return writeRes{err: err}
	}).err
}
