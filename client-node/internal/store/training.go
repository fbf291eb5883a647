package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/certificate"
)

// TrainingEntry is one line of an officer's training record on the node ("Mi formación"): a
// certificate he holds here, neither refused nor revoked. Workshop names the workshop it was
// issued for ("" otherwise); Area is the workshop's ("" for a course: the caller knows the
// courses' areas).
type TrainingEntry struct {
	Claims   certificate.Claims
	Workshop string
	Area     string
	Day      string
	Title    courses.Text
}

// TrainingOf returns an officer's training entries, oldest first.
func (s *Store) TrainingOf(ctx context.Context, badge string) ([]TrainingEntry, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (TrainingEntry, error) {
		var e TrainingEntry
		var token, title string
		if err := r.Scan(&token, &e.Workshop, &e.Area, &e.Day, &title); err != nil {
			return e, err
		}
		e.Claims, _ = certificate.Read(token)
		e.Title = e.Claims.Title
		if title != "" {
			_ = json.Unmarshal([]byte(title), &e.Title)
		}
		if e.Day == "" {
			e.Day = e.Claims.IssuedOn
		}
		return e, nil
	}, `SELECT c.token, coalesce(w.id, ''), coalesce(w.area, ''), coalesce(w.day, ''), coalesce(w.title_json, '')
		FROM certificates c LEFT JOIN workshop_credits cr ON cr.certificate_id = c.id LEFT JOIN workshops w ON w.id = cr.workshop_id
		WHERE c.badge = ? AND coalesce(c.refused, '') = '' AND NOT EXISTS (SELECT 1 FROM revocations r WHERE r.certificate_id = c.id)
		ORDER BY c.issued_on, c.id`, badge)
}
