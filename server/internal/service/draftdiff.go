package service

import (
	"context"
	"strings"

	"aula/courses/coursediff"
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
	problems, pkg, err := c.lint(ctx, d, files)
	if err != nil || pkg == nil {
		return nil, problems, err
	}
	old, oldFiles, err := c.baseVersion(ctx, d)
	if err != nil {
		return nil, nil, err
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
