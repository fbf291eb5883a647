package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// UploadTTL is how long a checked course upload waits to be published.
const UploadTTL = 24 * time.Hour

// CourseUpload is an uploaded course .zip that passed the checks and waits to be published.
type CourseUpload struct {
	ID            string
	Filename      string
	SHA256        string
	Data          []byte // the .zip as uploaded (empty in lists)
	CourseID      string
	CourseVersion int
	Title         courses.Text
	UploadedBy    string
	UploadedAt    time.Time
}

// SaveUpload keeps a checked upload, dropping the uploads older than UploadTTL.
func (s *Store) SaveUpload(ctx context.Context, u *CourseUpload) error {
	title, _ := json.Marshal(u.Title)
	u.UploadedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM course_uploads WHERE uploaded_at < ?`, u.UploadedAt.Add(-UploadTTL).Format(time.RFC3339)); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO course_uploads (id, filename, sha256, data, course_id, course_version, title_json, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, u.Filename, u.SHA256, u.Data, u.CourseID, u.CourseVersion, string(title),
			u.UploadedBy, u.UploadedAt.Format(time.RFC3339))
		return err
	})
}

// FindUpload returns a waiting upload with its data, or a NotFound error (also once it is older
// than UploadTTL).
func (s *Store) FindUpload(ctx context.Context, id string) (*CourseUpload, error) {
	var u CourseUpload
	var title, at string
	err := s.db.Read.QueryRowContext(ctx, `SELECT id, filename, sha256, data, course_id, course_version, title_json, uploaded_by, uploaded_at
		FROM course_uploads WHERE id = ? AND uploaded_at >= ?`, id, s.now().UTC().Add(-UploadTTL).Format(time.RFC3339)).
		Scan(&u.ID, &u.Filename, &u.SHA256, &u.Data, &u.CourseID, &u.CourseVersion, &title, &u.UploadedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "upload.unknown")
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(title), &u.Title)
	u.UploadedAt = parseTime(at)
	return &u, nil
}

// PendingUploads lists the waiting uploads, newest first, without their data.
func (s *Store) PendingUploads(ctx context.Context) ([]CourseUpload, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero CourseUpload, err error) {
		var u CourseUpload
		var title, at string
		if err := rows.Scan(&u.ID, &u.Filename, &u.SHA256, &u.CourseID, &u.CourseVersion, &title, &u.UploadedBy, &at); err != nil {
			return zero, err
		}
		_ = json.Unmarshal([]byte(title), &u.Title)
		u.UploadedAt = parseTime(at)
		return u, nil
	}, `SELECT id, filename, sha256, course_id, course_version, title_json, uploaded_by, uploaded_at FROM course_uploads
		WHERE uploaded_at >= ? ORDER BY uploaded_at DESC, id LIMIT 50`, s.now().UTC().Add(-UploadTTL).Format(time.RFC3339))
}

// DeleteUpload drops a waiting upload (published or discarded); an unknown id is not an error.
func (s *Store) DeleteUpload(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM course_uploads WHERE id = ?`, id)
		return err
	})
}
