package markdown

import (
	"strings"
	"testing"
)

func serve(t Target, image bool) string {
	if image {
		return "/media/" + t.Path
	}
	return "/read/" + t.Path + t.Fragment
}

func TestRenderIsSafeAndRewritesLinks(t *testing.T) {
	body := []byte("# Uso de la fuerza\n\n<script>alert(1)</script>\n\n" +
		"![Escala](../media/escala.svg) [siguiente](02-b.md#inicio) [fuera](https://example.org) " +
		"[mal](javascript:alert(1)) [arriba](#uso-de-la-fuerza) [escape](../../etc/passwd)\n\n" +
		"<img src=x onerror=alert(1)>\n")
	html, err := Render("lessons/01-a.md", body, serve)
	if err != nil {
		t.Fatal(err)
	}
	out := string(html)
	for _, want := range []string{
		`<h1 id="uso-de-la-fuerza">Uso de la fuerza</h1>`,
		`<img src="/media/media/escala.svg" alt="Escala">`,
		`<a href="/read/lessons/02-b.md#inicio">siguiente</a>`,
		`<a href="https://example.org">fuera</a>`,
		`<a href="#uso-de-la-fuerza">arriba</a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in:\n%s", want, out)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "onerror", "etc/passwd"} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered HTML contains %q:\n%s", bad, out)
		}
	}
}

func TestResolve(t *testing.T) {
	cases := []struct {
		dest, path string
		bad        bool
	}{
		{"../media/x.png", "media/x.png", false},
		{"02-b.md", "lessons/02-b.md", false},
		{"02-b.md#sec", "lessons/02-b.md", false},
		{"../../etc/passwd", "", true},
		{"../..", "", true},
		{"/etc/passwd", "", true},
		{"file:///etc/passwd", "", true},
		{"data:text/html,hi", "", true},
		{"JavaScript:alert(1)", "", true},
		{`..\..\win.ini`, "", true},
		{"//evil.example/x", "", true},
	}
	for _, c := range cases {
		tgt, err := Resolve("lessons/01-a.md", c.dest)
		if (err != nil) != c.bad {
			t.Errorf("Resolve(%q) error = %v, want error %v", c.dest, err, c.bad)
			continue
		}
		if !c.bad && tgt.Path != c.path {
			t.Errorf("Resolve(%q) = %q, want %q", c.dest, tgt.Path, c.path)
		}
	}
}

func TestRefsLines(t *testing.T) {
	body := []byte("Intro\n\nA [link](a.md) here.\n\n- item\n- ![img](../media/b.png)\n")
	refs := Refs(body)
	if len(refs) != 2 || refs[0].Line != 3 || refs[1].Line != 6 || !refs[1].Image {
		t.Errorf("refs = %+v", refs)
	}
}

func TestEstimateMinutes(t *testing.T) {
	if got := EstimateMinutes([]byte(strings.Repeat("palabra ", 250))); got != 3 {
		t.Errorf("250 words: %d minutes, want 3", got)
	}
	if got := EstimateMinutes(nil); got != 1 {
		t.Errorf("empty: %d minutes, want 1", got)
	}
}
