package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// addChange appends to the change feed that nodes pull from (stationID nil: every station).
func addChange(tx *sql.Tx, stationID *int64, kind, ref, now string) error {
	_, err := tx.Exec(`INSERT INTO changes (station_id, kind, ref, created_at) VALUES (?, ?, ?, ?)`, stationID, kind, ref, now)
	return err
}

// Node is an enrolled station node.
type Node struct {
	ID          string
	StationID   int64
	StationCode string
	StationName string
	PublicKey   []byte
	EnrolledAt  time.Time
	RevokedAt   time.Time
	AckedSeq    int64
	Cursor      int64
	SentCursor  int64 // highest change sent to the node
	NodeVersion string
	LastSyncAt  time.Time
	ClockOffset *time.Duration
	Pending     int
	// Counters says the node signs its requests with a counter (it has sent one, or said so when
	// it enrolled); HighestCounter is the highest accepted.
	Counters       bool
	HighestCounter int64
	// Protocol is the sync protocol version the node spoke last (0: never synced since the
	// center recorded it).
	Protocol int
}

const nodeCols = `n.id, n.station_id, s.code, s.name, n.public_key, n.enrolled_at, n.revoked_at, n.acked_seq, n.cursor,
	n.node_version, n.last_sync_at, n.clock_offset_s, n.pending, n.sent_cursor, n.request_counter, coalesce(n.protocol, 0)`

func scanNode(row interface{ Scan(...any) error }) (*Node, error) {
	var n Node
	var enrolled string
	var revoked, version, last sql.NullString
	var offset, counter sql.NullInt64
	if err := row.Scan(&n.ID, &n.StationID, &n.StationCode, &n.StationName, &n.PublicKey, &enrolled, &revoked, &n.AckedSeq, &n.Cursor,
		&version, &last, &offset, &n.Pending, &n.SentCursor, &counter, &n.Protocol); err != nil {
		return nil, err
	}
	n.Counters, n.HighestCounter = counter.Valid, counter.Int64
	n.EnrolledAt, n.RevokedAt, n.LastSyncAt, n.NodeVersion = parseTime(enrolled), parseTime(revoked.String), parseTime(last.String), version.String
	if offset.Valid {
		d := time.Duration(offset.Int64) * time.Second
		n.ClockOffset = &d
	}
	return &n, nil
}

// Enrollment is a node's request to enroll, as the store keeps it.
type Enrollment struct {
	TokenHash, NodeID, Version string
	PublicKey                  []byte
	// Counters: the node signs every request with a counter, so its requests without one are
	// refused from the start (see Counter).
	Counters bool
}

// EnrollNode enrolls a node that says nothing about counters (see Enroll).
func (s *Store) EnrollNode(ctx context.Context, tokenHash, nodeID string, publicKey []byte, version string) (*Node, error) {
	return s.Enroll(ctx, Enrollment{TokenHash: tokenHash, NodeID: nodeID, PublicKey: publicKey, Version: version})
}

