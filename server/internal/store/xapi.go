package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// XAPIRecord is a record an xAPI statement is made from: an attempt, a completion (the first
// passed attempt of an officer at a course version) or a workshop attendance.
type XAPIRecord struct {
	Kind       string // attempt, completion or attendance
	Source     string // attempt:ID, completion:BADGE:COURSE:VERSION, attendance:ID
	ID         string // the attempt's or the attendance's id
	Badge      string
	CourseID   string
	Version    int
	Title      courses.Text
	Score      float64
	Passed     bool
	StartedAt  string // node clock, RFC 3339 ("" unknown)
	At         string // submitted or signed, node clock
	Station    string
	WorkshopID string
	Hours      float64
}

const xapiAttempts = `SELECT 'attempt', 'attempt:' || a.id, a.id, o.badge, a.course_id, a.course_version, coalesce(v.title_json, '{}'),
		a.score, a.passed, coalesce(a.started_at, ''), a.submitted_at, s.code, '', coalesce(v.hours, 0)
	FROM attempts a JOIN officers o ON o.id = a.officer_id JOIN stations s ON s.id = a.station_id
	LEFT JOIN course_versions v ON v.course_id = a.course_id AND v.version = a.course_version`

const xapiCompletions = `SELECT 'completion', 'completion:' || o.badge || ':' || a.course_id || ':' || a.course_version, a.id, o.badge,
		a.course_id, a.course_version, coalesce(v.title_json, '{}'), a.score, a.passed, coalesce(a.started_at, ''), a.submitted_at, s.code, '',
		coalesce(v.hours, 0)
	FROM attempts a JOIN officers o ON o.id = a.officer_id JOIN stations s ON s.id = a.station_id
	LEFT JOIN course_versions v ON v.course_id = a.course_id AND v.version = a.course_version`

const xapiAttendance = `SELECT 'attendance', 'attendance:' || wa.id, wa.id, o.badge, coalesce(w.course_id, ''), 0, w.title_json, 0, 1, '',
		wa.signed_at, s.code, w.id, w.hours
	FROM workshop_attendance wa JOIN officers o ON o.id = wa.officer_id JOIN workshops w ON w.id = wa.workshop_id
	JOIN stations s ON s.id = w.station_id`

func scanXAPI(rows *sql.Rows) (XAPIRecord, error) {
	var r XAPIRecord
	var title string
	err := rows.Scan(&r.Kind, &r.Source, &r.ID, &r.Badge, &r.CourseID, &r.Version, &title, &r.Score, &r.Passed, &r.StartedAt, &r.At,
		&r.Station, &r.WorkshopID, &r.Hours)
	_ = json.Unmarshal([]byte(title), &r.Title)
	return r, err
}

// UnqueuedXAPI returns up to limit records of each kind that have no statement in the outbox yet
// (completions: possibly several passes of the same completion; the first queued stands).
func (s *Store) UnqueuedXAPI(ctx context.Context, limit int) ([]XAPIRecord, error) {
	notQueued := ` WHERE NOT EXISTS (SELECT 1 FROM xapi_outbox x WHERE x.source = `
	var out []XAPIRecord
	for _, q := range []string{
		xapiAttempts + notQueued + `'attempt:' || a.id) ORDER BY a.received_at, a.id LIMIT ?`,
		xapiCompletions + notQueued + `'completion:' || o.badge || ':' || a.course_id || ':' || a.course_version) AND a.passed = 1
			ORDER BY a.received_at, a.id LIMIT ?`,
		xapiAttendance + notQueued + `'attendance:' || wa.id) ORDER BY wa.received_at, wa.id LIMIT ?`,
	} {
		rs, err := sqlitedb.QueryAll(ctx, s.db.Read, scanXAPI, q, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// AllXAPI calls fn with every record a statement is made of (the export), completions once each.
func (s *Store) AllXAPI(ctx context.Context, fn func(XAPIRecord) error) error {
	seen := map[string]bool{}
	for _, q := range []string{xapiAttempts + ` ORDER BY a.received_at, a.id`,
		xapiCompletions + ` WHERE a.passed = 1 ORDER BY a.received_at, a.id`, xapiAttendance + ` ORDER BY wa.received_at, wa.id`} {
		rows, err := s.db.Read.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		for rows.Next() {
			r, err := scanXAPI(rows)
			if err == nil && !seen[r.Source] {
				seen[r.Source] = true
				err = fn(r)
			}
			if err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// XAPIStatement is one statement of the outbox.
type XAPIStatement struct {
	ID, Source string
	Statement  []byte
	Tries      int
}

// QueueXAPI adds statements to the outbox, due now, and returns how many were new; one already
// queued (same id or source) is left as it is.
func (s *Store) QueueXAPI(ctx context.Context, sts []XAPIStatement) (int, error) {
	now := s.stamp()
	added := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, st := range sts {
			res, err := tx.Exec(`INSERT INTO xapi_outbox (id, source, statement, created_at, next_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, st.ID, st.Source, string(st.Statement), now, now)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += int(n)
		}
		return nil
	})
	return added, err
}

// DueXAPI returns up to limit unsent statements due at now, oldest first.
func (s *Store) DueXAPI(ctx context.Context, now time.Time, limit int) ([]XAPIStatement, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (XAPIStatement, error) {
		var st XAPIStatement
		var body string
		err := rows.Scan(&st.ID, &st.Source, &body, &st.Tries)
		st.Statement = []byte(body)
		return st, err
	}, `SELECT id, source, statement, tries FROM xapi_outbox WHERE sent_at IS NULL AND next_at <= ? ORDER BY created_at, id LIMIT ?`,
		now.UTC().Format(time.RFC3339), limit)
}

// XAPISent marks statements delivered.
func (s *Store) XAPISent(ctx context.Context, ids []string) error {
	now := s.stamp()
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.Exec(`UPDATE xapi_outbox SET sent_at = ?, tries = tries + 1, last_error = '' WHERE id = ?`, now, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// XAPIFailed records a failed delivery of statements: tried again at next.
func (s *Store) XAPIFailed(ctx context.Context, ids []string, next time.Time, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.Exec(`UPDATE xapi_outbox SET tries = tries + 1, next_at = ?, last_error = ? WHERE id = ?`,
				next.UTC().Format(time.RFC3339), reason, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// XAPICounts returns how many statements are queued and how many of them are delivered.
func (s *Store) XAPICounts(ctx context.Context) (queued, sent int, err error) {
	err = s.db.Read.QueryRowContext(ctx, `SELECT count(*), count(sent_at) FROM xapi_outbox`).Scan(&queued, &sent)
	return queued, sent, err
}
