package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"aula/internal/sqlitedb"
)

// AttemptGeneration changes whenever attempts reach the center (after their transaction commits):
// a result computed from attempts under one generation is current while it stays the same.
func (s *Store) AttemptGeneration() uint64 { return s.attemptGen.Load() }

// AnalysisAttempt is one attempt as item analysis reads it. Items is valid only during the
// callback that receives it.
type AnalysisAttempt struct {
	Items     []byte // the center's score, question by question (courses/analysis EncodeItems); nil: not scored yet
	OfficerID int64
	StationID int64
	arrival   string // with VersionScan.Order: "received_at node_seq node_id", one column (Arrival)
}

// Arrival returns where and when the attempt reached the center: the node that sent it, its
// sequence in that node's outbox and the time of arrival (read with VersionScan.Order only).
func (a *AnalysisAttempt) Arrival() (node string, seq int64, receivedAt string) {
	receivedAt, rest, _ := strings.Cut(a.arrival, " ")
	num, node, _ := strings.Cut(rest, " ")
	seq, _ = strconv.ParseInt(num, 10, 64)
	return node, seq, receivedAt
}

// VersionScan says which attempts of a course version EachVersionAttempt streams.
type VersionScan struct {
	CourseID string
	Version  int
	First    bool // only each officer's first attempt
	Order    bool // also where and when each arrived (node, sequence, time)
}

// EachVersionAttempt streams the attempts of a course version, officer by officer, each
// officer's in the order they reached the center (a node's records arrive in its sequence order).
// It reads the attempts_analysis index alone, which holds every column read; nothing is held in
// memory but the current row.
func (s *Store) EachVersionAttempt(ctx context.Context, v VersionScan, fn func(*AnalysisAttempt) error) error {
	cols := "officer_id, station_id, items"
	if v.Order {
		// One text column rather than three: a million rows cost a third less to read.
		cols += ", coalesce(received_at, '') || ' ' || coalesce(node_seq, 0) || ' ' || coalesce(node_id, '')"
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+cols+` FROM attempts WHERE course_id = ? AND course_version = ?
		ORDER BY officer_id, received_at, node_seq`, v.CourseID, v.Version)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a AnalysisAttempt
	var items sql.RawBytes
	dest := []any{&a.OfficerID, &a.StationID, &items}
	if v.Order {
		dest = append(dest, &a.arrival)
	}
	last := int64(-1)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if v.First && a.OfficerID == last {
			continue
		}
		last, a.Items = a.OfficerID, items
		if err := fn(&a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// UnscoredAttempt is an attempt received before the center kept its items (migration 0020).
type UnscoredAttempt struct {
	ID, Secret, Responses string
}

// UnscoredVersions returns the course versions that have attempts without items.
func (s *Store) UnscoredVersions(ctx context.Context) ([]VersionKey, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (VersionKey, error) {
		var k VersionKey
		err := r.Scan(&k.CourseID, &k.Version)
		return k, err
	}, `SELECT DISTINCT course_id, course_version FROM attempts WHERE items IS NULL ORDER BY course_id, course_version`)
}

// VersionKey names a course version.
type VersionKey struct {
	CourseID string
	Version  int
}

// UnscoredAttempts returns up to limit attempts of a course version still without items, in id
// order after the id after (the attempts_unscored index).
func (s *Store) UnscoredAttempts(ctx context.Context, v VersionKey, after string, limit int) ([]UnscoredAttempt, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (UnscoredAttempt, error) {
		var u UnscoredAttempt
		err := r.Scan(&u.ID, &u.Secret, &u.Responses)
		return u, err
	}, `SELECT id, coalesce(secret, ''), coalesce(responses, '') FROM attempts
		WHERE items IS NULL AND course_id = ? AND course_version = ? AND id > ? ORDER BY id LIMIT ?`, v.CourseID, v.Version, after, limit)
}

// SetAttemptItems keeps the items of attempts that had none, in one transaction (an attempt's
// items are written once: one that has them already is left alone).
func (s *Store) SetAttemptItems(ctx context.Context, items map[string][]byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE attempts SET items = ? WHERE id = ? AND items IS NULL`)
		if err != nil {
			return err
		}
		defer st.Close()
		for id, b := range items {
			if _, err := st.ExecContext(ctx, b, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// LessonReading is an officer's first reading of a lesson, as the center received it.
type LessonReading struct {
	OfficerID  int64
	LessonID   string
	NodeID     string // "" for readings received before the center recorded it
	NodeSeq    int64
	ReceivedAt string
	Seconds    *int64 // reading time the node measured
}

// LessonReadings returns every officer's first reading of each lesson of a course.
func (s *Store) LessonReadings(ctx context.Context, courseID string) ([]LessonReading, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT officer_id, lesson_id, coalesce(node_id, ''), coalesce(node_seq, 0),
		coalesce(received_at, ''), seconds FROM lessons_read WHERE course_id = ?`, courseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LessonReading
	for rows.Next() {
		var r LessonReading
		var sec sql.NullInt64
		if err := rows.Scan(&r.OfficerID, &r.LessonID, &r.NodeID, &r.NodeSeq, &r.ReceivedAt, &sec); err != nil {
			return nil, err
		}
		if sec.Valid {
			r.Seconds = &sec.Int64
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// StationPlace is where a station belongs: its agency (police force) and state, "" when unset.
type StationPlace struct {
	Agency, AgencyName, State string
}

// StationPlaces returns each station's agency and state, by station id.
func (s *Store) StationPlaces(ctx context.Context) (map[int64]StationPlace, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT s.id, coalesce(a.code, ''), coalesce(a.name, ''), coalesce(s.state, '')
		FROM stations s LEFT JOIN agencies a ON a.id = s.agency_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]StationPlace{}
	for rows.Next() {
		var id int64
		var p StationPlace
		if err := rows.Scan(&id, &p.Agency, &p.AgencyName, &p.State); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}
