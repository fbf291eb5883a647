package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/protocol"
)

// Attempt is an officer's attempt at a course version's quiz.
type Attempt struct {
	ID            string
	Badge         string
	CourseID      string
	CourseVersion int
	Secret        string
	StartedAt     time.Time
	Deadline      time.Time // zero: no time limit
	SubmittedAt   time.Time // zero: in progress
	TimedOut      bool
	Score         float64
	Passed        bool
	Result        []byte // courses.Result as JSON, for review
}

// Submitted reports whether the attempt is finished.
func (a *Attempt) Submitted() bool { return !a.SubmittedAt.IsZero() }

const attemptCols = `id, badge, course_id, course_version, secret, started_at, deadline, submitted_at, timed_out, score, passed, result`

func scanAttempt(row interface{ Scan(...any) error }) (*Attempt, error) {
	var a Attempt
	var started string
	var deadline, submitted, result sql.NullString
	var score sql.NullFloat64
	var passed sql.NullBool
	if err := row.Scan(&a.ID, &a.Badge, &a.CourseID, &a.CourseVersion, &a.Secret, &started, &deadline, &submitted, &a.TimedOut, &score, &passed, &result); err != nil {
		return nil, err
	}
	a.StartedAt, a.Deadline, a.SubmittedAt = parseTime(started), parseTime(deadline.String), parseTime(submitted.String)
	a.Score, a.Passed, a.Result = score.Float64, passed.Bool, []byte(result.String)
	return &a, nil
}

// StartAttempt returns the officer's attempt in progress for the course version, or starts a new
// one when attemptsAllowed (0 = unlimited) is not used up. It returns a Conflict error when no
// attempts are left.
func (s *Store) StartAttempt(ctx context.Context, badge, courseID string, version, attemptsAllowed int, limit time.Duration) (*Attempt, bool, error) {
	var out *Attempt
	var created bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := scanAttempt(tx.QueryRow(`SELECT `+attemptCols+` FROM attempts WHERE badge = ? AND course_id = ? AND course_version = ?
			AND submitted_at IS NULL ORDER BY started_at DESC LIMIT 1`, badge, courseID, version))
		if err == nil {
			out = a
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var used int
		if err := tx.QueryRow(`SELECT count(*) FROM attempts WHERE badge = ? AND course_id = ? AND course_version = ?`, badge, courseID, version).Scan(&used); err != nil {
			return err
		}
		if attemptsAllowed > 0 && used >= attemptsAllowed {
			return courses.E(courses.Conflict, "quiz.no_attempts_left", used, attemptsAllowed)
		}
		now := s.Now()
		a = &Attempt{ID: courses.NewID(), Badge: badge, CourseID: courseID, CourseVersion: version, Secret: randomSecret(), StartedAt: now}
		var deadline any
		if limit > 0 {
			a.Deadline = now.Add(limit)
			deadline = a.Deadline.Format(time.RFC3339Nano)
		}
		if _, err := tx.Exec(`INSERT INTO attempts (id, badge, course_id, course_version, secret, started_at, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.ID, badge, courseID, version, a.Secret, now.Format(time.RFC3339Nano), deadline); err != nil {
			return err
		}
		out, created = a, true
		return nil
	})
	return out, created, err
}

// AttemptsUsed counts an officer's attempts at a course version, finished or not.
func (s *Store) AttemptsUsed(ctx context.Context, badge, courseID string, version int) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM attempts WHERE badge = ? AND course_id = ? AND course_version = ?`, badge, courseID, version).Scan(&n)
	return n, err
}

// FindAttempt returns an attempt, or a NotFound error.
func (s *Store) FindAttempt(ctx context.Context, id string) (*Attempt, error) {
	a, err := scanAttempt(s.db.Read.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "attempt.unknown")
	}
	return a, err
}

// ListAttempts returns an officer's attempts, newest first.
func (s *Store) ListAttempts(ctx context.Context, badge string) ([]Attempt, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Attempt, err error) {
		a, err := scanAttempt(rows)
		if err != nil {
			return zero, err
		}
		return *a, nil
	}, `SELECT `+attemptCols+` FROM attempts WHERE badge = ? ORDER BY started_at DESC`, badge)
}

