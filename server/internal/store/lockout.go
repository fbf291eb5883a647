package store

import (
	"context"
	"database/sql"
	"time"
)

// LoginOutcome is how a reserved password check ended.
type LoginOutcome int

// Outcomes of a reserved password check.
const (
	LoginFailed     LoginOutcome = iota // wrong password: a failure, the MaxLoginFailures-th locks
	LoginOK                             // right password: the failure count and any lock are cleared
	LoginNotChecked                     // the check did not run (server busy): nothing is counted
)

// pendingExpiry is how long a reserved check may stay unreported before it is taken for lost
// (the program stopped while checking): a check takes well under a second.
const pendingExpiry = time.Minute

// ReserveLogin is the lockout check, made atomic: in one write transaction it either refuses
// the attempt or records it as under way, before the password is checked. It refuses a locked
// account (lockedUntil is when the lock ends), and an account whose failures plus checks under
// way already reach MaxLoginFailures (inFlight: the caller asks to retry in a moment). So however
// many guesses arrive together, at most MaxLoginFailures are checked before the lock. The caller
// then verifies the password and reports the outcome with FinishLogin.
func (s *Store) ReserveLogin(ctx context.Context, id int64) (lockedUntil time.Time, inFlight bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var failed, pending int
		var locked, since sql.NullString
		if err := tx.QueryRow(`SELECT failed_logins, locked_until, logins_pending, pending_since FROM staff WHERE id = ?`, id).
			Scan(&failed, &locked, &pending, &since); err != nil {
			return err
		}
		now := s.now()
		if until := parseTime(locked.String); until.After(now) {
			lockedUntil = until
			return nil
		} else if !until.IsZero() {
			failed = 0 // the lock has run out: a fresh count
		}
		if now.Sub(parseTime(since.String)) > pendingExpiry {
			pending = 0
		}
		if failed+pending >= MaxLoginFailures {
			inFlight = true
			return nil
		}
		_, err := tx.Exec(`UPDATE staff SET failed_logins = ?, locked_until = NULL, logins_pending = ?, pending_since = ? WHERE id = ?`,
			failed, pending+1, now.UTC().Format(time.RFC3339), id)
		return err
	})
	return lockedUntil, inFlight, err
}

// FinishLogin records how a check reserved with ReserveLogin ended: the MaxLoginFailures-th
// failure in a row locks the account for LockoutPeriod.
func (s *Store) FinishLogin(ctx context.Context, id int64, outcome LoginOutcome) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		switch outcome {
		case LoginOK:
			_, err = tx.Exec(`UPDATE staff SET failed_logins = 0, locked_until = NULL, logins_pending = CASE WHEN logins_pending > 0 THEN logins_pending - 1 ELSE 0 END WHERE id = ?`, id)
		case LoginFailed:
			_, err = tx.Exec(`UPDATE staff SET failed_logins = failed_logins + 1, logins_pending = CASE WHEN logins_pending > 0 THEN logins_pending - 1 ELSE 0 END,
				locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END WHERE id = ?`,
				MaxLoginFailures, s.now().Add(LockoutPeriod).UTC().Format(time.RFC3339), id)
		default:
			_, err = tx.Exec(`UPDATE staff SET logins_pending = CASE WHEN logins_pending > 0 THEN logins_pending - 1 ELSE 0 END WHERE id = ?`, id)
		}
		return err
	})
}

// ChangePassword sets a new password hash. In the same transaction it ends every web session of
// the account and raises its token generation (ending every API token issued before), and clears
// any lockout. It returns the account as it now is.
func (s *Store) ChangePassword(ctx context.Context, id int64, passwordHash string) (*Staff, error) {
	var username string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRow(`UPDATE staff SET password_hash = ?, token_gen = token_gen + 1, failed_logins = 0, locked_until = NULL
			WHERE id = ? RETURNING username`, passwordHash, id).Scan(&username); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE staff_id = ?`, id); err != nil {
			return err
		}
		return audit(tx, s.stamp(), username, "staff.password", "staff:"+username, "password changed; sessions and API tokens ended")
	})
	if err != nil {
		return nil, err
	}
	return s.FindStaffByID(ctx, id)
}

// RevokeToken ends one API token (by its id) before it expires; expired revocations are dropped
// in the same transaction, so the table holds at most the tokens of the last token lifetime.
func (s *Store) RevokeToken(ctx context.Context, jti string, expires time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM revoked_tokens WHERE expires_at < ?`, s.stamp()); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING`,
			jti, expires.UTC().Format(time.RFC3339))
		return err
	})
}

// TokenRevoked reports whether an API token was ended by RevokeToken.
func (s *Store) TokenRevoked(ctx context.Context, jti string) (bool, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM revoked_tokens WHERE jti = ?`, jti).Scan(&n)
	return n > 0, err
}
