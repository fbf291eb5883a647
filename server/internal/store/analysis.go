package store

import (
	"context"
	"database/sql"
)

// AttemptGeneration changes whenever attempts reach the center (after their transaction commits):
// a result computed from attempts under one generation is current while it stays the same.
func (s *Store) AttemptGeneration() uint64 { return s.attemptGen.Load() }

// AnalysisAttempt is one attempt as item analysis reads it. Responses is valid only during the
// callback that receives it.
type AnalysisAttempt struct {
	ID, Secret string
	Responses  []byte // canonical JSON array
	OfficerID  int64
	StationID  int64
	NodeID     string
	NodeSeq    int64
	ReceivedAt string
}

// EachVersionAttempt streams the attempts of a course version, officer by officer, each
// officer's in the order they reached the center (a node's records arrive in its sequence order):
// with first, only each officer's first attempt. Nothing is held in memory but the current row.
func (s *Store) EachVersionAttempt(ctx context.Context, courseID string, version int, first bool, fn func(*AnalysisAttempt) error) error {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT officer_id, id, coalesce(secret, ''), coalesce(responses, ''), station_id,
		coalesce(node_id, ''), coalesce(node_seq, 0), received_at
		FROM attempts WHERE course_id = ? AND course_version = ? ORDER BY officer_id, received_at, node_seq`, courseID, version)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a AnalysisAttempt
	var resp sql.RawBytes
	last := int64(-1)
	for rows.Next() {
		var officer int64
		if err := rows.Scan(&officer, &a.ID, &a.Secret, &resp, &a.StationID, &a.NodeID, &a.NodeSeq, &a.ReceivedAt); err != nil {
			return err
		}
		if first && officer == last {
			continue
		}
		last, a.OfficerID, a.Responses = officer, officer, resp
		if err := fn(&a); err != nil {
			return err
		}
	}
	return rows.Err()
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
