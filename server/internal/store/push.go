package store

import (
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"time"

	"aula/courses"
)

// Incoming is a record pushed by a node, after the syncer decoded and re-scored it.
type Incoming struct {
	Seq     int64
	Kind    string
	Payload func() string // the record as received, kept with a rejection (made only then)
	Reject  string        // non-empty: set aside for an administrator with this reason
	Attempt *IncomingAttempt
	Read    *IncomingRead
	Cert    *NewCertificate // verified by the syncer
}

// IncomingAttempt is a pushed attempt with the center's own score.
type IncomingAttempt struct {
	ID, Badge, CourseID string
	Version             int
	Secret, Responses   string
	Started, Submitted  time.Time // node clock
	TimedOut            bool
	NodeScore, Score    float64
	Passed, Mismatch    bool
}

// IncomingRead is a pushed lesson reading.
type IncomingRead struct {
	Badge, CourseID, LessonID string
	At                        time.Time // node clock
}

// SyncInfo is what a node reports about itself in a push.
type SyncInfo struct {
	NodeVersion string
	NodeTime    time.Time
	Pending     int
	Cursor      int64
}

// Rejection is a record set aside during a push.
type Rejection struct {
	Seq    int64
	Reason string
}

// ApplyPush applies a node's records in one transaction, exactly once: records up to the node's
// acknowledged sequence are skipped, the rest are applied while their sequence is contiguous, and
// the new highest contiguous sequence is returned. A record the node may not write (an officer
// never posted at its station, an attempt id already used by another node) is kept in
// sync_rejects and acknowledged, never dropped silently.
//
// records yields the batch in sequence order; the caller may still be decoding and preparing
// later records while earlier ones are written (they overlap on separate cores). info is called
// once after the records (not at all when the push fails before them): it returns what the node
// reports about itself, or an error that undoes the whole push (a message found malformed after
// its first records were written).
func (s *Store) ApplyPush(nodeID string, records iter.Seq[Incoming], info func() (SyncInfo, error)) (int64, []Rejection, error) {
	res := s.grouped(func(tx *sql.Tx, ps *pushStmts) writeRes { return s.applyPush(tx, ps, nodeID, records, info) })
	return res.acked, res.rejected, res.err
}

