// Package markdown turns lesson Markdown into safe HTML and finds the links a lesson makes. It is
// the only importer of goldmark: the linter (coursepkg) and the renderer (courses/lesson) see the
// same parse.
//
// Raw HTML in lessons is never rendered (goldmark's default), dangerous URL schemes are dropped,
// relative links and images are rewritten by the caller to wherever the app serves the course's
// files, and headings get ids so they can be linked to.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the one goldmark configuration used to check and to render lessons, so the
// linter sees exactly the links the reader will see.
func newMarkdown(extra ...parser.ASTTransformer) goldmark.Markdown {
	trs := make([]util.PrioritizedValue, len(extra))
	for i, t := range extra {
		trs[i] = util.Prioritized(t, 100)
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(trs...)),
	)
}

// Ref is a link or image found in a lesson body.
type Ref struct {
	Dest  string // destination as written
	Image bool
	Line  int // 1-based line in the body
}

// Refs returns every link and image destination in body.
func Refs(body []byte) []Ref {
	doc := newMarkdown().Parser().Parse(text.NewReader(body))
	var out []Ref
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		var image bool
		switch v := n.(type) {
		case *ast.Link:
			dest = string(v.Destination)
		case *ast.Image:
			dest, image = string(v.Destination), true
		case *ast.AutoLink:
			dest = string(v.URL(body))
		default:
			return ast.WalkContinue, nil
		}
		out = append(out, Ref{Dest: dest, Image: image, Line: lineOf(body, n, dest)})
		return ast.WalkContinue, nil
	})
	return out
}

// lineOf finds the line of an inline node: the start of its enclosing block, then the first
// occurrence of the destination from there.
func lineOf(body []byte, n ast.Node, dest string) int {
	start := 0
	for p := n; p != nil; p = p.Parent() {
		if p.Type() != ast.TypeInline && p.Lines().Len() > 0 {
			start = p.Lines().At(0).Start
			break
		}
	}
	if i := bytes.Index(body[start:], []byte(dest)); i >= 0 && dest != "" {
		start += i
	}
	return bytes.Count(body[:start], []byte("\n")) + 1
}

// Target is what a link destination points at.
type Target struct {
	External bool   // http, https or mailto: left as is
	Anchor   bool   // "#section" within the same lesson
	Path     string // for a relative link: the file inside the package, e.g. "media/x.png"
	Fragment string // "#..." part of a relative link, if any
}

// Resolve interprets dest as written in the package file from (e.g. "lessons/01-x.md"). It fails
// for schemes other than http, https and mailto, for absolute paths, and for paths that leave the
// package.
func Resolve(from, dest string) (Target, error) {
	if strings.HasPrefix(dest, "#") {
		return Target{Anchor: true, Fragment: dest}, nil
	}
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, linkError("lint.link_malformed", dest)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return Target{External: true}, nil
	case "":
	default:
		return Target{}, linkError("lint.link_scheme", dest, u.Scheme)
	}
	if u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return Target{}, linkError("lint.link_absolute", dest)
	}
	if u.Path == "" {
		return Target{}, linkError("lint.link_no_path", dest)
	}
	joined := path.Join(path.Dir(from), u.Path)
	if joined == ".." || strings.HasPrefix(joined, "../") || strings.Contains(u.Path, "\\") {
		return Target{}, linkError("lint.link_escapes", dest)
	}
	t := Target{Path: joined}
	if u.Fragment != "" {
		t.Fragment = "#" + u.Fragment
	}
	return t, nil
}

// Rewriter maps a resolved package path (e.g. "media/x.png" or "lessons/02-y.md") to the URL the
// app serves it at. It returns "" to drop the link (the text stays).
type Rewriter func(t Target, image bool) string

// Render converts a lesson body from the package file from into safe HTML, rewriting relative
// links and images with rw.
func Render(from string, body []byte, rw Rewriter) ([]byte, error) {
	md := newMarkdown(&rewrite{from: from, rw: rw})
	var buf bytes.Buffer
	if err := md.Convert(body, &buf); err != nil {
		return nil, fmt.Errorf("render %s: %w", from, err)
	}
	return buf.Bytes(), nil
}

type rewrite struct {
	from string
	rw   Rewriter
}

// Transform rewrites link and image destinations in place.
func (r *rewrite) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			v.Destination = r.dest(v.Destination, false)
		case *ast.Image:
			v.Destination = r.dest(v.Destination, true)
		}
		return ast.WalkContinue, nil
	})
}

func (r *rewrite) dest(d []byte, image bool) []byte {
	t, err := Resolve(r.from, string(d))
	switch {
	case err != nil:
		return nil
	case t.External || t.Anchor:
		return d
	}
	return []byte(r.rw(t, image))
}

// EstimateMinutes estimates the reading time of a Markdown body at 100 words a minute (officers
// read on a screen, often slowly, and stop to think), at least one minute.
func EstimateMinutes(body []byte) int {
	words := len(bytes.Fields(body))
	return max(1, (words+99)/100)
}
