package coursepkg

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"aula/courses"
)

func TestReadSample(t *testing.T) {
	pkg, problems := Read(os.DirFS("../testdata/sample"), "sample")
	if len(problems) > 0 {
		t.Fatalf("sample course has problems:\n%v", problems)
	}
	c := pkg.Course
	if c.ID != "curso-de-prueba" || c.Version != 1 || c.Language != "es" || len(c.Languages) != 2 || c.Hours != 1 {
		t.Errorf("course = %+v", c)
	}
	if c.Certificate != (courses.CertificatePolicy{Issue: "automatic", ValidMonths: 12}) {
		t.Errorf("certificate = %+v", c.Certificate)
	}
	if len(c.Lessons) != 2 || c.Lessons[0].ID != "01-bienvenida" || c.Lessons[1].ID != "02-repaso" {
		t.Fatalf("lessons = %+v", c.Lessons)
	}
	l := c.Lessons[0]
	if l.Title["es"] != "Bienvenida" || l.Title["en"] != "Welcome" || l.Minutes != 2 {
		t.Errorf("lesson 1 title/minutes = %v %d", l.Title, l.Minutes)
	}
	if !strings.HasPrefix(l.Body["en"], "# Welcome") || l.Files["en"] != "lessons/01-bienvenida.en.md" {
		t.Errorf("lesson 1 English body/file = %q %q", l.Body["en"][:10], l.Files["en"])
	}
	if c.Lessons[1].Title["en"] != "Review" {
		t.Errorf("lesson 2 title from the front matter map: %v", c.Lessons[1].Title)
	}
	if c.Quiz == nil || len(c.Quiz.Questions) != 7 || c.Quiz.PassMark != 70 || !c.Quiz.Shuffle || c.Quiz.Review != "answers" {
		t.Fatalf("quiz = %+v", c.Quiz)
	}
	types := map[string]bool{}
	for _, q := range c.Quiz.Questions {
		types[q.Type] = true
	}
	if len(types) != 7 {
		t.Errorf("sample quiz covers %d question types, want 7", len(types))
	}
	if len(pkg.Files) != 7 || pkg.Files[0].Path != "course.yaml" {
		t.Errorf("files = %+v", pkg.Files)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// Each case plants one fault in an otherwise valid package and expects one problem at a line.
func TestReadReportsPlantedFaults(t *testing.T) {
	base := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, name := range []string{"course.yaml", "quiz.yaml", "lessons/01-bienvenida.md", "lessons/01-bienvenida.en.md",
			"lessons/02-repaso.md", "lessons/02-repaso.en.md", "media/esquema.svg"} {
			data, err := os.ReadFile("../testdata/sample/" + name)
			if err != nil {
				t.Fatal(err)
			}
			fsys[name] = &fstest.MapFile{Data: data}
		}
		return fsys
	}
	cases := []struct {
		name, file, from, to, want string
	}{
		{"typo key", "quiz.yaml", "pass_mark: 70", "pass_mrk: 70", `quiz.yaml:1: unknown key "pass_mrk" in quiz.yaml (did you mean "pass_mark"?)`},
		{"yaml syntax", "quiz.yaml", "attempts: 2", "attempts: [2", "quiz.yaml:"},
		{"draw too big", "quiz.yaml", "draw: 7", "draw: 8", "quiz.yaml:4: draw is 8 but the pool has only 7 questions"},
		{"bad area", "course.yaml", "area: other", "area: traffic", `course.yaml:6: unknown area "traffic"`},
		{"language missing", "course.yaml", `title: {es: "Curso de prueba", en: "Test course"}`, `title: "Curso de prueba"`, `course.yaml:7: title: missing text in "en"`},
		{"hours zero", "course.yaml", "hours: 1", "hours: 0", "course.yaml:11: hours must be greater than 0"},
		{"numeric without value", "quiz.yaml", "    value: 48\n", "", "question numero: a numeric question needs a value"},
		{"wrong field for type", "quiz.yaml", "    answer: true\n", "    answer: true\n    accept: [x]\n", `unknown key "accept" in question (type true_false)`},
		{"svg script", "media/esquema.svg", "<rect", "<script>alert(1)</script><rect", "media/esquema.svg:2: SVG images may not contain <script"},
		{"front matter missing minutes", "lessons/02-repaso.md", "minutes: 3\n", "", `lessons/02-repaso.md:2: front matter: missing required field "minutes"`},
		{"require_lessons not a boolean", "quiz.yaml", "pass_mark: 70", "pass_mark: 70\nrequire_lessons: sí", "quiz.yaml:2:"},
		{"alias", "quiz.yaml", "pass_mark: 70", "pass_mark: &p 70\nattempts2: *p", "anchors and aliases"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := base()
			src := string(fsys[c.file].Data)
			if !strings.Contains(src, c.from) {
				t.Fatalf("%s does not contain %q", c.file, c.from)
			}
			fsys[c.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, c.from, c.to, 1))}
			pkg, problems := Read(fsys, "")
			if pkg != nil {
				t.Fatal("a faulty package was accepted")
			}
			if !strings.Contains(problems.Error(), c.want) {
				t.Errorf("want a problem containing %q, got:\n%v", c.want, problems)
			}
		})
	}

	fsys := base()
	fsys["quiz.yaml"] = &fstest.MapFile{Data: append([]byte("require_lessons: true\n"), fsys["quiz.yaml"].Data...)}
	if pkg, problems := Read(fsys, ""); len(problems) > 0 || !pkg.Course.Quiz.RequireLessons {
		t.Errorf("require_lessons: true not read: %v", problems)
	}
}

func TestReadOrphanTranslationAndDefaultName(t *testing.T) {
	fsys := fstest.MapFS{
		"course.yaml":         {Data: []byte("id: ab\nversion: 1\nlanguage: es\nlanguages: [es, en]\narea: other\ntitle: {es: a, en: b}\nhours: 1\n")},
		"lessons/01-a.md":     {Data: []byte("---\ntitle: {es: A, en: A}\nminutes: 1\n---\nx\n")},
		"lessons/01-a.en.md":  {Data: []byte("---\ntitle: A\n---\nx\n")},
		"lessons/02-b.en.md":  {Data: []byte("---\ntitle: B\n---\nx\n")},
		"lessons/03-c.es.md":  {Data: []byte("---\ntitle: C\nminutes: 1\n---\nx\n")},
		"lessons/04-d.fr.md":  {Data: []byte("---\ntitle: D\n---\nx\n")},
		"lessons/Bad Name.md": {Data: []byte("x")},
	}
	_, problems := Read(fsys, "c")
	got := problems.Error()
	for _, want := range []string{
		"c/lessons/02-b.en.md:1: translation without a lesson",
		`c/lessons/03-c.es.md:1: "es" is the default language`,
		`c/lessons/04-d.fr.md:1: translation into "fr"`,
		"c/lessons/Bad Name.md:1: lesson files are named",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
