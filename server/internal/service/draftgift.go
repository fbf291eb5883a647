package service

import (
	"context"
	"strconv"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/gift"
	"aula/courses/quizedit"
	"aula/server/internal/store"
)

// ImportGIFT appends the questions of a Moodle GIFT text to the draft's quiz.yaml (made when the
// draft has none) and returns how many were imported and what was skipped, by line (message ids
// the caller translates). Nothing is written when nothing was imported; a draft changed meanwhile
// is a Conflict.
func (c *Center) ImportGIFT(ctx context.Context, id string, text []byte, actor string) (int, []gift.Skipped, error) {
	if len(text) > gift.MaxSize {
		return 0, nil, courses.E(courses.Invalid, "draft.too_large", "GIFT", gift.MaxSize>>10)
	}
	d, files, rev, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return 0, nil, err
	}
	if d.Status != store.DraftEditing {
		return 0, nil, store.DraftStatusError(d.Status)
	}
	q := quizedit.New(80)
	if data, ok := files["quiz.yaml"]; ok {
		if q, err = quizedit.ParseIn(data, coursepkg.DefaultLanguage(files["course.yaml"])); err != nil {
			return 0, nil, courses.E(courses.Invalid, "draft.quiz_unreadable")
		}
	}
	n, skipped := gift.Import(text, q)
	if n == 0 {
		return 0, skipped, nil
	}
	data, err := q.Marshal()
	if err != nil {
		return 0, nil, err
	}
	_, err = c.Store.WriteDraftFiles(ctx, id, rev, []store.FileChange{{Path: "quiz.yaml", Data: data, BaseRevision: -1}},
		actor, "draft.gift", strconv.Itoa(n)+" questions imported, "+strconv.Itoa(len(skipped))+" skipped")
	return n, skipped, err
}
