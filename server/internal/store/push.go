package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/protocol"
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
	// Workshop is a workshop fact (Kind says which: protocol.KindWorkshopAttendance, ...).
	Workshop *protocol.WorkshopFact
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
	ClockOffset         *int64 // node minus center, seconds, when the push gave the node's time
	Items               []byte // the center's score question by question (courses/analysis EncodeItems)
}

// IncomingRead is a pushed lesson reading.
type IncomingRead struct {
	Badge, CourseID, LessonID string
	At                        time.Time // node clock
	Seconds                   *int64    // reading time the node measured (nil: not measured)
}

// SyncInfo is what a node reports about itself in a push.
type SyncInfo struct {
	Protocol    int // the sync protocol version of the push
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

// PushResult is what a push did.
type PushResult struct {
	Acked    int64       // the highest contiguous sequence applied
	Rejected []Rejection // records this push newly set aside
	PushCounts
}

// PushCounts counts what a push really did with its records, for the operator's summary.
type PushCounts struct {
	Applied         int // records written now
	AlreadyApplied  int // records the center already held (sent again)
	SetAside        int // records newly set aside for an administrator
	AlreadySetAside int // records set aside before (sent again)
}

// ApplyPush applies a push that carries no request counter to check (a USB file, tests): see
// ApplyNodePush.
func (s *Store) ApplyPush(ctx context.Context, nodeID string, records iter.Seq[Incoming], info func() (SyncInfo, error)) (int64, []Rejection, error) {
	res, err := s.ApplyNodePush(ctx, nodeID, NoCheck, records, info)
	return res.Acked, res.Rejected, err
}

// ApplyNodePush applies a node's records in one transaction, exactly once: records are applied
// while their sequence is contiguous after the node's acknowledged sequence, and the new highest
// contiguous sequence is returned. A record at or below the acknowledged sequence is checked all
// the same (a node restored from an older copy of its store reuses sequences for new records):
// applied by its id if it is new, set aside if it must be, and changes nothing if it is the same
// record again. A record the node may not write (an officer never posted at its station, an
// attempt id already used by another node) is kept in sync_rejects and acknowledged, never
// dropped silently.
//
// counter is the request's anti-replay counter, checked and recorded in the same transaction: a
// replayed push changes nothing (StaleCounterError).
//
// records yields the batch in sequence order; the caller may still be decoding and preparing
// later records while earlier ones are written (they overlap on separate cores). info is called
// once after the records (not at all when the push fails before them): it returns what the node
// reports about itself, or an error that undoes the whole push (a message found malformed after
// its first records were written).
func (s *Store) ApplyNodePush(ctx context.Context, nodeID string, counter Counter, records iter.Seq[Incoming], info func() (SyncInfo, error)) (PushResult, error) {
	res := s.grouped(func(tx *sql.Tx, ps *pushStmts) writeRes { return s.applyPush(tx, ps, nodeID, counter, records, info) })
	return res.push, res.err
}

// applyPush applies one node's push inside the group's transaction.
func (s *Store) applyPush(tx *sql.Tx, ps *pushStmts, nodeID string, counter Counter, records iter.Seq[Incoming], info func() (SyncInfo, error)) writeRes {
	var out PushResult
	err := func() error {
		if err := ps.prepare(); err != nil {
			return err
		}
		clear(ps.officers)
		clear(ps.passed)
		var stationID int64
		var revoked sql.NullString
		var highest sql.NullInt64
		if err := tx.QueryRow(`SELECT station_id, acked_seq, revoked_at, request_counter FROM nodes WHERE id = ?`+s.db.forUpdate(), nodeID).
			Scan(&stationID, &out.Acked, &revoked, &highest); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return courses.E(courses.Unauthorized, "node.unknown", nodeID)
			}
			return err
		}
		if revoked.Valid {
			return courses.E(courses.Forbidden, "node.revoked", revoked.String)
		}
		if err := takeCounter(tx, nodeID, counter, highest); err != nil {
			return err
		}
		now := s.stamp()
		applied := 0
		for r := range records {
			repeat := r.Seq <= out.Acked
			if !repeat && r.Seq != out.Acked+1 {
				break // a gap: wait for the missing record
			}
			reason, isNew, err := ps.record(nodeID, stationID, r, now, repeat)
			if err != nil {
				return err
			}
			out.count(r.Seq, reason, isNew)
			if !repeat {
				out.Acked = r.Seq
				applied++
			}
		}
		if err := s.markOfficers(tx, ps.passed); err != nil {
			return err
		}
		info, err := info()
		if err != nil {
			return err
		}
		offset := int64(info.NodeTime.Sub(s.now()).Seconds())
		pending := max(0, info.Pending-applied)
		if _, err := tx.Exec(`UPDATE nodes SET acked_seq = ?, cursor = ?, node_version = ?, last_sync_at = ?, clock_offset_s = ?, pending = ?, protocol = ? WHERE id = ?`,
			out.Acked, info.Cursor, info.NodeVersion, now, offset, pending, info.Protocol, nodeID); err != nil {
			return err
		}
		if _, err = tx.Exec(`UPDATE stations SET last_sync_at = ?, node_version = ?, pending = ?, clock_offset_s = ? WHERE id = ?`,
			now, info.NodeVersion, pending, offset, stationID); err != nil {
			return err
		}
		if out.Applied+out.SetAside == 0 {
			return nil // nothing written: a round with nothing new is not an entry
		}
		return audit(tx, now, "node:"+nodeID, "sync.apply", "node:"+nodeID,
			fmt.Sprintf("records up to %d: %d applied, %d set aside", out.Acked, out.Applied, out.SetAside))
	}()
	return writeRes{push: out, err: err}
}