// SaveAnswer stores the response to one question of an attempt in progress. It refuses (Conflict)
// once the attempt is submitted.
func (s *Store) SaveAnswer(ctx context.Context, attemptID, questionID string, response json.RawMessage) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var submitted sql.NullString
		if err := tx.QueryRow(`SELECT submitted_at FROM attempts WHERE id = ?`, attemptID).Scan(&submitted); err != nil {
			return err
		}
		if submitted.Valid {
			return courses.E(courses.Conflict, "quiz.already_submitted")
		}
		_, err := tx.Exec(`INSERT INTO answers (attempt_id, question_id, response, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(attempt_id, question_id) DO UPDATE SET response = excluded.response, saved_at = excluded.saved_at`,
			attemptID, questionID, string(response), s.stamp())
		return err
	})
}

// Answers returns the saved responses of an attempt (paper question id -> response).
func (s *Store) Answers(ctx context.Context, attemptID string) (map[string]json.RawMessage, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT question_id, response FROM answers WHERE attempt_id = ?`, attemptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]json.RawMessage{}
	for rows.Next() {
		var q, r string
		if err := rows.Scan(&q, &r); err != nil {
			return nil, err
		}
		out[q] = json.RawMessage(r)
	}
	return out, rows.Err()
}

// FinishAttempt records the scored attempt and its responses, and queues it for the center, in
// one durable transaction: when it returns, the result survives a power cut. It returns a
// Conflict error when the attempt was already submitted.
//
// canonical is the responses in canonical form (courses.Paper.Canonical), as the record for the
// center carries them.
//
// cert, when not nil, is the certificate the node issues for the attempt: it is stored and queued
// in the same transaction, so a passed attempt never loses its certificate.
func (s *Store) FinishAttempt(ctx context.Context, a *Attempt, responses map[string]json.RawMessage, canonical json.RawMessage, result courses.Result, timedOut bool, cert *Certificate) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var submitted sql.NullString
		if err := tx.QueryRow(`SELECT submitted_at FROM attempts WHERE id = ?`, a.ID).Scan(&submitted); err != nil {
			return err
		}
		if submitted.Valid {
			return courses.E(courses.Conflict, "quiz.already_submitted")
		}
		now := s.Now()
		res, _ := json.Marshal(result)
		if _, err := tx.Exec(`UPDATE attempts SET submitted_at = ?, timed_out = ?, score = ?, passed = ?, result = ? WHERE id = ?`,
			now.Format(time.RFC3339Nano), timedOut, result.Score, result.Passed, string(res), a.ID); err != nil {
			return err
		}
		for q, r := range responses {
			if _, err := tx.Exec(`INSERT INTO answers (attempt_id, question_id, response, saved_at) VALUES (?, ?, ?, ?)
				ON CONFLICT(attempt_id, question_id) DO UPDATE SET response = excluded.response, saved_at = excluded.saved_at`,
				a.ID, q, string(r), now.Format(time.RFC3339Nano)); err != nil {
				return err
			}
		}
		a.SubmittedAt, a.TimedOut, a.Score, a.Passed, a.Result = now, timedOut, result.Score, result.Passed, res
		payload, _ := json.Marshal(protocol.Attempt{ID: a.ID, Badge: a.Badge, Course: a.CourseID, Version: a.CourseVersion,
			Secret: a.Secret, Started: a.StartedAt.Unix(), Submitted: now.Unix(), TimedOut: timedOut, Responses: canonical, Score: result.Score})
		if err := enqueue(tx, protocol.KindAttempt, a.ID, payload, now.Format(time.RFC3339Nano)); err != nil {
			return err
		}
		if err := s.appendEvent(tx, protocol.EventAttempt, a.Badge, a.ID); err != nil {
			return err
		}
		if cert == nil {
			return nil
		}
		if err := insertCertificate(tx, cert); err != nil {
			return err
		}
		if err := s.appendEvent(tx, protocol.EventCertificate, a.Badge, cert.Claims.ID); err != nil {
			return err
		}
		return enqueueCertificate(tx, cert, now.Format(time.RFC3339Nano))
	})
}

// PassedCourses returns, for an officer, the course ids with a passed attempt (any version).
func (s *Store) PassedCourses(ctx context.Context, badge string) (map[string]bool, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT DISTINCT course_id FROM attempts WHERE badge = ? AND passed = 1`, badge)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}
