package tmpl

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	layout := &fstest.MapFile{Data: []byte(`<main>{{template "content" .}}</main>`)}
	funcs := template.FuncMap{"up": strings.ToUpper}
	good := fstest.MapFS{
		"templates/layout.html": layout,
		"templates/home.html":   {Data: []byte(`{{define "content"}}{{up .}}{{end}}`)},
	}
	pages, err := Parse(good, funcs, "home")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := pages.Render("home", "<hola>"); err != nil || string(b) != "<main>&lt;HOLA&gt;</main>" {
		t.Errorf("home = %q, %v", b, err)
	}
	if _, err := pages.Render("layout", nil); err == nil {
		t.Error("the layout is not a page")
	}
	if _, err := Parse(good, funcs, "home", "login"); err == nil || !strings.Contains(err.Error(), "login.html is missing") {
		t.Errorf("missing page: %v", err)
	}
	broken := fstest.MapFS{"templates/layout.html": layout, "templates/bad.html": {Data: []byte(`{{define "content"}}{{nope}}{{end}}`)}}
	if _, err := Parse(broken, funcs); err == nil || !strings.Contains(err.Error(), "template bad") {
		t.Errorf("broken page: %v", err)
	}
	if _, err := pages.Render("home", 42); err == nil {
		t.Error("a failing execution gave no error")
	}
}

func TestParseLocalized(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html": {Data: []byte(`{{template "content" .}}`)},
		"templates/home.html":   {Data: []byte(`{{define "content"}}{{hello}}{{end}}`)},
	}
	words := map[string]string{"es": "hola", "en": "hello"}
	pages, err := ParseLocalized(fsys, []string{"es", "en"}, func(l string) template.FuncMap {
		return template.FuncMap{"hello": func() string { return words[l] }}
	}, "home")
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"es": "hola", "en": "hello", "fr": "hola"} {
		if b, err := pages.Render(lang, "home", nil); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", lang, b, err)
		}
	}
}