// markOfficers marks officers for the compliance counts (migration 0029), in one statement: what
// the triggers do for every other change, a push does for its passed attempts (a trigger per
// attempt cost a third more CPU per push). SQLite's single writer needs the mark once; on
// PostgreSQL its n grows, so that a refresh under way keeps it (compliancetally.go).
func (s *Store) markOfficers(tx *sql.Tx, officers map[int64]bool) error {
	if len(officers) == 0 {
		return nil
	}
	args := make([]any, 0, len(officers))
	for id := range officers {
		args = append(args, id)
	}
	q := `INSERT INTO compliance_marks (officer_id, n) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, 1), ", len(args)), ", ")
	if s.db.pg {
		q += ` ON CONFLICT (officer_id) DO UPDATE SET n = compliance_marks.n + 1`
	} else {
		q += ` ON CONFLICT (officer_id) DO NOTHING`
	}
	_, err := tx.Exec(q, args...)
	return err
}

// count notes what happened to one record.
func (r *PushResult) count(seq int64, reason string, isNew bool) {
	switch {
	case reason != "" && isNew:
		r.SetAside++
		r.Rejected = append(r.Rejected, Rejection{seq, reason})
	case reason != "":
		r.AlreadySetAside++
	case isNew:
		r.Applied++
	default:
		r.AlreadyApplied++
	}
}

// maxReason bounds the reason kept with a record set aside.
const maxReason = 240

// record applies one record or sets it aside, and says whether that changed anything: a record
// sent again (at or below the acknowledged sequence) is new only if the store had to write it.
func (ps *pushStmts) record(nodeID string, stationID int64, r Incoming, now string, repeat bool) (reason string, isNew bool, err error) {
	var before int64
	if repeat {
		if err := ps.changes.QueryRow().Scan(&before); err != nil {
			return "", false, err
		}
	}
	reason = r.Reject
	if reason == "" {
		if reason, err = ps.apply(nodeID, stationID, r, now); err != nil {
			return "", false, err
		}
	}
	if reason != "" {
		if len(reason) > maxReason {
			reason = strings.ToValidUTF8(reason[:maxReason], "") + "…" // an oversized id is not repeated in full
		}
		payload := r.Payload()
		res, err := ps.reject.Exec(nodeID, r.Seq, r.Kind, reason, payload, now)
		if err != nil {
			return "", false, err
		}
		n, err := res.RowsAffected()
		return reason, n > 0, err
	}
	if !repeat {
		return "", true, nil
	}
	var after int64
	err = ps.changes.QueryRow().Scan(&after)
	return "", after != before, err
}

// pushStmts are the statements of ApplyPush, prepared once per group transaction, on first use: a
// push of 1,000 records would otherwise parse the same SQL thousands of times, and a group of small
// pushes shares them.
type pushStmts struct {
	tx                                   *sql.Tx
	rowsWritten                          string // the dialect's query for rows written so far
	ready                                bool
	officer, attempt, read, reject, cert *sql.Stmt
	attemptNode, certNode, changes       *sql.Stmt
	officers                             map[string]int64 // badge -> officer id (0: not posted here), per push
	passed                               map[int64]bool   // officers with a new passed attempt, per push
	newAttempts                          bool             // an attempt was written: cached analyses are stale once committed
}

func (ps *pushStmts) prepare() error {
	if ps.ready {
		return nil
	}
	ps.officers, ps.passed = map[string]int64{}, map[int64]bool{}
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
		node_id, node_seq, secret, responses, started_at, timed_out, node_score, score_mismatch, clock_offset_s, items)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
	ps.read = prep(`INSERT INTO lessons_read (officer_id, course_id, lesson_id, station_id, read_at, node_id, node_seq, received_at, seconds)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	// The same record set aside again is kept once; a different record under the same sequence
	// (a node restored from an older copy) is kept too.
	ps.reject = prep(`INSERT INTO sync_rejects (node_id, seq, kind, reason, payload, received_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6
		WHERE NOT EXISTS (SELECT 1 FROM sync_rejects WHERE node_id = ?1 AND seq = ?2 AND payload = ?5)`)
	ps.cert = prep(certInsert)
	ps.attemptNode = prep(`SELECT coalesce(node_id, '') FROM attempts WHERE id = ?`)
	ps.certNode = prep(`SELECT coalesce(node_id, '') FROM certificates WHERE id = ?`)
	ps.changes = prep(ps.rowsWritten) // rows written so far
	ps.ready = err == nil
	return err
}

