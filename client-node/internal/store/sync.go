package store

import (
	"aula/sync/auditchain"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"aula/internal/sqlitedb"
	"aula/sync/protocol"
)

// Meta keys of sync state.
const (
	MetaNodeID      = "node_id"
	MetaStationCode = "station_code"
	MetaStationName = "station_name"
	MetaCenterURL   = "center_url"
	MetaCenterKey   = "center_public_key" // base64; pinned at enrollment
	MetaEndorsement = "endorsement"
	MetaEndorseSig  = "endorsement_signature"
	MetaPublicURL   = "public_url"
	MetaAcked       = "acked_seq"
	MetaExported    = "exported_up_to" // highest sequence written into a USB sync file
	MetaCursor      = "cursor"
	MetaLastSuccess = "last_success"
	MetaLastError   = "last_error"
	MetaClockOffset = "clock_offset_s"
	MetaCounter     = "request_counter" // the last counter a signed request carried (docs/sync.md, "Replay")
	// MetaCursorProtocol is "V:C": the cursor C was reached in sync protocol version V (docs/sync.md,
	// "Rolling upgrades"). A cursor other than C was moved by an older program: version 1.
	MetaCursorProtocol = "cursor_protocol"
	// MetaUpgrade is which program the center said to upgrade ("center" or "node") at the last
	// sync, until a sync succeeds.
	MetaUpgrade = "upgrade_needed"
)

// SetMetas writes several settings in one transaction: the node's enrollment is saved whole or
// not at all.
func (s *Store) SetMetas(ctx context.Context, values map[string]string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for k, v := range values {
			if err := setMeta(tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// NextCounter returns a request counter larger than every one used before, stored before the
// request goes out: a request sent and then lost to a crash never has its counter reused.
func (s *Store) NextCounter(ctx context.Context) (int64, error) {
	var next int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		v, err := metaIn(tx, MetaCounter)
		if err != nil {
			return err
		}
		last, _ := strconv.ParseInt(v, 10, 64)
		next = last + 1
		return setMeta(tx, MetaCounter, strconv.FormatInt(next, 10))
	})
	return next, err
}

// RaiseCounter makes the next request counter larger than seen: the center has seen counters up
// to it (this store was restored from an older copy, or another process of this node got ahead).
func (s *Store) RaiseCounter(ctx context.Context, seen int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		v, err := metaIn(tx, MetaCounter)
		if err != nil {
			return err
		}
		if last, _ := strconv.ParseInt(v, 10, 64); last >= seen {
			return nil
		}
		return setMeta(tx, MetaCounter, strconv.FormatInt(seen, 10))
	})
}

// OutboxRecord is a record waiting for the center.
type OutboxRecord struct {
	Seq     int64
	Kind    string
	Payload []byte
}

// Unacked returns outbox records after the acknowledged sequence, in order, at most maxRecords
// and about maxBytes of payload (at least one record).
func (s *Store) Unacked(ctx context.Context, maxRecords, maxBytes int) ([]OutboxRecord, int, error) {
	acked, err := s.MetaInt(ctx, MetaAcked)
	if err != nil {
		return nil, 0, err
	}
	var pending int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE seq > ?`, acked).Scan(&pending); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT seq, kind, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`, acked, maxRecords)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []OutboxRecord
	size := 0
	for rows.Next() {
		var r OutboxRecord
		if err := rows.Scan(&r.Seq, &r.Kind, &r.Payload); err != nil {
			return nil, 0, err
		}
		if len(out) > 0 && size+len(r.Payload) > maxBytes {
			break
		}
		size += len(r.Payload)
		out = append(out, r)
	}
	return out, pending, rows.Err()
}

