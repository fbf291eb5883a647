package coursepkg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// SanitizeSVG removes from an SVG image what the linter refuses in one (checkSVG's rules): the
// forbidden elements with everything inside them, event handler attributes and attributes with
// script URLs, entity declarations and xml-stylesheet instructions. Everything else is kept byte
// for byte. It returns the problems instead when the file is not well-formed XML in UTF-8, or
// still fails the checks after cleaning; removed says whether anything was taken out.
func SanitizeSVG(data []byte) (clean []byte, removed bool, problems Problems) {
	out, err := stripSVG(data)
	if err != nil {
		return nil, false, Problems{{File: "", Line: 1, Message: "the SVG image is not well-formed XML in UTF-8: " + err.Error()}}
	}
	r := &reader{c: &collector{}}
	r.checkSVG("", out)
	if len(r.c.list) > 0 {
		return nil, false, r.c.list
	}
	return out, !bytes.Equal(out, data), nil
}

// stripSVG cuts the refused parts out of data, using the decoder's byte offsets.
func stripSVG(data []byte) ([]byte, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	last := int64(0) // data[last:] has not been copied yet
	skipDepth := 0   // > 0 inside a refused element
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		end := dec.InputOffset()
		if skipDepth > 0 {
			switch tok.(type) {
			case xml.StartElement:
				skipDepth++
			case xml.EndElement:
				skipDepth--
				if skipDepth == 0 {
					last = end
				}
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if _, bad := svgForbidden[strings.ToLower(t.Name.Local)]; bad {
				out.Write(data[last:start])
				skipDepth, last = 1, start
				continue
			}
			if tag, changed := cleanTag(data[start:end], t.Attr); changed {
				out.Write(data[last:start])
				out.Write(tag)
				last = end
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				out.Write(data[last:start])
				last = end
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				out.Write(data[last:start])
				last = end
			}
		}
	}
	if skipDepth > 0 {
		return nil, errors.New("an element is not closed")
	}
	out.Write(data[last:])
	return out.Bytes(), nil
}

// cleanTag returns the raw start tag without the attributes the linter refuses. attrs are the
// decoded attributes, in the order they are written.
func cleanTag(raw []byte, attrs []xml.Attr) ([]byte, bool) {
	bad := make([]bool, len(attrs))
	anyBad := false
	for i, a := range attrs {
		r := &reader{c: &collector{}}
		r.checkSVGAttr("", 1, a)
		bad[i] = len(r.c.list) > 0
		anyBad = anyBad || bad[i]
	}
	if !anyBad {
		return raw, false
	}
	spans := attrSpans(raw)
	if len(spans) != len(attrs) {
		return []byte("<" + tagName(raw) + ">"), true // cannot match them up: keep none
	}
	var out []byte
	prev := 0
	for i, sp := range spans {
		if bad[i] {
			out = append(out, raw[prev:sp[0]]...)
			prev = sp[1]
		}
	}
	return append(out, raw[prev:]...), true
}

// tagName returns the element name of a raw start tag.
func tagName(raw []byte) string {
	s := strings.TrimPrefix(string(raw), "<")
	if i := strings.IndexAny(s, " \t\r\n/>"); i >= 0 {
		s = s[:i]
	}
	return s
}

// attrSpans returns, for each attribute of a well-formed raw start tag, the byte range from the
// blank before its name to the end of its quoted value.
func attrSpans(raw []byte) [][2]int {
	var spans [][2]int
	i := 1 + len(tagName(raw))
	for i < len(raw) {
		from := i
		for i < len(raw) && isBlank(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] == '/' || raw[i] == '>' {
			break
		}
		for i < len(raw) && raw[i] != '=' {
			i++
		}
		for i < len(raw) && raw[i] != '"' && raw[i] != '\'' {
			i++
		}
		if i >= len(raw) {
			break
		}
		q := raw[i]
		i++
		for i < len(raw) && raw[i] != q {
			i++
		}
		i++
		spans = append(spans, [2]int{from, i})
	}
	return spans
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