// Enroll spends a station's one-time token and registers the node's public key. The token
// must match, be unspent and unexpired.
//
// An enrollment cut after the center spent the token (the node crashed, or lost the answer, before
// it saved it) is recovered by enrolling again with the same key: with the same token, or with a
// new token of the same station, the same node comes back. A key already enrolled for another
// station, or revoked, is refused: such a node enrolls from a new data folder (a new key).
func (s *Store) Enroll(ctx context.Context, e Enrollment) (*Node, error) {
	var node *Node
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		var sid int64
		var expires sql.NullString
		err := tx.QueryRow(`SELECT id, enroll_expires_at FROM stations WHERE enroll_token_hash = ?`, e.TokenHash).Scan(&sid, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			// A spent token: only its own node, with its own key, gets an answer again.
			err = tx.QueryRow(`SELECT id FROM nodes WHERE enroll_token_hash = ? AND public_key = ? AND revoked_at IS NULL`, e.TokenHash, e.PublicKey).Scan(&e.NodeID)
			if errors.Is(err, sql.ErrNoRows) {
				return courses.E(courses.Unauthorized, "enroll.token_invalid")
			}
			if err != nil {
				return err
			}
			node, err = s.reenroll(tx, e, now)
			return err
		}
		if err != nil {
			return err
		}
		if !parseTime(expires.String).After(s.now()) {
			return courses.E(courses.Unauthorized, "enroll.token_expired")
		}
		if _, err := tx.Exec(`UPDATE stations SET enroll_token_hash = NULL, enroll_expires_at = NULL WHERE id = ?`, sid); err != nil {
			return err
		}
		var known struct {
			id      string
			station int64
			revoked sql.NullString
		}
		err = tx.QueryRow(`SELECT id, station_id, revoked_at FROM nodes WHERE public_key = ?`, e.PublicKey).Scan(&known.id, &known.station, &known.revoked)
		switch {
		case err == nil && (known.station != sid || known.revoked.Valid):
			return courses.E(courses.Conflict, "enroll.key_taken", known.id)
		case err == nil:
			e.NodeID = known.id // the node enrolls again with its key and a new token
			node, err = s.reenroll(tx, e, now)
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.Exec(`INSERT INTO nodes (id, station_id, public_key, enrolled_at, node_version, enroll_token_hash, request_counter)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.NodeID, sid, e.PublicKey, now, e.Version, e.TokenHash, counterStart(e.Counters)); err != nil {
			return err
		}
		if node, err = findNodeIn(tx, e.NodeID); err != nil {
			return err
		}
		return audit(tx, now, "node:"+e.NodeID, "node.enroll", "node:"+e.NodeID, node.StationCode)
	})
	return node, err
}

// reenroll answers a node enrolling again with its key (see Enroll).
func (s *Store) reenroll(tx *sql.Tx, e Enrollment, now string) (*Node, error) {
	if _, err := tx.Exec(`UPDATE nodes SET enroll_token_hash = ?, node_version = ?, request_counter = coalesce(request_counter, ?) WHERE id = ?`,
		e.TokenHash, e.Version, counterStart(e.Counters), e.NodeID); err != nil {
		return nil, err
	}
	node, err := findNodeIn(tx, e.NodeID)
	if err != nil {
		return nil, err
	}
	return node, audit(tx, now, "node:"+e.NodeID, "node.enroll.again", "node:"+e.NodeID, node.StationCode)
}

// counterStart is a new node's request_counter: 0 when it sends counters (so requests without
// one are refused), NULL when it does not say.
func counterStart(counters bool) any {
	if counters {
		return 0
	}
	return nil
}

func findNodeIn(tx *sql.Tx, id string) (*Node, error) {
	return scanNode(tx.QueryRow(`SELECT `+nodeCols+` FROM nodes n JOIN stations s ON s.id = n.station_id WHERE n.id = ?`, id))
}

// FindNode returns an enrolled node, or a NotFound error.
func (s *Store) FindNode(ctx context.Context, id string) (*Node, error) {
	n, err := scanNode(s.hot.findNode.QueryRow(id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "node.unknown", id)
	}
	return n, err
}

// ListNodes returns the nodes of every station.
func (s *Store) ListNodes(ctx context.Context) ([]Node, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Node, err error) {
		n, err := scanNode(rows)
		if err != nil {
			return zero, err
		}
		return *n, nil
	}, `SELECT `+nodeCols+` FROM nodes n JOIN stations s ON s.id = n.station_id ORDER BY s.code, n.enrolled_at`)
}

// RevokeNode stops a node from syncing (a lost or stolen station PC).
func (s *Store) RevokeNode(ctx context.Context, id, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE nodes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, s.stamp(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return courses.E(courses.NotFound, "node.not_active", id)
		}
		// Every station learns of it: the tokens that node signs are refused from then on.
		if err := addChange(tx, nil, "node_revocation", id, s.stamp()); err != nil {
			return err
		}
		return audit(tx, s.stamp(), actor, "node.revoke", "node:"+id, id)
	})
}

// Change is an entry of the change feed.
type Change struct {
	Seq  int64
	Kind string
	Ref  string
}

// ChangesSince returns the changes for a station after cursor, oldest first, at most limit.
func (s *Store) ChangesSince(ctx context.Context, stationID, cursor int64, limit int) ([]Change, error) {
	rows, err := s.hot.changesSince.Query(cursor, stationID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.Kind, &c.Ref); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RosterEntry is an officer of a station with the PIN hash the node checks offline.
type RosterEntry struct {
	Badge, GivenNames, FamilyNames, Rank, PINHash string
	Commander                                     bool
}

// Roster returns a station's current officers.
func (s *Store) Roster(ctx context.Context, stationID int64) ([]RosterEntry, error) {
	rows, err := s.hot.roster.Query(stationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RosterEntry
	for rows.Next() {
		var r RosterEntry
		if err := rows.Scan(&r.Badge, &r.GivenNames, &r.FamilyNames, &r.Rank, &r.PINHash, &r.Commander); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RevocationOf returns when and why a certificate was revoked.
func (s *Store) RevocationOf(ctx context.Context, id string) (time.Time, string, error) {
	var at, reason sql.NullString
	err := s.db.Read.QueryRowContext(ctx, `SELECT revoked_at, revoked_reason FROM certificates WHERE id = ?`, id).Scan(&at, &reason)
	return parseTime(at.String), reason.String, err
}

// NewEnrollmentToken gives an existing station a new one-time enrollment token (stored as its
// hash, valid for EnrollmentValidity): to enroll a replacement PC after a node was revoked, or
// when a token expired unused.
func (s *Store) NewEnrollmentToken(ctx context.Context, code, tokenHash, actor string) (*Station, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE stations SET enroll_token_hash = ?, enroll_expires_at = ? WHERE code = ?`,
			tokenHash, s.now().Add(EnrollmentValidity).UTC().Format(time.RFC3339), code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return courses.E(courses.NotFound, "station.unknown", code)
		}
		return audit(tx, s.stamp(), actor, "station.token", "station:"+code, code)
	})
	if err != nil {
		return nil, err
	}
	return s.FindStation(ctx, code)
}

