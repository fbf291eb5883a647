package coursediff

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/courses/coursepkg"
)

// readSample reads the sample course, edited by edit.
func readSample(t *testing.T, edit func(files map[string][]byte)) (*coursepkg.Package, map[string][]byte) {
	t.Helper()
	dir := filepath.Join("..", "testdata", "sample")
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return err
	})
	if edit != nil {
		edit(files)
	}
	pkg, problems := coursepkg.ReadFiles(files, "sample")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return pkg, files
}

// TestCompareReadsAsAReviewer: a changed lesson line, a changed option and a removed question
// are each reported where a reviewer looks for them, and nothing else is.
func TestCompareReadsAsAReviewer(t *testing.T) {
	old, oldFiles := readSample(t, nil)
	newPkg, newFiles := readSample(t, func(f map[string][]byte) {
		f["lessons/02-repaso.md"] = []byte(strings.Replace(string(f["lessons/02-repaso.md"]), "# Repaso", "# Repaso general", 1))
		f["course.yaml"] = []byte(strings.Replace(string(f["course.yaml"]), "hours: 1", "hours: 2", 1))
		f["media/nuevo.svg"] = []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
	})
	d, err := Compare(old.Course, newPkg.Course, media(oldFiles), media(newFiles))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(d)
	s := string(got)
	for _, want := range []string{`"course":[{"field":"hours","old":1,"new":2}]`, `"quiz":[]`, `"questions":[]`,
		`{"op":"-","text":"Repaso"},{"op":"+","text":"Repaso general"}`, `"media":[{"path":"media/nuevo.svg","change":"added"}]`} {
		if !strings.Contains(s, want) {
			t.Errorf("diff lacks %s:\n%s", want, s)
		}
	}
	if len(d.Lessons) != 1 || d.Lessons[0].ID != "02-repaso" || d.Lessons[0].Lang != "es" {
		t.Errorf("lessons: %+v", d.Lessons)
	}

	// Questions: an option made correct, one question removed, against a new course (nil).
	qs := newPkg.Course.Quiz.Questions
	edited := *newPkg.Course
	quiz := *edited.Quiz
	quiz.Questions = append(quiz.Questions[:0:0], qs[1:]...)
	for i, qq := range quiz.Questions {
		if len(qq.Options) > 1 {
			opts := append(qq.Options[:0:0], qq.Options...)
			opts[1].Correct = !opts[1].Correct
			quiz.Questions[i].Options = opts
			break
		}
	}
	edited.Quiz = &quiz
	d, _ = Compare(newPkg.Course, &edited, nil, nil)
	got, _ = json.Marshal(d.Questions)
	if !strings.Contains(string(got), `"field":"options[2].correct"`) || !strings.Contains(string(got), `{"id":"`+qs[0].ID+`","change":"removed"`) {
		t.Errorf("questions: %s", got)
	}
	if d, _ := Compare(nil, newPkg.Course, nil, nil); len(d.Questions) != len(qs) || d.Questions[0].Change != Added || d.Lessons[0].Change != Added {
		t.Errorf("a new course is not all added: %+v", d.Questions)
	}
}

func media(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, d := range files {
		if strings.HasPrefix(p, "media/") {
			out[p] = d
		}
	}
	return out
}

func TestHTMLText(t *testing.T) {
	got := HTMLText(`<article><h1 id="a">Título &amp; más</h1><p>uno
dos <img src="media/x.png" alt="x"></p><pre><code>a
  b
</code></pre><ul><li>i</li></ul></article>`)
	want := []string{"Título & más", "uno dos [imagen: x → media/x.png]", "a", "  b", "i"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}