// applyPush applies one node's push inside the group's transaction.
func (s *Store) applyPush(tx *sql.Tx, ps *pushStmts, nodeID string, records iter.Seq[Incoming], info func() (SyncInfo, error)) writeRes {
	var acked int64
	var rejected []Rejection
	err := func() error {
		if err := ps.prepare(); err != nil {
			return err
		}
		clear(ps.officers)
		var stationID int64
		var revoked sql.NullString
		if err := tx.QueryRow(`SELECT station_id, acked_seq, revoked_at FROM nodes WHERE id = ?`, nodeID).Scan(&stationID, &acked, &revoked); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return courses.Errorf(courses.Unauthorized, "unknown node %q", nodeID)
			}
			return err
		}
		if revoked.Valid {
			return courses.Errorf(courses.Forbidden, "this node was revoked on %s: enroll it again", revoked.String)
		}
		now := s.stamp()
		applied := 0
		for r := range records {
			repeat := r.Seq <= acked
			if !repeat && r.Seq != acked+1 {
				break // a gap: wait for the missing record
			}
			// A record at or below the acknowledged sequence is applied again by its id, which
			// changes nothing when it is the same record; it matters when a node's store was
			// restored from an older copy and reused sequence numbers for new records.
			reason := r.Reject
			if reason == "" {
				var err error
				reason, err = ps.apply(nodeID, stationID, r, now)
				if err != nil {
					return err
				}
			}
			if repeat {
				continue
			}
			if reason != "" {
				if _, err := ps.reject.Exec(nodeID, r.Seq, r.Kind, reason, r.Payload(), now); err != nil {
					return err
				}
				rejected = append(rejected, Rejection{r.Seq, reason})
			}
			acked = r.Seq
			applied++
		}
		info, err := info()
		if err != nil {
			return err
		}
		offset := int64(info.NodeTime.Sub(s.now()).Seconds())
		pending := max(0, info.Pending-applied)
		if _, err := tx.Exec(`UPDATE nodes SET acked_seq = ?, cursor = ?, node_version = ?, last_sync_at = ?, clock_offset_s = ?, pending = ? WHERE id = ?`,
			acked, info.Cursor, info.NodeVersion, now, offset, pending, nodeID); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE stations SET last_sync_at = ?, node_version = ?, pending = ?, clock_offset_s = ? WHERE id = ?`,
			now, info.NodeVersion, pending, offset, stationID)
		return err
	}()
	return writeRes{acked, rejected, err}
}

// pushStmts are the statements of ApplyPush, prepared once per group transaction, on first use: a
// push of 1,000 records would otherwise parse the same SQL thousands of times, and a group of small
// pushes shares them.
type pushStmts struct {
	tx                                   *sql.Tx
	ready                                bool
	officer, attempt, read, reject, cert *sql.Stmt
	attemptNode, certNode                *sql.Stmt
	officers                             map[string]int64 // badge -> officer id (0: not posted here), per push
}

func (ps *pushStmts) prepare() error {
	if ps.ready {
		return nil
	}
	ps.officers = map[string]int64{}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = ps.tx.Prepare(q)
		return st
	}
	ps.officer = prep(`SELECT o.id FROM officers o WHERE o.badge = ? AND EXISTS
		(SELECT 1 FROM officer_postings p WHERE p.officer_id = o.id AND p.station_id = ?)`)
	ps.attempt = prep(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at,
		node_id, node_seq, secret, responses, started_at, timed_out, node_score, score_mismatch)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
	ps.read = prep(`INSERT OR IGNORE INTO lessons_read (officer_id, course_id, lesson_id, station_id, read_at) VALUES (?, ?, ?, ?, ?)`)
	ps.reject = prep(`INSERT OR IGNORE INTO sync_rejects (node_id, seq, kind, reason, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)`)
	ps.cert = prep(certInsert)
	ps.attemptNode = prep(`SELECT coalesce(node_id, '') FROM attempts WHERE id = ?`)
	ps.certNode = prep(`SELECT coalesce(node_id, '') FROM certificates WHERE id = ?`)
	ps.ready = err == nil
	return err
}

func (ps *pushStmts) close() {
	for _, st := range []*sql.Stmt{ps.officer, ps.attempt, ps.read, ps.reject, ps.cert, ps.attemptNode, ps.certNode} {
		if st != nil {
			st.Close()
		}
	}
}

// attemptFrom returns the node an attempt came from, if the center has it.
func (ps *pushStmts) attemptFrom(id string) (string, bool) {
	var node string
	return node, ps.attemptNode.QueryRow(id).Scan(&node) == nil
}

// certFrom returns the node a certificate came from, if the center has it.
func (ps *pushStmts) certFrom(id string) (string, bool) {
	var node string
	return node, ps.certNode.QueryRow(id).Scan(&node) == nil
}

// apply writes one record, or returns why it must be set aside.
func (ps *pushStmts) apply(nodeID string, stationID int64, r Incoming, now string) (string, error) {
	badge := ""
	switch {
	case r.Attempt != nil:
		badge = r.Attempt.Badge
	case r.Read != nil:
		badge = r.Read.Badge
	case r.Cert != nil:
		badge = r.Cert.Claims.Badge
	default:
		return fmt.Sprintf("unknown record kind %q", r.Kind), nil
	}
	officerID, known := ps.officers[badge]
	if !known {
		err := ps.officer.QueryRow(badge, stationID).Scan(&officerID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
		ps.officers[badge] = officerID
	}
	if officerID == 0 {
		return fmt.Sprintf("officer %s has never been on this station's roster", badge), nil
	}
	if a := r.Attempt; a != nil {
		// Insert first: a new attempt, the common case, costs one statement; only a conflict
		// asks where the stored copy came from.
		res, err := ps.attempt.Exec(a.ID, officerID, stationID, a.CourseID, a.Version, a.Score, a.Passed, a.Submitted.UTC().Format(time.RFC3339), now,
			nodeID, r.Seq, a.Secret, a.Responses, a.Started.UTC().Format(time.RFC3339), a.TimedOut, a.NodeScore, a.Mismatch)
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return "", nil
		}
		if from, known := ps.attemptFrom(a.ID); known && from != nodeID {
			return fmt.Sprintf("attempt %s was already received from node %s", a.ID, from), nil
		}
		return "", nil // the same attempt again: already applied
	}
	if r.Cert != nil {
		return ps.applyStationCert(nodeID, stationID, officerID, r.Cert, now)
	}
	rd := r.Read
	_, err := ps.read.Exec(officerID, rd.CourseID, rd.LessonID, stationID, rd.At.UTC().Format(time.RFC3339))
	return "", err
}

// SyncReject is a record set aside during sync, for the administrators' queue.
type SyncReject struct {
	NodeID, Kind, Reason, Payload string
	Seq                           int64
	ReceivedAt                    time.Time
}

// ListSyncRejects returns the records set aside, newest first.
func (s *Store) ListSyncRejects() ([]SyncReject, error) {
	rows, err := s.db.Read.Query(`SELECT node_id, seq, kind, reason, payload, received_at FROM sync_rejects ORDER BY id DESC LIMIT 500`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SyncReject
	for rows.Next() {
		var r SyncReject
		var at string
		if err := rows.Scan(&r.NodeID, &r.Seq, &r.Kind, &r.Reason, &r.Payload, &at); err != nil {
			return nil, err
		}
		r.ReceivedAt = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountAttempts returns how many attempts the center holds (for tests and benchmarks).
func (s *Store) CountAttempts() (int, error) {
	var n int
	err := s.db.Read.QueryRow(`SELECT count(*) FROM attempts`).Scan(&n)
	return n, err
}
