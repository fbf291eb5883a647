package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Officer lockout on shared terminals: MaxFailures wrong PINs lock a badge for LockoutPeriod, and
// MaxClientFailures wrong PINs from one client (terminal), whatever the badges, stop that client
// until LockoutPeriod after its first failure (one PIN sprayed across many badges).
const (
	MaxFailures       = 5
	MaxClientFailures = 10
	LockoutPeriod     = 15 * time.Minute
)

// pendingExpiry is how long a reserved check may stay unreported before it is taken for lost
// (the program stopped while checking): a check takes well under a second.
const pendingExpiry = time.Minute

// Refusal says why ReservePIN refused a PIN check.
type Refusal int

// Refusals of ReservePIN.
const (
	NotRefused   Refusal = iota
	BadgeLocked          // MaxFailures wrong PINs for the badge: until the lock ends
	ClientLocked         // MaxClientFailures wrong PINs from the client: until its window ends
	InFlight             // enough checks of this badge or client are under way: retry in a moment
)

// Outcome is how a reserved PIN check ended.
type Outcome int

// Outcomes of a reserved PIN check.
const (
	Failed     Outcome = iota // wrong PIN or badge: a failure for the badge and the client
	OK                        // right PIN: the badge's failures are cleared
	NotChecked                // the check did not run (node busy): nothing is counted
)

// timeKey stores times in a fixed-width form, so that SQL compares them correctly as text.
const timeKey = "2006-01-02T15:04:05Z"

// ReservePIN is the lockout check, made atomic: in one write transaction it either refuses the
// attempt (and until when, for a lock) or records it as under way for the badge and the client,
// before the PIN is checked. Failures plus checks under way never exceed the limits, so however
// many guesses arrive together, at most MaxFailures are checked for a badge and at most
// MaxClientFailures from one client. The caller then checks the PIN and calls FinishPIN.
func (s *Store) ReservePIN(ctx context.Context, badge, client string) (refusal Refusal, until time.Time, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		old := now.Add(-LockoutPeriod).Format(timeKey)
		if _, err := tx.Exec(`DELETE FROM login_clients WHERE window_start < ?`, old); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM login_failures WHERE pending_since < ? AND (locked_until IS NULL OR locked_until < ?)`,
			old, now.Format(timeKey)); err != nil {
			return err
		}
		var cFailures, cPending int
		window := now
		var start string
		err := tx.QueryRow(`SELECT failures, pending, window_start FROM login_clients WHERE client = ?`, client).Scan(&cFailures, &cPending, &start)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil {
			window = parseTime(start)
		}
		if cFailures >= MaxClientFailures {
			refusal, until = ClientLocked, window.Add(LockoutPeriod)
			return nil
		}

		var failures, pending int
		var locked, since sql.NullString
		err = tx.QueryRow(`SELECT failures, locked_until, pending, pending_since FROM login_failures WHERE badge = ?`, badge).
			Scan(&failures, &locked, &pending, &since)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if lu := parseTime(locked.String); lu.After(now) {
			refusal, until = BadgeLocked, lu
			return nil
		} else if !lu.IsZero() {
			failures = 0 // the lock has run out: a fresh count
		}
		if now.Sub(parseTime(since.String)) > pendingExpiry {
			pending = 0
		}
		if failures+pending >= MaxFailures || cFailures+cPending >= MaxClientFailures {
			refusal = InFlight
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO login_failures (badge, failures, locked_until, pending, pending_since) VALUES (?, ?, NULL, ?, ?)
			ON CONFLICT(badge) DO UPDATE SET failures = excluded.failures, locked_until = NULL, pending = excluded.pending,
			pending_since = excluded.pending_since`, badge, failures, pending+1, now.Format(timeKey)); err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO login_clients (client, failures, pending, window_start) VALUES (?, 0, 1, ?)
			ON CONFLICT(client) DO UPDATE SET pending = pending + 1`, client, window.Format(timeKey))
		return err
	})
	return refusal, until, err
}

// FinishPIN records how a check reserved with ReservePIN ended: the MaxFailures-th failure in a
// row locks the badge for LockoutPeriod; failures count against the client too.
func (s *Store) FinishPIN(ctx context.Context, badge, client string, outcome Outcome) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		failed := 0
		var err error
		switch outcome {
		case OK:
			_, err = tx.Exec(`UPDATE login_failures SET failures = 0, locked_until = NULL, pending = max(pending - 1, 0) WHERE badge = ?`, badge)
		case Failed:
			failed = 1
			_, err = tx.Exec(`UPDATE login_failures SET failures = failures + 1, pending = max(pending - 1, 0),
				locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE locked_until END WHERE badge = ?`,
				MaxFailures, s.Now().Add(LockoutPeriod).Format(timeKey), badge)
		default:
			_, err = tx.Exec(`UPDATE login_failures SET pending = max(pending - 1, 0) WHERE badge = ?`, badge)
		}
		if err != nil {
			return err
		}
		if err := s.pinEvent(tx, badge, outcome); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE login_clients SET failures = failures + ?, pending = max(pending - 1, 0) WHERE client = ?`, failed, client)
		return err
	})
}
