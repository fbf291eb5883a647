package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// FailuresLeft returns how many more wrong PINs a badge may have before it is locked
// (MaxFailures minus its failures in a row; 0 when it is locked now). The login page tells the
// officer, so that a fifth try is not a surprise.
func (s *Store) FailuresLeft(ctx context.Context, badge string) (int, error) {
	var failures int
	var locked sql.NullString
	err := s.db.Read.QueryRowContext(ctx, `SELECT failures, locked_until FROM login_failures WHERE badge = ?`, badge).Scan(&failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return MaxFailures, nil
	}
	if err != nil {
		return 0, err
	}
	switch lu := parseTime(locked.String); {
	case lu.After(s.Now()):
		return 0, nil
	case !lu.IsZero():
		return MaxFailures, nil // the lock has run out: a fresh count
	}
	return max(0, MaxFailures-failures), nil
}

// UnlockBadge ends a badge's lockout and clears its failures (aula-node unlock, run by the
// station's person in charge when an officer who forgot his PIN is locked out). It reports
// whether the badge had failures to clear.
func (s *Store) UnlockBadge(ctx context.Context, badge string) (bool, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE login_failures SET failures = 0, locked_until = NULL WHERE badge = ? AND (failures > 0 OR locked_until IS NOT NULL)`,
			strings.ToUpper(strings.TrimSpace(badge)))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}
