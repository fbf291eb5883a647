package lesson

import (
	"os"
	"strings"
	"testing"

	"aula/courses/coursepkg"
)

var testRoutes = Routes{
	Media:  "/m/sample/3/",
	Lesson: func(id, frag string) string { return "/l/" + id + frag },
}

func TestRender(t *testing.T) {
	pkg, problems := coursepkg.Read(os.DirFS("../testdata/sample"), "sample")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	cr := pkg.Course
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"es", []string{
			`<article class="lesson" id="lesson-01-bienvenida" lang="es">`,
			`<h1 id="bienvenida">Bienvenida</h1>`,
			`<img src="/m/sample/3/esquema.svg" alt="Un esquema sencillo">`,
			`<a href="/l/02-repaso">segunda lección</a>`,
			`<a href="#bienvenida">parte de arriba</a>`,
		}},
		{"en", []string{
			`lang="en"`,
			`<img src="/m/sample/3/esquema.svg" alt="A simple diagram">`,
			`<a href="/l/02-repaso">second lesson</a>`,
		}},
	} {
		html, err := Render(cr, cr.Lessons[0], tc.lang, testRoutes)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(html), w) {
				t.Errorf("%s: missing %s in\n%s", tc.lang, w, html)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	pkg, _ := coursepkg.Read(os.DirFS("../testdata/sample"), "sample")
	cr := pkg.Course
	cr.Lessons[0].Body["es"] = "[en inglés](02-repaso.en.md#fuentes) [datos](../course.yaml) [fuera](../../x.md) <b>crudo</b>"
	html, err := Render(cr, cr.Lessons[0], "es", testRoutes)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<a href="/l/02-repaso#fuentes">en inglés</a>`, `<a href="">datos</a>`, `<a href="">fuera</a>`} {
		if !strings.Contains(string(html), w) {
			t.Errorf("missing %s in\n%s", w, html)
		}
	}
	if strings.Contains(string(html), "<b>") {
		t.Errorf("raw HTML rendered:\n%s", html)
	}
}
