package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"aula/sync/protocol"
)

// Progress is an officer's reading progress in one course.
type Progress struct {
	Read map[string]bool // lesson id -> read
	Last string          // last lesson opened
}

// MarkRead records that an officer opened a lesson: it joins the set of lessons read (which only
// grows) and becomes the last position. A first reading is queued for the center with its reading
// time (readingSeconds).
func (s *Store) MarkRead(ctx context.Context, badge, courseID, lessonID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		var at, opened string
		err := tx.QueryRow(`SELECT lesson_id, updated_at FROM course_position WHERE badge = ? AND course_id = ?`, badge, courseID).Scan(&at, &opened)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var seconds *int64
		if at == lessonID {
			seconds = readingSeconds(opened, s.Now())
		}
		res, err := tx.Exec(`INSERT OR IGNORE INTO lessons_read (badge, course_id, lesson_id, read_at) VALUES (?, ?, ?, ?)`, badge, courseID, lessonID, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO course_position (badge, course_id, lesson_id, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(badge, course_id) DO UPDATE SET lesson_id = excluded.lesson_id, updated_at = excluded.updated_at`,
			badge, courseID, lessonID, now); err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		payload, _ := json.Marshal(protocol.LessonRead{Badge: badge, Course: courseID, Lesson: lessonID, At: s.Now().Unix(), Seconds: seconds})
		return enqueue(tx, protocol.KindLessonRead, badge+"/"+courseID+"/"+lessonID, payload, now)
	})
}

// readingSeconds is the reading time of a lesson opened at opened (the position's time, written
// when an unread lesson's page is shown) and marked read at now, in whole seconds, capped at
// protocol.MaxReadingSeconds; nil when the node's clock went backwards or the time is unreadable.
func readingSeconds(opened string, now time.Time) *int64 {
	t, err := time.Parse(time.RFC3339Nano, opened)
	if err != nil || now.Before(t) {
		return nil
	}
	sec := min(int64(now.Sub(t)/time.Second), protocol.MaxReadingSeconds)
	return &sec
}

// SetPosition records the last lesson an officer opened in a course (local only, not synced).
func (s *Store) SetPosition(ctx context.Context, badge, courseID, lessonID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO course_position (badge, course_id, lesson_id, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(badge, course_id) DO UPDATE SET lesson_id = excluded.lesson_id, updated_at = excluded.updated_at`,
			badge, courseID, lessonID, s.stamp())
		return err
	})
}

// CourseProgress returns an officer's progress in every course (course id -> progress).
func (s *Store) CourseProgress(ctx context.Context, badge string) (map[string]*Progress, error) {
	out := map[string]*Progress{}
	get := func(c string) *Progress {
		if out[c] == nil {
			out[c] = &Progress{Read: map[string]bool{}}
		}
		return out[c]
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT course_id, lesson_id FROM lessons_read WHERE badge = ?`, badge)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c, l string
		if err := rows.Scan(&c, &l); err != nil {
			rows.Close()
			return nil, err
		}
		get(c).Read[l] = true
	}
	rows.Close()
	rows, err = s.db.Read.QueryContext(ctx, `SELECT course_id, lesson_id FROM course_position WHERE badge = ?`, badge)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c, l string
		if err := rows.Scan(&c, &l); err != nil {
			return nil, err
		}
		get(c).Last = l
	}
	return out, rows.Err()
}

// enqueue adds a record to the outbox in the caller's transaction, so the record and its place in
// the queue are written together or not at all.
func enqueue(tx *sql.Tx, kind, id string, payload []byte, now string) error {
	_, err := tx.Exec(`INSERT INTO outbox (kind, record_id, payload, created_at) VALUES (?, ?, ?, ?)`, kind, id, payload, now)
	return err
}

// Pending returns how many records wait in the outbox.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	return n, err
}
