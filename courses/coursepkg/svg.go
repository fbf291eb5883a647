package coursepkg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// svgForbidden are elements refused in an SVG, by local name in any namespace (<script>,
// <svg:script>, <x:script xmlns:x="…">, an XHTML <h:script>): each can run code or embed a page
// when the image is opened on its own.
var svgForbidden = map[string]string{
	"script": "<script>", "foreignobject": "<foreignObject>", "handler": "<handler>", "listener": "<listener>",
	"iframe": "<iframe>", "embed": "<embed>", "object": "<object>",
}

// svgBadSchemes are URL schemes refused anywhere in an attribute value (after entities are
// decoded and the blanks a browser ignores are removed).
var svgBadSchemes = []string{"javascript:", "vbscript:", "data:text/html", "data:application/xhtml", "data:image/svg"}

// checkSVG refuses SVG images that carry scripts or event handlers: an SVG opened on its own runs
// them. The file is read as XML, as a browser reads it, so a namespace prefix, upper case or a
// character reference does not hide anything; a file that is not well-formed XML is refused, as
// is any DOCTYPE that declares entities (their text would be read only by the browser) and any
// xml-stylesheet instruction (an XSLT stylesheet can write a script).
func (r *reader) checkSVG(p string, data []byte) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	line := func() int { l, _ := dec.InputPos(); return l }
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			r.c.add(p, line(), "lint.svg_xml", err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if what, bad := svgForbidden[strings.ToLower(t.Name.Local)]; bad {
				r.c.add(p, line(), "lint.svg_element", what)
			}
			for _, a := range t.Attr {
				r.checkSVGAttr(p, line(), a)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				r.c.add(p, line(), "lint.svg_entity")
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				r.c.add(p, line(), "lint.svg_stylesheet")
			}
		}
	}
}

// checkSVGAttr refuses event handlers (onload=, x:onclick=), animations that set one
// (attributeName="onclick"), and script URLs in any attribute.
func (r *reader) checkSVGAttr(p string, line int, a xml.Attr) {
	name := strings.ToLower(a.Name.Local)
	value := strings.ToLower(strings.Map(func(c rune) rune {
		if c <= ' ' {
			return -1 // browsers ignore blanks and control characters inside a URL's scheme
		}
		return c
	}, a.Value))
	switch {
	case strings.HasPrefix(name, "on"):
		r.c.add(p, line, "lint.svg_handler", a.Name.Local)
	case name == "attributename" && strings.HasPrefix(value, "on"):
		r.c.add(p, line, "lint.svg_animated_handler", a.Value)
	}
	for _, scheme := range svgBadSchemes {
		if strings.Contains(value, scheme) {
			r.c.add(p, line, "lint.svg_link", scheme, a.Name.Local)
			return
		}
	}
}
