package coursepkg

import (
	"fmt"
	"maps"
	"slices"

	"aula/courses"
	"aula/courses/markdown"
)

// Texts are the English texts of the linter's message ids (Problem.ID): Message is the text
// formatted, as `course lint` prints it. The apps' catalogs translate every id (see MessageIDs).
var Texts = map[string]string{
	"lint.course_id":              "invalid id %q: 2-63 lowercase letters, digits and dashes, starting with a letter or digit",
	"lint.version":                "version must be 1 or more",
	"lint.language":               "unknown language %q (use %s)",
	"lint.languages_unknown":      "unknown language %q in languages (use %s)",
	"lint.languages_twice":        "language %q is listed twice",
	"lint.languages_default":      "languages must include the default language %q",
	"lint.area":                   "unknown area %q (use %s)",
	"lint.hours":                  "hours must be greater than 0 and at most 1000",
	"lint.certificate_issue":      "certificate.issue must be one of %s (got %q)",
	"lint.valid_months":           "certificate.valid_months must be between 0 (never expires) and 240",
	"lint.lesson_name":            "lesson files are named NN-slug.md or NN-slug.LANG.md (lowercase letters, digits, dashes)",
	"lint.lesson_default_lang":    "%q is the default language: name this file %s.md",
	"lint.lesson_lang_unlisted":   "translation into %q, which is not in the course's languages (%s)",
	"lint.lesson_number_twice":    "lesson number %s is also used by lessons/%s.md",
	"lint.lesson_orphan":          "translation without a lesson: lessons/%s.md does not exist",
	"lint.no_lessons":             "the course has no lessons: add lessons/01-slug.md",
	"lint.lesson_translation":     "missing %q translation: add lessons/%s.%s.md (the course's languages list %q)",
	"lint.front_matter":           "a lesson starts with front matter: a line ---, then title: and minutes:, then a line ---",
	"lint.minutes":                "minutes must be between 1 and 240",
	"lint.lesson_empty":           "the lesson has no text after its front matter",
	"lint.broken_link":            "broken link %q: %s is not in the package",
	"lint.broken_image":           "broken image %q: %s is not in the package",
	"lint.image_outside_media":    "image %q must be a file under media/",
	"lint.missing_quiz":           "missing quiz.yaml: a course that issues certificates needs a quiz",
	"lint.require_lessons":        "require_lessons is true but the course has no lessons to read",
	"lint.question_twice":         "duplicate question id %q (first used on line %d)",
	"lint.question_mapping":       "each question must be a mapping (id:, type:, prompt:, ...)",
	"lint.unreadable":             "cannot read: %v",
	"lint.symlink":                "symbolic links are not allowed in a course package",
	"lint.unexpected_folder":      "unexpected folder: a course holds course.yaml, quiz.yaml, lessons/ and media/",
	"lint.not_regular":            "not a regular file",
	"lint.file_too_large":         "file is %d bytes; the limit for %s is %d bytes",
	"lint.too_many_files":         "the package has more than %d files",
	"lint.package_unreadable":     "cannot read the package: %v",
	"lint.package_too_large":      "the package is %d bytes; the limit is %d bytes",
	"lint.missing_course":         "missing course.yaml: every course package starts with it",
	"lint.media_type":             "media type %q is not allowed (use %s)",
	"lint.unexpected_file":        "unexpected file: a course holds course.yaml, quiz.yaml, lessons/*.md and media/",
	"lint.svg_xml":                "the SVG image is not well-formed XML in UTF-8: %v",
	"lint.svg_element":            "SVG images may not contain %s",
	"lint.svg_entity":             "SVG images may not declare entities (<!ENTITY …>)",
	"lint.svg_stylesheet":         "SVG images may not use <?xml-stylesheet?>: put the styles in the image",
	"lint.svg_handler":            "SVG images may not contain event handlers (%s=)",
	"lint.svg_animated_handler":   "SVG images may not contain event handlers (an animation sets %s)",
	"lint.svg_link":               "SVG images may not contain %s links (in %s=)",
	"lint.yaml":                   "YAML: %s",
	"lint.empty_file":             "the file is empty",
	"lint.yaml_alias":             "YAML anchors and aliases (&, *) are not allowed in course files",
	"lint.not_mapping":            "%s must be a mapping of key: value",
	"lint.key_not_word":           "%s: keys must be plain words",
	"lint.key_unknown_closest":    "unknown key %q in %s (did you mean %q?)",
	"lint.key_unknown":            "unknown key %q in %s (allowed: %s)",
	"lint.key_twice":              "duplicate key %q in %s",
	"lint.field_missing":          "%s: missing required field %q",
	"lint.not_scalar":             "%s must be a single value",
	"lint.empty_value":            "%s must not be empty",
	"lint.not_integer":            "%s must be a whole number (got %q)",
	"lint.not_number":             "%s must be a number (got %q)",
	"lint.not_boolean":            "%s must be true or false (got %q)",
	"lint.not_list":               "%s must be a list",
	"lint.text_language":          "%s: unknown language %q (use %s)",
	"lint.text_language_unlisted": "%s: language %q is not listed in the course's languages",
	"lint.text_language_twice":    "%s: duplicate language %q",
	"lint.text_not_text":          "%s.%s must be text",
	"lint.text_shape":             "%s must be text or a map of language: text",
	"lint.text_missing":           "%s: missing text in %q (the course's languages list %q)",
	"lint.question":               "question %s: %s", // args: question id, a courses.Msg of courses.IssueTexts
	"lint.size_limit":             "file is larger than its size limit",
	"lint.read_error":             "%v", // args: an error of the file system
}

// English returns the English text of a message id (of Texts, courses.IssueTexts or
// markdown.LinkTexts) formatted with args; a courses.Msg argument is rendered in English too.
func English(id string, args ...any) string {
	text := EnglishText(id)
	args = slices.Clone(args)
	for i, a := range args {
		if m, isMsg := a.(courses.Msg); isMsg {
			args[i] = English(m.ID, m.Args...)
		}
	}
	return fmt.Sprintf(text, args...)
}

// MessageIDs returns every message id a Problem can carry, sorted (the catalogs test they
// translate each).
func MessageIDs() []string {
	ids := slices.Collect(maps.Keys(Texts))
	ids = slices.AppendSeq(ids, maps.Keys(courses.IssueTexts))
	ids = slices.AppendSeq(ids, maps.Keys(markdown.LinkTexts))
	slices.Sort(ids)
	return ids
}

// EnglishText returns the English text of a message id, unformatted (the id itself when unknown).
func EnglishText(id string) string {
	for _, texts := range []map[string]string{Texts, courses.IssueTexts, markdown.LinkTexts} {
		if text, ok := texts[id]; ok {
			return text
		}
	}
	return id
}
