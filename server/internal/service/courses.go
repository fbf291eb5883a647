package service

import (
	"context"
	"errors"
	"io/fs"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/publish"
	"aula/server/internal/store"
)

// PublishCourse checks a course folder and publishes it as a new signed version. A course with
// problems is not published: they come back (nil error) for the author to fix. name says where
// the course came from (a folder or an uploaded file) in the audit log.
func (c *Center) PublishCourse(ctx context.Context, fsys fs.FS, name, actor string) (*store.Version, coursepkg.Problems, error) {
	v, err := c.Publisher.Publish(ctx, fsys, name, actor)
	var problems coursepkg.Problems
	if errors.As(err, &problems) {
		return nil, problems, nil
	}
	return v, nil, err
}

// CourseZip opens an uploaded course zip as a folder for PublishCourse.
func CourseZip(data []byte) (fs.FS, error) {
	if len(data) > publish.MaxZipSize {
		return nil, courses.E(courses.Invalid, "err.too_large")
	}
	return publish.ZipFS(data)
}
