package coursepkg

import "testing"

func TestPathKind(t *testing.T) {
	cases := map[string]string{
		"course.yaml": "yaml", "quiz.yaml": "yaml", "lessons/01-intro.md": "lesson", "lessons/01-intro.en.md": "lesson",
		"media/a.png": "media", "media/fotos/b.SVG": "media", "media/x.pdf": "media",
		"../course.yaml": "", "lessons/../course.yaml": "", "/course.yaml": "", "media/.hidden.png": "", "media/a.exe": "",
		"lessons/intro.md": "", "media\\a.png": "", "media/../../etc/passwd.png": "", "media//a.png": "", "notes.txt": "",
		"media/a b.png": "", "": "", "lessons/01-intro.md/": "",
	}
	for p, want := range cases {
		if got := PathKind(p); got != want {
			t.Errorf("PathKind(%q) = %q, want %q", p, got, want)
		}
	}
	if id, n, lang, ok := LessonParts("lessons/012-uso-legal.en.md"); !ok || id != "012-uso-legal" || n != 12 || lang != "en" {
		t.Errorf("LessonParts: %q %d %q %v", id, n, lang, ok)
	}
}
