package coursepkg

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"aula/courses"
	"aula/courses/markdown"
)

var lessonName = regexp.MustCompile(`^lessons/(\d{2,4})-([a-z0-9][a-z0-9-]*)(?:\.([a-z]+))?\.md$`)

// lessonFile is one lesson file before it is joined with its translations.
type lessonFile struct {
	path, id, lang string
	number         int
}

// readLessons reads every lesson file, pairs translations with their default-language file and
// checks that every offered language has every lesson.
func (r *reader) readLessons() {
	c := r.course
	byID := map[string]*courses.Lesson{}
	numbers := map[int]string{}
	var translations []lessonFile
	for _, f := range r.files {
		if !strings.HasPrefix(f.Path, "lessons/") {
			continue
		}
		m := lessonName.FindStringSubmatch(f.Path)
		if m == nil {
			r.c.add(f.Path, 1, "lint.lesson_name")
			continue
		}
		n, _ := strconv.Atoi(m[1])
		lf := lessonFile{path: f.Path, id: m[1] + "-" + m[2], lang: m[3], number: n}
		if lf.lang == "" {
			lf.lang = c.Language
		} else {
			if lf.lang == c.Language {
				r.c.add(f.Path, 1, "lint.lesson_default_lang", lf.lang, lf.id)
				continue
			}
			if !slices.Contains(c.Languages, lf.lang) {
				r.c.add(f.Path, 1, "lint.lesson_lang_unlisted", lf.lang, strings.Join(c.Languages, ", "))
				continue
			}
			translations = append(translations, lf)
			continue
		}
		if other, dup := numbers[n]; dup {
			r.c.add(f.Path, 1, "lint.lesson_number_twice", m[1], other)
			continue
		}
		numbers[n] = lf.id
		l := &courses.Lesson{ID: lf.id, Number: n, Title: courses.Text{}, Body: map[string]string{}, Files: map[string]string{}}
		r.readLessonFile(l, lf, true)
		byID[lf.id] = l
	}
	for _, lf := range translations {
		l := byID[lf.id]
		if l == nil {
			r.c.add(lf.path, 1, "lint.lesson_orphan", lf.id)
			continue
		}
		r.readLessonFile(l, lf, false)
	}
	if len(byID) == 0 {
		r.c.add("course.yaml", 1, "lint.no_lessons")
	}
	for _, l := range byID {
		for _, lang := range c.Languages {
			if _, ok := l.Files[lang]; !ok && lang != c.Language {
				r.c.add(l.Files[c.Language], 1, "lint.lesson_translation", lang, l.ID, lang, lang)
			}
		}
		c.Lessons = append(c.Lessons, *l)
	}
	slices.SortFunc(c.Lessons, func(a, b courses.Lesson) int { return a.Number - b.Number })
}

// readLessonFile reads the front matter and body of one lesson file into l.
func (r *reader) readLessonFile(l *courses.Lesson, lf lessonFile, primary bool) {
	l.Files[lf.lang] = lf.path
	data := r.data[lf.path]
	front, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		r.c.add(lf.path, 1, "lint.front_matter")
		return
	}
	d := &node{c: r.c, file: lf.path, off: 1}
	root := d.parse(front)
	if root != nil {
		f := d.fields(root, "front matter", "title", "minutes")
		req := []string{"title"}
		if primary {
			req = append(req, "minutes")
		}
		d.require(root, "front matter", f, req...)
		if n := f["title"]; n != nil {
			// A plain title is in the file's own language; the default-language file may also give
			// every translation's title as a map.
			langs := []string{lf.lang}
			if primary {
				langs = r.course.Languages
			}
			for k, v := range d.textIn(n, "title", lf.lang, langs, []string{lf.lang}) {
				l.Title[k] = v
			}
		}
		if n := f["minutes"]; n != nil {
			if m, ok := d.integer(n, "minutes"); ok {
				if m < 1 || m > 240 {
					d.errf(n, "lint.minutes")
				}
				if primary {
					l.Minutes = m
				}
			}
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		r.c.add(lf.path, bodyLine, "lint.lesson_empty")
	}
	l.Body[lf.lang] = string(body)
	r.checkRefs(lf.path, body, bodyLine)
}

// checkRefs reports links and images that are unsafe or point at nothing.
func (r *reader) checkRefs(file string, body []byte, bodyLine int) {
	for _, ref := range markdown.Refs(body) {
		line := bodyLine + ref.Line - 1
		t, err := markdown.Resolve(file, ref.Dest)
		var le *markdown.LinkError
		switch {
		case errors.As(err, &le):
			r.c.add(file, line, le.ID, le.Args...)
		case err != nil:
			r.c.add(file, line, "lint.read_error", err)
		case t.External || t.Anchor:
		case !r.has(t.Path):
			id := "lint.broken_link"
			if ref.Image {
				id = "lint.broken_image"
			}
			r.c.add(file, line, id, ref.Dest, t.Path)
		case ref.Image && !strings.HasPrefix(t.Path, "media/"):
			r.c.add(file, line, "lint.image_outside_media", ref.Dest)
		}
	}
}

// splitFrontMatter splits "---\nYAML\n---\nbody" and returns the body's first line number.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, false
	}
	rest := data[4:]
	lines := bytes.SplitAfter(rest, []byte("\n"))
	off := 0
	for i, ln := range lines {
		if bytes.Equal(bytes.TrimRight(ln, " \t\n"), []byte("---")) {
			return rest[:off], rest[off+len(ln):], i + 3, true
		}
		off += len(ln)
	}
	return nil, nil, 0, false
}
