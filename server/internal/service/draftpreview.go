package service

import (
	"context"
	"html/template"
	"maps"
	"regexp"
	"slices"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/lesson"
)

// LessonPreview is a lesson rendered as the node shows it, in each language it has.
type LessonPreview struct {
	Lesson string                   `json:"lesson"` // its id, NN-slug
	HTML   map[string]template.HTML `json:"html"`   // language -> the article (lesson.Render)
}

// languageLine is course.yaml's top-level default language.
var languageLine = regexp.MustCompile(`(?m)^language:[ \t]*["']?([a-z]+)`)

// PreviewLesson renders the lesson that file p belongs to (its default-language file or a
// translation) in every language the draft has it in, with courses/lesson exactly as the node
// renders it (raw HTML off, unsafe links dropped). text, when not nil, is the unsaved content of
// p (the editor's live preview). mediaBase is where the caller serves the draft's media/ folder
// (ending in "/"); links to other lessons become "#lesson-ID" anchors. The draft need not lint
// clean: a lesson whose front matter is still being written is rendered from its whole text.
func (c *Center) PreviewLesson(ctx context.Context, id, p string, text *string, mediaBase string) (*LessonPreview, error) {
	lid, _, _, ok := coursepkg.LessonParts(p)
	if !ok {
		return nil, courses.E(courses.Invalid, "draft.not_lesson", p)
	}
	files, _, err := c.Store.DraftFiles(ctx, id)
	if err != nil {
		return nil, err
	}
	if text != nil {
		files[p] = []byte(*text)
	}
	if _, ok := files[p]; !ok {
		return nil, courses.E(courses.NotFound, "err.no_file", p)
	}
	cr := draftSkeleton(files)
	i := slices.IndexFunc(cr.Lessons, func(l courses.Lesson) bool { return l.ID == lid })
	out := &LessonPreview{Lesson: lid, HTML: map[string]template.HTML{}}
	routes := lesson.Routes{Media: mediaBase, Lesson: func(id, _ string) string { return "#lesson-" + id }}
	for lang := range cr.Lessons[i].Files {
		html, err := lesson.Render(cr, cr.Lessons[i], lang, routes)
		if err != nil {
			return nil, err
		}
		out.HTML[lang] = html
	}
	return out, nil
}

// draftSkeleton is enough of a course to render its lessons: the default language and every
// lesson file with its body, whatever else the draft still lacks.
func draftSkeleton(files map[string][]byte) *courses.Course {
	cr := &courses.Course{Language: courses.Languages[0]}
	if m := languageLine.FindSubmatch(files["course.yaml"]); m != nil && slices.Contains(courses.Languages, string(m[1])) {
		cr.Language = string(m[1])
	}
	byID := map[string]int{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		lid, n, lang, ok := coursepkg.LessonParts(p)
		if !ok {
			continue
		}
		if lang == "" {
			lang = cr.Language
		}
		i, seen := byID[lid]
		if !seen {
			i = len(cr.Lessons)
			byID[lid] = i
			cr.Lessons = append(cr.Lessons, courses.Lesson{ID: lid, Number: n, Files: map[string]string{}, Body: map[string]string{}})
		}
		body, ok := coursepkg.LessonBody(files[p])
		if !ok {
			body = files[p]
		}
		cr.Lessons[i].Files[lang] = p
		cr.Lessons[i].Body[lang] = string(body)
	}
	return cr
}
