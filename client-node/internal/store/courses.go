package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/protocol"
)

// InstalledVersion is a course version installed on the node.
type InstalledVersion struct {
	ID        int64
	CourseID  string
	Version   int
	Manifest  []byte
	Signature []byte
}

// InstallVersion stores a course version whose manifest the caller has verified against the
// center's key. Every file must be given and match its manifest hash; files the node already
// holds (same hash) are stored once. Installing a version twice is a no-op.
func (s *Store) InstallVersion(ctx context.Context, m *protocol.Manifest, manifest, sig []byte, files map[string][]byte) error {
	for _, f := range m.Files {
		data, ok := files[f.Path]
		if !ok {
			if has, err := s.HasBlob(ctx, f.SHA256); err != nil || !has {
				return fmt.Errorf("install %s v%d: file %s is missing", m.CourseID, m.Version, f.Path)
			}
			continue
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Size {
			return fmt.Errorf("install %s v%d: file %s does not match its manifest hash", m.CourseID, m.Version, f.Path)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return installVersion(tx, m, manifest, sig, files, s.stamp()) })
}

// installVersion records a version whose files are given in files or already stored as blobs.
func installVersion(tx *sql.Tx, m *protocol.Manifest, manifest, sig []byte, files map[string][]byte, now string) error {
	var exists int
	if err := tx.QueryRow(`SELECT count(*) FROM course_versions WHERE course_id = ? AND version = ?`, m.CourseID, m.Version).Scan(&exists); err != nil {
		return err
	}
	if exists > 0 {
		return nil
	}
	res, err := tx.Exec(`INSERT INTO course_versions (course_id, version, manifest, signature, installed_at) VALUES (?, ?, ?, ?, ?)`,
		m.CourseID, m.Version, manifest, sig, now)
	if err != nil {
		return err
	}
	id, _ := res.LastInsertId()
	for _, f := range m.Files {
		if data, ok := files[f.Path]; ok {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)`, f.SHA256, f.Size, data); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`INSERT INTO version_files (version_id, path, sha256) VALUES (?, ?, ?)`, id, f.Path, f.SHA256); err != nil {
			return fmt.Errorf("install %s v%d: %s: %w", m.CourseID, m.Version, f.Path, err)
		}
	}
	return nil
}

// HasBlob reports whether the node holds a file with this SHA-256.
func (s *Store) HasBlob(ctx context.Context, sha string) (bool, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM blobs WHERE sha256 = ?`, sha).Scan(&n)
	return n > 0, err
}

// LatestVersions returns the newest installed version of every course, by course id.
func (s *Store) LatestVersions(ctx context.Context) ([]InstalledVersion, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero InstalledVersion, err error) {
		var v InstalledVersion
		if err := rows.Scan(&v.ID, &v.CourseID, &v.Version, &v.Manifest, &v.Signature); err != nil {
			return zero, err
		}
		return v, nil
	}, `SELECT id, course_id, version, manifest, signature FROM course_versions v
		WHERE version = (SELECT max(version) FROM course_versions w WHERE w.course_id = v.course_id) ORDER BY course_id`)
}

// FindVersion returns an installed version, or a NotFound error.
func (s *Store) FindVersion(ctx context.Context, courseID string, version int) (*InstalledVersion, error) {
	var v InstalledVersion
	err := s.db.Read.QueryRowContext(ctx, `SELECT id, course_id, version, manifest, signature FROM course_versions WHERE course_id = ? AND version = ?`,
		courseID, version).Scan(&v.ID, &v.CourseID, &v.Version, &v.Manifest, &v.Signature)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "course.not_installed", courseID, version)
	}
	return &v, err
}

// VersionFiles returns the files of an installed version.
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

// VersionFile returns one file of an installed version, or a NotFound error.
func (s *Store) VersionFile(ctx context.Context, versionID int64, path string) ([]byte, error) {
	var data []byte
	err := s.db.Read.QueryRowContext(ctx, `SELECT b.data FROM version_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.version_id = ? AND f.path = ?`,
		versionID, path).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "err.no_file", path)
	}
	return data, err
}
