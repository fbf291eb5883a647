package service

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/store"
)

// NoRevision is the base revision of a save that did not say which revision it edited: allowed
// for a new file only, never to overwrite one.
const NoRevision int64 = -1

// checkFile refuses a file the course format has no place for (a path outside course.yaml,
// quiz.yaml, lessons/NN-slug[.LANG].md and media/ with an allowed extension; "..", absolute and
// hidden paths), one over its size limit, text that is not UTF-8, and an image whose content is
// not what its extension says. An SVG comes back cleaned of scripts and handlers.
func checkFile(p string, data []byte) ([]byte, error) {
	kind := coursepkg.PathKind(p)
	if kind == "" {
		return nil, courses.E(courses.Invalid, "draft.bad_path", p)
	}
	if limit := coursepkg.SizeLimit(kind); int64(len(data)) > limit {
		return nil, courses.E(courses.Invalid, "draft.too_large", p, limit>>10)
	}
	if kind != "media" {
		if !utf8.Valid(data) {
			return nil, courses.E(courses.Invalid, "draft.not_utf8", p)
		}
		return data, nil
	}
	ext := strings.ToLower(path.Ext(p))
	if ext == ".svg" {
		if !isSVG(data) {
			return nil, courses.E(courses.Invalid, "draft.bad_image", p, coursepkg.MediaType(p))
		}
		clean, _, problems := coursepkg.SanitizeSVG(data)
		if len(problems) > 0 {
			return nil, courses.E(courses.Invalid, "draft.bad_svg", p, problems[0].Line, problems[0].Message)
		}
		return clean, nil
	}
	got := http.DetectContentType(data)
	if got != coursepkg.MediaType(p) {
		return nil, courses.E(courses.Invalid, "draft.bad_image", p, coursepkg.MediaType(p))
	}
	return data, nil
}

// isSVG reports whether data is XML whose root element is <svg>.
func isSVG(data []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "svg"
		}
	}
}

// DraftFile returns a file of a draft and its revision (the API's ETag).
func (c *Center) DraftFile(ctx context.Context, id, p string) ([]byte, int64, error) {
	if coursepkg.PathKind(p) == "" {
		return nil, 0, courses.E(courses.NotFound, "err.no_file", p)
	}
	return c.Store.DraftFile(ctx, id, p)
}

// WriteDraftFile saves a file of a draft in editing. base is the revision the author edited
// (NoRevision for a new file): when someone else saved the file since, nothing is written and a
// Conflict (draft.stale) says so. It returns the file's new revision and the draft's lint
// problems in that file.
func (c *Center) WriteDraftFile(ctx context.Context, id, p string, data []byte, base int64, actor string) (int64, []LintProblem, error) {
	clean, err := checkFile(p, data)
	if err != nil {
		return 0, nil, err
	}
	if base == NoRevision {
		if _, _, err := c.Store.DraftFile(ctx, id, p); err == nil {
			return 0, nil, courses.E(courses.Conflict, "draft.revision_missing", p)
		}
		base = 0
	}
	rev, err := c.Store.WriteDraftFiles(ctx, id, 0, []store.FileChange{{Path: p, Data: clean, BaseRevision: base}}, actor, "draft.write", p)
	if err != nil {
		return 0, nil, err
	}
	problems, err := c.LintDraft(ctx, id)
	if err != nil {
		return rev, nil, err
	}
	return rev, slices.DeleteFunc(problems, func(lp LintProblem) bool { return lp.File != p }), nil
}

// DeleteDraftFile removes a file of a draft in editing; base is the revision the author saw.
func (c *Center) DeleteDraftFile(ctx context.Context, id, p string, base int64, actor string) error {
	if coursepkg.PathKind(p) == "" {
		return courses.E(courses.NotFound, "err.no_file", p)
	}
	if base == NoRevision {
		return courses.E(courses.Conflict, "draft.revision_missing", p)
	}
	_, err := c.Store.WriteDraftFiles(ctx, id, 0, []store.FileChange{{Path: p, BaseRevision: base}}, actor, "draft.delete", p)
	return err
}

// lessonRef finds a lesson file name in a link: after "(", "/", "<", a quote, a blank or the
// start of a line.
var lessonRef = regexp.MustCompile(`(^|[(/<\s"'])(\d{2,4}-[a-z0-9][a-z0-9-]*)((?:\.[a-z]+)?\.md)`)

// ReorderLessons puts the draft's lessons in the order given (their ids, NN-slug, every lesson
// once): the format orders lessons by the number in their file names, so the files (and their
// translations) are renamed 01-, 02-, … and the links between lessons rewritten. revision is the
// draft revision the author saw (0: the current one); a draft changed since is a Conflict.
func (c *Center) ReorderLessons(ctx context.Context, id string, order []string, revision int64, actor string) (int64, error) {
	files, rev, err := c.Store.DraftFiles(ctx, id)
	if err != nil {
		return 0, err
	}
	if revision > 0 && revision != rev {
		return 0, courses.E(courses.Conflict, "draft.stale_draft")
	}
	current := map[string]string{} // lesson id -> slug
	for p := range files {
		if lid, _, lang, ok := coursepkg.LessonParts(p); ok && lang == "" {
			current[lid] = lid[strings.Index(lid, "-")+1:]
		}
	}
	if len(order) != len(current) || slices.ContainsFunc(order, func(l string) bool { _, ok := current[l]; return !ok }) ||
		len(slices.Compact(slices.Sorted(slices.Values(order)))) != len(order) {
		return 0, courses.E(courses.Invalid, "draft.bad_order")
	}
	rename := map[string]string{}
	for i, lid := range order {
		rename[lid] = fmt.Sprintf("%02d-%s", i+1, current[lid])
	}
	var changes []store.FileChange
	for p, data := range files {
		lid, _, _, ok := coursepkg.LessonParts(p)
		if !ok {
			continue
		}
		data = lessonRef.ReplaceAllFunc(data, func(m []byte) []byte {
			sm := lessonRef.FindSubmatch(m)
			if to, ok := rename[string(sm[2])]; ok {
				return append(append(append([]byte{}, sm[1]...), to...), sm[3]...)
			}
			return m
		})
		np := "lessons/" + rename[lid] + strings.TrimPrefix(p, "lessons/"+lid)
		if np != p {
			changes = append(changes, store.FileChange{Path: p, BaseRevision: -1})
		}
		if np != p || !bytes.Equal(data, files[p]) {
			changes = append(changes, store.FileChange{Path: np, Data: data, BaseRevision: -1})
		}
	}
	// Removals first: a new name may be an old name of another lesson.
	slices.SortStableFunc(changes, func(a, b store.FileChange) int { return boolInt(a.Data != nil) - boolInt(b.Data != nil) })
	if len(changes) == 0 {
		return rev, nil
	}
	return c.Store.WriteDraftFiles(ctx, id, rev, changes, actor, "draft.reorder", strings.Join(order, " "))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
