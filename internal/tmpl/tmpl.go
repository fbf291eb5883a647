// Package tmpl loads an app's page templates at start-up: every templates/NAME.html of an
// embedded file system, parsed together with templates/layout.html into one template per page.
// A broken template, or a page the app needs that is missing, fails start-up rather than a
// request.
package tmpl

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// Pages are an app's parsed pages by name ("login" for templates/login.html).
type Pages map[string]*template.Template

// Parse parses each templates/*.html of fsys but the layout with templates/layout.html and funcs.
// It fails when a template does not parse or a required page is missing.
func Parse(fsys fs.FS, funcs template.FuncMap, required ...string) (Pages, error) {
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := Pages{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		tpl, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		pages[name] = tpl
	}
	for _, r := range required {
		if pages[r] == nil {
			return nil, fmt.Errorf("template %s.html is missing", r)
		}
	}
	return pages, nil
}

// Render executes the page name with data into memory, so that a failing template sends nothing
// and the caller can still answer with an error page.
func (p Pages) Render(name string, data any) ([]byte, error) {
	tpl := p[name]
	if tpl == nil {
		return nil, fmt.Errorf("render %s: no such page", name)
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// Localized holds an app's pages parsed once per language, each with that language's
// functions (a date or a number is written the way a reader of the page's language expects).
type Localized map[string]Pages

// ParseLocalized parses the pages as Parse does, once for each of langs with funcs(lang).
func ParseLocalized(fsys fs.FS, langs []string, funcs func(lang string) template.FuncMap, required ...string) (Localized, error) {
	out := Localized{}
	for _, l := range langs {
		p, err := Parse(fsys, funcs(l), required...)
		if err != nil {
			return nil, err
		}
		out[l] = p
	}
	return out, nil
}

// Render renders the page name in lang (in Spanish when lang was not parsed).
func (l Localized) Render(lang, name string, data any) ([]byte, error) {
	p, ok := l[lang]
	if !ok {
		p = l["es"]
	}
	return p.Render(name, data)
}
