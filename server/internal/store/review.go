package store

import (
	"context"
	"database/sql"
	"errors"

	"aula/courses"
)

// AttemptAnswers is an attempt with what the center needs to rebuild its paper: the secret of
// its seed and its responses in canonical form (courses.ReviewCanonical).
type AttemptAnswers struct {
	Attempt
	Secret    string
	Responses string // canonical JSON array; "" when the center does not hold them
}

// FindAttemptAnswers returns one attempt with its secret and canonical responses, or a NotFound
// error.
func (s *Store) FindAttemptAnswers(ctx context.Context, id string) (*AttemptAnswers, error) {
	var a AttemptAnswers
	var sub, rec string
	err := s.db.Read.QueryRowContext(ctx, `SELECT a.id, o.badge, o.given_names || ' ' || o.family_names, a.course_id, a.course_version,
		a.score, a.passed, s.code, a.submitted_at, a.received_at, coalesce(a.node_score, a.score), a.score_mismatch,
		coalesce(a.secret, ''), coalesce(a.responses, '')
		FROM attempts a JOIN officers o ON o.id = a.officer_id JOIN stations s ON s.id = a.station_id WHERE a.id = ?`, id).
		Scan(&a.ID, &a.Badge, &a.OfficerName, &a.CourseID, &a.CourseVersion, &a.Score, &a.Passed, &a.Station, &sub, &rec,
			&a.NodeScore, &a.Mismatch, &a.Secret, &a.Responses)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "attempt.unknown", id)
	}
	if err != nil {
		return nil, err
	}
	a.SubmittedAt, a.ReceivedAt = parseTime(sub), parseTime(rec)
	return &a, nil
}