// RecordSent notes the highest change sent to a node. It shares the group commit with the pushes
// and notes of other nodes: after a course is published, every station pulls it at once.
func (s *Store) RecordSent(ctx context.Context, nodeID string, cursor int64) error {
	return s.grouped(func(tx *sql.Tx, _ *pushStmts) writeRes {
		_, err := tx.Exec(`UPDATE nodes SET sent_cursor = ? WHERE id = ? AND sent_cursor < ?`, cursor, nodeID, cursor)
		return writeRes{err: err}
	}).err
}

// hotStatements are the reads every sync request makes, prepared once: with a thousand stations
// syncing at once, parsing the same SQL each time cost more than running it.
type hotStatements struct {
	findNode, changesSince, newest, findVersion, roster *sql.Stmt
}

func (h *hotStatements) all() []*sql.Stmt {
	return []*sql.Stmt{h.findNode, h.changesSince, h.newest, h.findVersion, h.roster}
}

func (s *Store) prepareHot() error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = s.db.Read.Prepare(q)
		return st
	}
	s.hot.findNode = prep(`SELECT ` + nodeCols + ` FROM nodes n JOIN stations s ON s.id = n.station_id WHERE n.id = ?`)
	// Two index ranges (changes for every station, changes for this one) rather than one scan of
	// every change after the cursor.
	s.hot.changesSince = prep(`SELECT seq, kind, ref FROM (
		SELECT seq, kind, ref FROM changes WHERE station_id IS NULL AND seq > ?1
		UNION ALL SELECT seq, kind, ref FROM changes WHERE station_id = ?2 AND seq > ?1) AS feed
		ORDER BY seq LIMIT ?3`)
	s.hot.newest = prep(`SELECT course_id, max(version) FROM course_versions GROUP BY course_id`)
	s.hot.findVersion = prep(`SELECT ` + versionCols + ` FROM course_versions WHERE course_id = ? AND version = ?`)
	s.hot.roster = prep(`SELECT badge, given_names, family_names, rank, pin_hash, commander FROM officers WHERE station_id = ? AND active = 1 ORDER BY badge`)
	return err
}

// NewestVersions returns the number of the newest version of each course.
func (s *Store) NewestVersions(ctx context.Context) (map[string]int, error) {
	rows, err := s.hot.newest.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var v int
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, rows.Err()
}
