package service

import (
	"context"
	"strings"
	"testing/fstest"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/store"
)

// SubmitDraft sends a draft to review ("Enviar a revisión"): it is then locked until a reviewer
// approves or returns it. While the draft has errors it is not submitted and they come back
// (nil error) for the author to fix; warnings do not block.
func (c *Center) SubmitDraft(ctx context.Context, id, actor string) ([]LintProblem, error) {
	d, files, rev, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return nil, err
	}
	problems, _, err := c.lint(ctx, d, files)
	if err != nil || HasErrors(problems) {
		return problems, err
	}
	// The revision linted is the one submitted: a save in between makes this a Conflict.
	return nil, c.Store.SubmitDraft(ctx, id, rev, actor)
}

// ReviewComment is what a reviewer writes when returning a draft: about the draft as a whole
// (File "") or a line of one of its files.
type ReviewComment struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// ReturnDraft sends a draft in review back to its authors with the reviewer's comments (at least
// one), which stay with the draft.
func (c *Center) ReturnDraft(ctx context.Context, id, actor string, comments []ReviewComment) error {
	var out []store.DraftComment
	for _, cm := range comments {
		text := strings.TrimSpace(cm.Text)
		if text == "" {
			continue
		}
		if cm.File != "" && coursepkg.PathKind(cm.File) == "" {
			return courses.InvalidFields(map[string]courses.Msg{"file": courses.M("draft.bad_path", cm.File)})
		}
		if cm.Line < 0 {
			cm.Line = 0
		}
		out = append(out, store.DraftComment{Body: text, File: cm.File, Line: cm.Line})
	}
	if len(out) == 0 {
		return courses.InvalidFields(map[string]courses.Msg{"comments": courses.M("draft.comment_required")})
	}
	return c.Store.ReturnDraft(ctx, id, actor, out)
}

// ApproveDraft publishes a draft in review as version base+1, signed as any publish, and closes
// it; the publish, the draft's new state and the audit entry are one transaction. The one who
// submitted it may not approve it (Forbidden); when someone published another version of the
// course meanwhile it is a Conflict (the draft must be started again from that version).
func (c *Center) ApproveDraft(ctx context.Context, id, actor string) (*store.Version, []LintProblem, error) {
	d, files, _, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if d.Status != store.DraftReview {
		return nil, nil, store.DraftStatusError(d.Status)
	}
	if d.SubmittedBy == actor {
		return nil, nil, courses.E(courses.Forbidden, "draft.self_approve")
	}
	if problems, _, err := c.lint(ctx, d, files); err != nil || HasErrors(problems) {
		return nil, problems, err // the linter changed since the draft was submitted
	}
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	nv, err := c.Publisher.Prepare(fsys, d.CourseID, actor)
	if err != nil {
		return nil, nil, err
	}
	if err := c.Store.ApproveDraft(ctx, id, actor, nv); err != nil {
		return nil, nil, err
	}
	return &nv.Version, nil, nil
}
