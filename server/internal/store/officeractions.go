package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// ChangeUnlock is the change-feed kind that clears an officer's PIN lockout at a station (ref:
// the badge); the lockout lives on the station's node, which takes it at its next sync.
const ChangeUnlock = "unlock"

// officerIn reads the id, station id, station code and whether the officer is active, for an
// action on the officer inside tx; NotFound when there is no such badge.
func officerIn(tx *sql.Tx, badge string) (id, stationID int64, code string, active bool, err error) {
	err = tx.QueryRow(`SELECT o.id, o.station_id, s.code, o.active FROM officers o JOIN stations s ON s.id = o.station_id
		WHERE o.badge = ?`, badge).Scan(&id, &stationID, &code, &active)
	if errors.Is(err, sql.ErrNoRows) {
		err = courses.E(courses.NotFound, "officer.unknown", badge)
	}
	return id, stationID, code, active, err
}

// ResetPIN replaces an officer's PIN (its argon2id hash and keyed check) and clears the
// officer's lockout: both reach the station's node at its next sync (a roster change and an
// unlock change). The audit entry names the officer, never the PIN.
func (s *Store) ResetPIN(ctx context.Context, badge, pinHash, pinCheck, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		id, sid, code, _, err := officerIn(tx, badge)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE officers SET pin_hash = ?, pin_check = ?, updated_at = ? WHERE id = ?`, pinHash, pinCheck, now, id); err != nil {
			return err
		}
		if err := s.rosterChanged(tx, sid, now); err != nil {
			return err
		}
		if err := addChange(tx, &sid, ChangeUnlock, badge, now); err != nil {
			return err
		}
		return auditOn(tx, now, actor, "officer.reset_pin", badge, code)
	})
}

// UnlockOfficer clears an officer's PIN lockout at the station's node at its next sync.
func (s *Store) UnlockOfficer(ctx context.Context, badge, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		_, sid, code, _, err := officerIn(tx, badge)
		if err != nil {
			return err
		}
		if err := addChange(tx, &sid, ChangeUnlock, badge, now); err != nil {
			return err
		}
		return auditOn(tx, now, actor, "officer.unlock", badge, code)
	})
}

// SetOfficerActive deactivates an officer (active false: left out of every roster, so no node
// lets the officer log in after its next sync; results and certificates stay) or activates the
// officer again. Setting the state the officer is already in is a Conflict.
func (s *Store) SetOfficerActive(ctx context.Context, badge string, active bool, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		id, sid, code, was, err := officerIn(tx, badge)
		if err != nil {
			return err
		}
		action, already := "officer.deactivate", "officer.deactivate_already"
		if active {
			action, already = "officer.activate", "officer.activate_already"
		}
		if was == active {
			return courses.E(courses.Conflict, already, badge)
		}
		if _, err := tx.Exec(`UPDATE officers SET active = ?, updated_at = ? WHERE id = ?`, active, now, id); err != nil {
			return err
		}
		if err := s.rosterChanged(tx, sid, now); err != nil {
			return err
		}
		return auditOn(tx, now, actor, action, badge, code)
	})
}

// MoveOfficer posts an officer to another station: a new posting (the history stays) and a
// roster change for both stations. Moving an officer to the station they are at is a Conflict.
func (s *Store) MoveOfficer(ctx context.Context, badge, stationCode, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		id, from, code, _, err := officerIn(tx, badge)
		if err != nil {
			return err
		}
		var to int64
		err = tx.QueryRow(`SELECT id FROM stations WHERE code = ?`, stationCode).Scan(&to)
		if errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.NotFound, "station.unknown", stationCode)
		}
		if err != nil {
			return err
		}
		if to == from {
			return courses.E(courses.Conflict, "officer.move_same", badge, stationCode)
		}
		if _, err := tx.Exec(`UPDATE officers SET station_id = ?, updated_at = ? WHERE id = ?`, to, now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO officer_postings (officer_id, station_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, to, now); err != nil {
			return err
		}
		for _, sid := range []int64{from, to} {
			if err := s.rosterChanged(tx, sid, now); err != nil {
				return err
			}
		}
		return auditOn(tx, now, actor, "officer.move", badge, code+" → "+stationCode)
	})
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At                    time.Time
	Actor, Action, Detail string
}

// OfficerAudit returns the audit entries about an officer, newest first (at most 100).
func (s *Store) OfficerAudit(ctx context.Context, badge string) ([]AuditEntry, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero AuditEntry, err error) {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return zero, err
		}
		e.At = parseTime(at)
		return e, nil
	}, `SELECT at, actor, action, detail FROM audit WHERE subject = ? ORDER BY id DESC LIMIT 100`, badge)
}
