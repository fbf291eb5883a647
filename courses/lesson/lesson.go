// Package lesson renders a course lesson to the HTML both apps show: the center's course
// preview and the node's lesson page call Render with their own routes, so a trainer previews
// exactly the article an officer will read. It owns the lesson template (embedded) and the rules
// that turn a link in a lesson into a URL: other lessons through Routes.Lesson, media files under
// Routes.Media, external links and "#anchors" as written.
package lesson

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"aula/courses"
	"aula/courses/markdown"
)

//go:embed lesson.html
var lessonHTML string

// tpl is parsed when the program starts: a broken template fails start-up (and the tests).
var tpl = template.Must(template.New("lesson").Parse(lessonHTML))

// Routes says where an app serves what a lesson links to.
type Routes struct {
	// Media is the URL prefix of the version's media folder: the package file "media/x.png" is
	// linked as Media+"x.png". It ends with "/".
	Media string
	// Lesson returns the URL of another lesson of the course; fragment is "" or "#heading".
	Lesson func(id, fragment string) string
}

// Render returns the lesson's article (see lesson.html) in lang: the Markdown body rendered by
// courses/markdown (raw HTML off), with relative links and images resolved against routes.
func Render(cr *courses.Course, ls courses.Lesson, lang string, routes Routes) (template.HTML, error) {
	file := ls.Files[lang]
	body, err := markdown.Render(file, []byte(ls.Body[lang]), func(tg markdown.Target, _ bool) string {
		return resolve(cr, tg, routes)
	})
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = tpl.Execute(&buf, struct {
		ID, Lang string
		Body     template.HTML
	}{ls.ID, lang, template.HTML(body)}) // goldmark output with raw HTML off
	if err != nil {
		return "", fmt.Errorf("render lesson %s: %w", ls.ID, err)
	}
	return template.HTML(buf.String()), nil
}

// resolve maps a package path a lesson points at to the app's URL. A lesson file is found by its
// path in any language, so a Spanish lesson linking to an English file still reaches the lesson;
// a path that is no lesson of the course and not under media/ is dropped (the text stays).
func resolve(cr *courses.Course, tg markdown.Target, routes Routes) string {
	if strings.HasPrefix(tg.Path, "lessons/") {
		for _, other := range cr.Lessons {
			for _, f := range other.Files {
				if f == tg.Path {
					return routes.Lesson(other.ID, tg.Fragment)
				}
			}
		}
		return ""
	}
	if rest, ok := strings.CutPrefix(tg.Path, "media/"); ok {
		return routes.Media + rest
	}
	return ""
}