// MetaInt returns an integer setting (0 when unset).
func (s *Store) MetaInt(ctx context.Context, key string) (int64, error) {
	v, err := s.Meta(ctx, key)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// PutBlob stores a course file after checking it against its SHA-256.
func (s *Store) PutBlob(ctx context.Context, sha string, data []byte) error {
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		return fmt.Errorf("file %s does not match its hash", sha)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)`, sha, len(data), data)
		return err
	})
}

// BlobHashes returns the SHA-256 of every course file the node holds.
func (s *Store) BlobHashes(ctx context.Context) ([]string, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero string, err error) {
		var h string
		if err := rows.Scan(&h); err != nil {
			return zero, err
		}
		return h, nil
	}, `SELECT sha256 FROM blobs ORDER BY sha256`)
}

// PulledCourse is a course version to install, its manifest already verified.
type PulledCourse struct {
	Manifest *protocol.Manifest
	Raw, Sig []byte
}

// PulledReply is what a center reply changes on the node, applied in one transaction.
type PulledReply struct {
	Acked       int64
	Cursor      int64
	CenterTime  time.Time
	Roster      []Officer // nil: unchanged
	Courses     []PulledCourse
	Revocations []protocol.RevokedCert
	Certs       []Certificate // issued or countersigned by the center, tokens verified
	// NodeRevocations are nodes the center revoked; Rejected the records it set aside.
	NodeRevocations []protocol.RevokedCert
	Rejected        []protocol.Rejected
	// Unlocks are badges whose PIN lockout the center cleared (applied after the roster).
	Unlocks []string
	// Programme is the last requirements change of the reply (nil: unchanged), applied whole.
	Programme *protocol.Programme
	// Workshops are the station's workshops as the center holds them now, in change order.
	Workshops []protocol.Workshop
	Restarted bool // the center restarted its change feed: take its cursor as is
	// AuditHead is the center's signed audit head (signature checked), kept for good; nil: none.
	AuditHead *auditchain.Head
	// Protocol is the reply's protocol version: a reply in a version newer than the one the
	// node's cursor was reached in starts from where the center read the feed again (its cursor
	// is taken as is).
	Protocol int
	// EventsAcked is the seq of the last node event the center holds (version 6; 0: none said).
	EventsAcked int64
}

// ApplyReply records the center's acknowledgement and applies the changes with the new pull
// cursor, all in one transaction: after a crash the node has either all of a reply or none of it,
// and a reply applied twice changes nothing. Every file of the courses must already be stored
// (PutBlob). The acknowledged sequence follows the center, even downwards: if the center lost
// records (restored from an old backup), the node sends them again.
func (s *Store) ApplyReply(ctx context.Context, r PulledReply) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		if err := setMeta(tx, MetaAcked, strconv.FormatInt(r.Acked, 10)); err != nil {
			return err
		}
		if err := setEventsAcked(tx, r.EventsAcked); err != nil {
			return err
		}
		if err := keepHead(tx, r.AuditHead, now.Format(time.RFC3339)); err != nil {
			return err
		}
		if r.Roster != nil {
			if err := replaceRoster(tx, r.Roster); err != nil {
				return err
			}
		}
		if r.Programme != nil {
			if err := applyProgramme(tx, r.Programme); err != nil {
				return err
			}
		}
		if err := applyWorkshops(tx, r.Workshops); err != nil {
			return err
		}
		for _, c := range r.Courses {
			if err := installVersion(tx, c.Manifest, c.Raw, c.Sig, nil, s.stamp()); err != nil {
				return err
			}
		}
		for _, rv := range r.Revocations {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO revocations (certificate_id, revoked_at, reason) VALUES (?, ?, ?)`,
				rv.ID, time.Unix(rv.RevokedAt, 0).UTC().Format(time.RFC3339), rv.Reason); err != nil {
				return err
			}
		}
		for i := range r.Certs {
			if err := storeCenterCertificate(tx, &r.Certs[i]); err != nil {
				return err
			}
		}
		for _, rv := range r.NodeRevocations {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO revoked_nodes (node_id, revoked_at) VALUES (?, ?)`,
				rv.ID, time.Unix(rv.RevokedAt, 0).UTC().Format(time.RFC3339)); err != nil {
				return err
			}
		}
		for _, badge := range r.Unlocks {
			// The same clearing as aula-node unlock: the officer starts a fresh count of tries.
			if _, err := tx.Exec(`UPDATE login_failures SET failures = 0, locked_until = NULL WHERE badge = ?`, badge); err != nil {
				return err
			}
		}
		for _, rj := range r.Rejected {
			// A certificate this node issued that the center set aside is not valid here either.
			if _, err := tx.Exec(`UPDATE certificates SET refused = ? WHERE origin = 'node' AND id =
				(SELECT record_id FROM outbox WHERE seq = ? AND kind = ?)`, rj.Reason, rj.Seq, protocol.KindCert); err != nil {
				return err
			}
		}
		var cursor int64
		if v, err := metaIn(tx, MetaCursor); err == nil && v != "" {
			cursor, _ = strconv.ParseInt(v, 10, 64)
		}
		reached, err := cursorProtocol(tx, cursor)
		if err != nil {
			return err
		}
		// The cursor only moves forward, except when the center sends everything again from the
		// start (it was restored from an older backup and its change feed restarted) or reads it
		// again for a newer protocol version than the cursor was reached in.
		if r.Cursor > cursor || r.Restarted || r.Protocol > reached {
			cursor = r.Cursor
			if err := setMeta(tx, MetaCursor, strconv.FormatInt(r.Cursor, 10)); err != nil {
				return err
			}
		}
		if err := setMeta(tx, MetaCursorProtocol, fmt.Sprintf("%d:%d", max(reached, r.Protocol), cursor)); err != nil {
			return err
		}
		if err := setMeta(tx, MetaUpgrade, ""); err != nil {
			return err
		}
		if err := setMeta(tx, MetaLastSuccess, now.Format(time.RFC3339)); err != nil {
			return err
		}
		if err := setMeta(tx, MetaLastError, ""); err != nil {
			return err
		}
		if err := setMeta(tx, MetaSyncedAt, r.CenterTime.UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return setMeta(tx, MetaClockOffset, strconv.FormatInt(int64(now.Sub(r.CenterTime).Seconds()), 10))
	})
}

func metaIn(tx *sql.Tx, key string) (string, error) {
	var v string
	err := tx.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// Revoked returns the revocation of a certificate, if the center sent one.
func (s *Store) Revoked(ctx context.Context, id string) (time.Time, string, bool, error) {
	var at, reason string
	err := s.db.Read.QueryRowContext(ctx, `SELECT revoked_at, reason FROM revocations WHERE certificate_id = ?`, id).Scan(&at, &reason)
	if err == sql.ErrNoRows {
		return time.Time{}, "", false, nil
	}
	return parseTime(at), reason, err == nil, err
}
