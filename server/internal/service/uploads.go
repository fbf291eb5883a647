package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/store"
)

// A course upload from the web takes two steps: StageCourse checks the .zip and keeps it, the
// author looks at its problems or its preview, and PublishUpload publishes that exact upload.
// An upload with problems is never kept, so it cannot be published.

// UploadStore is what staged course uploads need from the store.
type UploadStore interface {
	SaveUpload(ctx context.Context, u *store.CourseUpload) error
	FindUpload(ctx context.Context, id string) (*store.CourseUpload, error)
	DeleteUpload(ctx context.Context, id string) error
	ListVersions(ctx context.Context, courseID string) ([]store.Version, error)
}

// StageCourse checks an uploaded course .zip as publishing would (the linter, and a version
// greater than the published one) and keeps it to be published. A course with problems is not
// kept: they come back (nil error) for the author to fix.
func (c *Center) StageCourse(ctx context.Context, data []byte, filename, actor string) (*store.CourseUpload, coursepkg.Problems, error) {
	fsys, err := CourseZip(data)
	if err != nil {
		return nil, nil, err
	}
	pkg, problems := coursepkg.Read(fsys, filename)
	if len(problems) > 0 {
		return nil, problems, nil
	}
	cr := pkg.Course
	versions, err := c.Store.ListVersions(ctx, cr.ID)
	if err != nil {
		return nil, nil, err
	}
	if len(versions) > 0 && versions[0].Version >= cr.Version {
		return nil, nil, courses.E(courses.Conflict, "course.version_old", cr.ID, cr.Version, versions[0].Version)
	}
	sum := sha256.Sum256(data)
	u := &store.CourseUpload{ID: courses.NewID(), Filename: filename, SHA256: hex.EncodeToString(sum[:]), Data: data,
		CourseID: cr.ID, CourseVersion: cr.Version, Title: cr.Title, UploadedBy: actor}
	return u, nil, c.Store.SaveUpload(ctx, u)
}

// StagedCourse returns a kept upload, read as a course package, with its files (for the preview).
func (c *Center) StagedCourse(ctx context.Context, id string) (*store.CourseUpload, *coursepkg.Package, fs.FS, error) {
	u, err := c.Store.FindUpload(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	fsys, err := CourseZip(u.Data)
	if err != nil {
		return nil, nil, nil, err
	}
	pkg, problems := coursepkg.Read(fsys, u.Filename)
	if len(problems) > 0 {
		return nil, nil, nil, problems // kept uploads were clean: the linter changed since
	}
	return u, pkg, fsys, nil
}

// PublishUpload publishes a kept upload, exactly the bytes that were checked and previewed, and
// drops it. Problems found now (another version was published meanwhile) come back as they do
// from PublishCourse.
func (c *Center) PublishUpload(ctx context.Context, id, actor string) (*store.Version, coursepkg.Problems, error) {
	u, err := c.Store.FindUpload(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	fsys, err := CourseZip(u.Data)
	if err != nil {
		return nil, nil, err
	}
	v, problems, err := c.PublishCourse(ctx, fsys, u.Filename, actor)
	if err != nil || len(problems) > 0 {
		return v, problems, err
	}
	return v, nil, c.Store.DeleteUpload(ctx, id)
}

// DiscardUpload drops a kept upload without publishing it.
func (c *Center) DiscardUpload(ctx context.Context, id string) (*store.CourseUpload, error) {
	u, err := c.Store.FindUpload(ctx, id)
	if err != nil {
		return nil, err
	}
	return u, c.Store.DeleteUpload(ctx, id)
}
