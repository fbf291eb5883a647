package coursepkg

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

// mediaSegment is one folder or file name under media/: letters, digits, dots, dashes and
// underscores, not starting with a dot.
var mediaSegment = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*$`)

// PathKind says what a file of a course package is by its path: "yaml" (course.yaml,
// quiz.yaml), "lesson" (lessons/NN-slug.md, lessons/NN-slug.LANG.md), "media" (media/…, an
// allowed extension) or "" when the format has no place for it. Paths are slash-separated and
// relative to the package root; "..", absolute paths and hidden names are never allowed.
func PathKind(p string) string {
	if p == "" || strings.Contains(p, "\\") || strings.HasPrefix(p, "/") || path.Clean(p) != p {
		return ""
	}
	switch {
	case p == "course.yaml" || p == "quiz.yaml":
		return "yaml"
	case lessonName.MatchString(p):
		return "lesson"
	case strings.HasPrefix(p, "media/"):
		for _, seg := range strings.Split(strings.TrimPrefix(p, "media/"), "/") {
			if !mediaSegment.MatchString(seg) {
				return ""
			}
		}
		if slices.Contains(mediaTypes, strings.ToLower(path.Ext(p))) {
			return "media"
		}
	}
	return ""
}

// SizeLimit returns the size limit of a file of the given PathKind.
func SizeLimit(kind string) int64 {
	switch kind {
	case "yaml":
		return MaxYAMLSize
	case "lesson":
		return MaxLessonSize
	}
	return MaxMediaSize
}

// LessonParts splits a lesson file name into its id (NN-slug), number and language ("" for
// the default language); ok is false for a path that is no lesson file.
func LessonParts(p string) (id string, number int, lang string, ok bool) {
	m := lessonName.FindStringSubmatch(p)
	if m == nil {
		return "", 0, "", false
	}
	for _, c := range m[1] {
		number = number*10 + int(c-'0')
	}
	return m[1] + "-" + m[2], number, m[3], true
}

// LessonBody returns a lesson file's Markdown body, after its front matter (ok false when the
// front matter is missing), as the reader sees it.
func LessonBody(data []byte) (body []byte, ok bool) {
	_, body, _, ok = splitFrontMatter(data)
	return body, ok
}
