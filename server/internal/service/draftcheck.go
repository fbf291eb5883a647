package service

import "context"

// CheckDraftFile lints the draft as if file p held data, without saving anything: what an editor
// shows as the author types (the question editor's live check).
func (c *Center) CheckDraftFile(ctx context.Context, id, p string, data []byte) ([]LintProblem, error) {
	d, files, _, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return nil, err
	}
	files[p] = data
	ps, _, err := c.lint(ctx, d, files)
	return ps, err
}
