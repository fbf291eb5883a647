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

// Version is a published course version.
type Version struct {
	ID          int64
	CourseID    string
	Version     int
	Title       courses.Text
	Area        string
	Hours       float64
	Manifest    []byte // signed bytes
	Signature   []byte
	PublishedBy string
	PublishedAt time.Time
	CertIssue   string // certificate policy: automatic, approval or none
	CertMonths  int    // certificate validity; 0 never expires
}

// VersionFile is a file of a version.
type VersionFile struct {
	Path   string
	SHA256 string
	Size   int64
}

// NewVersion is everything PublishVersion stores.
type NewVersion struct {
	Version
	Files []VersionFile
	Blobs map[string][]byte // sha256 -> data, for every file
}

// PublishVersion stores a version and its files in one transaction. A file whose content is
// already stored (same SHA-256) is not stored again. The version must be greater than every
// published version of the course.
func (s *Store) PublishVersion(ctx context.Context, v *NewVersion) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.publishTx(tx, v) })
}

// publishTx is PublishVersion inside a transaction the caller holds (approving a draft publishes
// it and closes the draft in one transaction).
func (s *Store) publishTx(tx *sql.Tx, v *NewVersion) error {
	var latest sql.NullInt64
	if err := tx.QueryRow(`SELECT max(version) FROM course_versions WHERE course_id = ?`, v.CourseID).Scan(&latest); err != nil {
		return err
	}
	if latest.Valid && int64(v.Version.Version) <= latest.Int64 {
		return courses.E(courses.Conflict, "course.version_old", v.CourseID, v.Version.Version, latest.Int64)
	}
	title, _ := json.Marshal(v.Title)
	var id int64
	if err := tx.QueryRow(`INSERT INTO course_versions (course_id, version, title_json, area, hours, manifest, signature, published_by, published_at,
		cert_issue, cert_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, v.CourseID, v.Version.Version, string(title), v.Area, v.Hours, v.Manifest, v.Signature,
		v.PublishedBy, v.PublishedAt.UTC().Format(time.RFC3339), v.CertIssue, v.CertMonths).Scan(&id); err != nil {
		return err
	}
	for _, f := range v.Files {
		if _, err := tx.Exec(`INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, f.SHA256, f.Size, v.Blobs[f.SHA256]); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO version_files (version_id, path, sha256, size) VALUES (?, ?, ?, ?)`, id, f.Path, f.SHA256, f.Size); err != nil {
			return err
		}
	}
	v.ID = id
	if err := addChange(tx, nil, "course", v.CourseID+"/"+itoa(v.Version.Version), s.stamp()); err != nil {
		return err
	}
	return audit(tx, s.stamp(), v.PublishedBy, "course.publish", "course:"+v.CourseID+"@"+itoa(v.Version.Version), v.CourseID+" v"+itoa(v.Version.Version))
}

const versionCols = `id, course_id, version, title_json, area, hours, manifest, signature, published_by, published_at, cert_issue, cert_months`

// ListVersions returns every version of every course (courseID "") or of one course, newest
// version first within each course.
func (s *Store) ListVersions(ctx context.Context, courseID string) ([]Version, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Version, err error) {
		v, err := scanVersion(rows)
		if err != nil {
			return zero, err
		}
		return *v, nil
	}, `SELECT `+versionCols+` FROM course_versions WHERE ? = '' OR course_id = ? ORDER BY course_id, version DESC`, courseID, courseID)
}

// LatestVersions returns the newest version of each course.
func (s *Store) LatestVersions(ctx context.Context) ([]Version, error) {
	all, err := s.ListVersions(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []Version
	for _, v := range all {
		if len(out) == 0 || out[len(out)-1].CourseID != v.CourseID {
			out = append(out, v)
		}
	}
	return out, nil
}

// FindVersion returns one version, or a NotFound error.
func (s *Store) FindVersion(ctx context.Context, courseID string, version int) (*Version, error) {
	v, err := scanVersion(s.hot.findVersion.QueryRow(courseID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "course.no_version", courseID, version)
	}
	return v, err
}

func scanVersion(row interface{ Scan(...any) error }) (*Version, error) {
	var v Version
	var title, at string
	if err := row.Scan(&v.ID, &v.CourseID, &v.Version, &title, &v.Area, &v.Hours, &v.Manifest, &v.Signature, &v.PublishedBy, &at,
		&v.CertIssue, &v.CertMonths); err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(title), &v.Title)
	v.PublishedAt = parseTime(at)
	return &v, nil
}

// VersionFiles returns the files of a version with their contents.
func (s *Store) VersionFiles(ctx context.Context, versionID int64) (map[string][]byte, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT f.path, b.data FROM version_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.version_id = ?`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var p string
		var data []byte
		if err := rows.Scan(&p, &data); err != nil {
			return nil, err
		}
		out[p] = data
	}
	return out, rows.Err()
}

// BlobStats returns how many distinct blobs are stored and their total size.
func (s *Store) BlobStats(ctx context.Context) (count int, size int64, err error) {
	err = s.db.Read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0) FROM blobs`).Scan(&count, &size)
	return count, size, err
}

// Empty reports whether no course version has been published yet.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM course_versions`).Scan(&n)
	return n == 0, err
}

// Blob returns a stored file by its SHA-256, or a NotFound error.
func (s *Store) Blob(ctx context.Context, sha string) ([]byte, error) {
	var data []byte
	err := s.db.Read.QueryRowContext(ctx, `SELECT data FROM blobs WHERE sha256 = ?`, sha).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "err.no_file", sha)
	}
	return data, err
}
