package coursepkg

import (
	"os"
	"testing"
	"testing/fstest"
)

// FuzzRead feeds arbitrary course.yaml, quiz.yaml and lesson text to the reader. It must never
// panic, and it returns either a course or at least one problem, never neither.
func FuzzRead(f *testing.F) {
	read := func(name string) string {
		b, err := os.ReadFile("../testdata/sample/" + name)
		if err != nil {
			f.Fatal(err)
		}
		return string(b)
	}
	f.Add(read("course.yaml"), read("quiz.yaml"), read("lessons/01-bienvenida.md"))
	f.Add("id: x\n", "questions: [", "---\ntitle: x\n---\n[a](../../b)")
	f.Add("&a [*a, *a]", "pass_mark: 1e9", "---\n---\n")
	f.Add("id: {es: x}\nversion: -1", "questions:\n  - type: single\n    options: 3", "no front matter")
	f.Fuzz(func(t *testing.T, courseYAML, quizYAML, lesson string) {
		fsys := fstest.MapFS{
			"course.yaml":          {Data: []byte(courseYAML)},
			"quiz.yaml":            {Data: []byte(quizYAML)},
			"lessons/01-uno.md":    {Data: []byte(lesson)},
			"lessons/01-uno.en.md": {Data: []byte(lesson)},
			"lessons/02-dos.md":    {Data: []byte("---\ntitle: Dos\nminutes: 1\n---\nTexto.\n")},
			"lessons/02-dos.en.md": {Data: []byte("---\ntitle: Two\n---\nText.\n")},
			"media/esquema.svg":    {Data: []byte("<svg/>")},
		}
		pkg, problems := Read(fsys, "fuzz")
		if pkg == nil && len(problems) == 0 {
			t.Fatal("no course and no problem")
		}
		if pkg != nil {
			if err := pkg.Course.Validate(); err != nil {
				t.Fatalf("reader accepted a course that fails Validate: %v", err)
			}
		}
	})
}