func (ps *pushStmts) close() {
	for _, st := range []*sql.Stmt{ps.officer, ps.attempt, ps.read, ps.reject, ps.cert, ps.attemptNode, ps.certNode, ps.changes} {
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
	case r.Workshop != nil:
		return ps.applyWorkshopFact(nodeID, stationID, r.Kind, r.Workshop, now)
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
			nodeID, r.Seq, a.Secret, a.Responses, a.Started.UTC().Format(time.RFC3339), a.TimedOut, a.NodeScore, a.Mismatch, a.ClockOffset, a.Items)
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			ps.newAttempts = true
			if a.Passed {
				ps.passed[officerID] = true
			}
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
	_, err := ps.read.Exec(officerID, rd.CourseID, rd.LessonID, stationID, rd.At.UTC().Format(time.RFC3339), nodeID, r.Seq, now, rd.Seconds)
	return "", err
}

// SyncReject is a record set aside during sync, for the administrators' queue.
type SyncReject struct {
	NodeID, Kind, Reason, Payload string
	Station                       string // the code of the node's station ("" for an unknown node)
	Seq                           int64
	ReceivedAt                    time.Time
}

// ListSyncRejects returns the records set aside that hold every word of query (node, kind,
// reason or data, in any case), newest first: the page p (Limit 0: 500).
func (s *Store) ListSyncRejects(ctx context.Context, query string, p Paging) ([]SyncReject, error) {
	return s.ListSyncRejectsOf(ctx, "", query, p)
}

// ListSyncRejectsOf is ListSyncRejects limited to the nodes of an agency's stations (by code; ""
// every node).
func (s *Store) ListSyncRejectsOf(ctx context.Context, agency, query string, p Paging) ([]SyncReject, error) {
	if p.Limit == 0 {
		p.Limit = 500
	} else if p.Limit < 0 {
		p.Limit = noLimit
	}
	cond, args := rejectsWhere(agency, query)
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero SyncReject, err error) {
		var r SyncReject
		var at string
		if err := rows.Scan(&r.NodeID, &r.Station, &r.Seq, &r.Kind, &r.Reason, &r.Payload, &at); err != nil {
			return zero, err
		}
		r.ReceivedAt = parseTime(at)
		return r, nil
	}, `SELECT r.node_id, coalesce((SELECT st.code FROM nodes n JOIN stations st ON st.id = n.station_id WHERE n.id = r.node_id), ''),
		r.seq, r.kind, r.reason, r.payload, r.received_at FROM sync_rejects r WHERE `+cond+` ORDER BY r.id DESC`+pageSQL(p.Limit, p.Offset), args...)
}

// rejectsWhere matches a folded query against a reject's text. SQLite's lower() folds ASCII
// only: badges, node ids and kinds are ASCII, a reason's accented words match typed as stored.
// An agency limits it to the nodes of that agency's stations.
func rejectsWhere(agency, query string) (string, []any) {
	cond, args := likeWords(`lower(r.node_id || ' ' || r.kind || ' ' || r.reason || ' ' || r.payload)`, query)
	return `(? = '' OR r.node_id IN (SELECT n.id FROM nodes n JOIN stations s ON s.id = n.station_id WHERE ` + agencyCond + `)) AND ` + cond,
		append([]any{agency, agency, agency}, args...)
}

// CountSyncRejects returns how many records set aside hold every word of query.
func (s *Store) CountSyncRejects(ctx context.Context, query string) (int, error) {
	return s.CountSyncRejectsOf(ctx, "", query)
}

// CountSyncRejectsOf is CountSyncRejects limited to an agency's stations' nodes ("" every node).
func (s *Store) CountSyncRejectsOf(ctx context.Context, agency, query string) (int, error) {
	cond, args := rejectsWhere(agency, query)
	return s.count(ctx, `SELECT count(*) FROM sync_rejects r WHERE `+cond, args...)
}

// CountAttempts returns how many attempts the center holds (for tests and benchmarks).
func (s *Store) CountAttempts(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM attempts`).Scan(&n)
	return n, err
}
