package service

import (
	"context"
	"strings"

	"aula/courses"
	"aula/courses/coursediff"
	"aula/courses/coursepkg"
)

// DraftDiff is what a reviewer reads: the draft against the published version it started from
// (coursediff: course details and quiz settings by field, lessons as rendered text line by line,
// questions by id and field, media files). A draft with errors has no diff yet: its problems come
// back instead (nil error), as from SubmitDraft.
func (c *Center) DraftDiff(ctx context.Context, id string) (*coursediff.Diff, []LintProblem, error) {
	d, files, _, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	problems, pkg := lintFiles(d, files)
	if pkg == nil {
		return nil, problems, nil
	}
	var old *courses.Course
	oldFiles := map[string][]byte{}
	if d.BaseVersion > 0 {
		v, err := c.Store.FindVersion(ctx, d.CourseID, d.BaseVersion)
		if err != nil {
			return nil, nil, err
		}
		if oldFiles, err = c.Store.VersionFiles(ctx, v.ID); err != nil {
			return nil, nil, err
		}
		base, ps := coursepkg.ReadFiles(oldFiles, d.CourseID)
		if len(ps) > 0 {
			return nil, nil, ps // a published version no longer reads: an operator's problem
		}
		old = base.Course
	}
	diff, err := coursediff.Compare(old, pkg.Course, media(oldFiles), media(files))
	return diff, nil, err
}

// media returns the files under media/.
func media(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, data := range files {
		if strings.HasPrefix(p, "media/") {
			out[p] = data
		}
	}
	return out
}
