package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
)

// Officer is a member of this station's roster.
type Officer struct {
	Badge       string
	GivenNames  string
	FamilyNames string
	Rank        string
	PINHash     string
	Active      bool
	// Commander: the officer commands this station (the roster's flag, protocol version 3) and
	// sees its compliance page.
	Commander bool
}

// Name returns the officer's full name.
func (o *Officer) Name() string { return o.GivenNames + " " + o.FamilyNames }

// ReplaceRoster makes the roster exactly officers: new ones are added, existing ones updated, and
// those no longer listed are deactivated (kept, so their recorded results keep a name).
func (s *Store) ReplaceRoster(ctx context.Context, officers []Officer) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return replaceRoster(tx, officers) })
}

func replaceRoster(tx *sql.Tx, officers []Officer) error {
	if _, err := tx.Exec(`UPDATE officers SET active = 0`); err != nil {
		return err
	}
	for _, o := range officers {
		if _, err := tx.Exec(`INSERT INTO officers (badge, given_names, family_names, rank, pin_hash, active, commander) VALUES (?, ?, ?, ?, ?, 1, ?)
			ON CONFLICT(badge) DO UPDATE SET given_names = excluded.given_names, family_names = excluded.family_names,
			rank = excluded.rank, pin_hash = excluded.pin_hash, active = 1, commander = excluded.commander`,
			o.Badge, o.GivenNames, o.FamilyNames, o.Rank, o.PINHash, flag(o.Commander)); err != nil {
			return err
		}
	}
	// A deactivated officer's sessions end now.
	_, err := tx.Exec(`DELETE FROM sessions WHERE badge IN (SELECT badge FROM officers WHERE active = 0)`)
	return err
}

// FindOfficer returns an officer of the roster (active or not), or a NotFound error.
func (s *Store) FindOfficer(ctx context.Context, badge string) (*Officer, error) {
	var o Officer
	err := s.db.Read.QueryRowContext(ctx, `SELECT badge, given_names, family_names, rank, pin_hash, active, commander FROM officers WHERE badge = ?`, badge).
		Scan(&o.Badge, &o.GivenNames, &o.FamilyNames, &o.Rank, &o.PINHash, &o.Active, &o.Commander)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "officer.not_on_roster", badge)
	}
	return &o, err
}

// CreateSession starts a session for an officer (by the hash of its token).
func (s *Store) CreateSession(ctx context.Context, tokenHash, badge string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, badge, created_at, last_seen) VALUES (?, ?, ?, ?)`, tokenHash, badge, now, now)
		return err
	})
}

// TouchSession returns the officer of a session that has been active within idle, and records the
// activity. An idle or unknown session is deleted and gives an Unauthorized error.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, idle time.Duration) (*Officer, error) {
	var badge, last string
	err := s.db.Read.QueryRowContext(ctx, `SELECT badge, last_seen FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&badge, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.Unauthorized, "err.session_ended")
	}
	if err != nil {
		return nil, err
	}
	if s.Now().Sub(parseTime(last)) > idle {
		if err := s.DeleteSession(ctx, tokenHash); err != nil {
			return nil, err
		}
		return nil, courses.E(courses.Unauthorized, "err.session_idle")
	}
	// Record activity at most every 30 seconds: a page view need not cost a disk write.
	if s.Now().Sub(parseTime(last)) > 30*time.Second {
		if err := s.tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`, s.stamp(), tokenHash)
			return err
		}); err != nil {
			return nil, err
		}
	}
	o, err := s.FindOfficer(ctx, badge)
	if err != nil || !o.Active {
		return nil, courses.E(courses.Unauthorized, "err.session_ended")
	}
	return o, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}
