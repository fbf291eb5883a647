package coursepkg

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// An SVG shown on its own runs its scripts: the linter refuses scripts and event handlers in any
// namespace and under any spelling a browser still understands, and SVGs it cannot read as XML.
func TestSVGWithScriptsRefused(t *testing.T) {
	const svgNS = `xmlns="http://www.w3.org/2000/svg"`
	cases := []struct{ name, svg, want string }{
		{"plain script", `<svg ` + svgNS + `><script>alert(1)</script></svg>`, "SVG images may not contain <script>"},
		{"svg: prefix", `<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>`, "SVG images may not contain <script>"},
		{"any prefix", `<svg ` + svgNS + `>` + "\n" + `<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script></svg>`, ":2: SVG images may not contain <script>"},
		{"xhtml script", `<svg ` + svgNS + `><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "SVG images may not contain <script>"},
		{"upper case", `<svg ` + svgNS + `><SCRIPT>alert(1)</SCRIPT></svg>`, "SVG images may not contain <script>"},
		{"foreignObject", `<svg ` + svgNS + `><foreignObject/></svg>`, "<foreignObject>"},
		{"handler", `<svg ` + svgNS + ` onload="alert(1)"/>`, "event handler"},
		{"namespaced handler", `<svg ` + svgNS + ` xmlns:x="http://www.w3.org/2000/svg" x:onload="alert(1)"/>`, "event handler"},
		{"handler after newline", "<svg " + svgNS + "\nonclick='alert(1)'/>", "event handler"},
		{"set to handler", `<svg ` + svgNS + `><set attributeName="onmouseover" to="alert(1)"/></svg>`, "event handler"},
		{"javascript href", `<svg ` + svgNS + ` xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>`, "javascript:"},
		{"entity-encoded javascript", `<svg ` + svgNS + `><a href="jav&#x61;script:alert(1)"><rect/></a></svg>`, "javascript:"},
		{"javascript with a tab", `<svg ` + svgNS + `><a href="java&#9;script:alert(1)"><rect/></a></svg>`, "javascript:"},
		{"animate to javascript", `<svg ` + svgNS + `><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>`, "javascript:"},
		{"entity declaration", `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg ` + svgNS + `>&x;</svg>`, "entity"},
		{"stylesheet", `<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg ` + svgNS + `/>`, "xml-stylesheet"},
		{"not XML", `<svg ` + svgNS + `><rect></svg>`, "not well-formed"},
		{"other encoding", `<?xml version="1.0" encoding="UTF-7"?><svg ` + svgNS + `/>`, "not well-formed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := sample(t)
			fsys["media/esquema.svg"] = &fstest.MapFile{Data: []byte(c.svg)}
			pkg, problems := Read(fsys, "")
			if pkg != nil {
				t.Fatal("an SVG with a script was accepted")
			}
			if !strings.Contains(problems.Error(), "media/esquema.svg") || !strings.Contains(problems.Error(), c.want) {
				t.Errorf("want a problem in media/esquema.svg containing %q, got:\n%v", c.want, problems)
			}
		})
	}
}

// Ordinary SVGs pass: drawing elements, links, editor metadata in other namespaces, text that
// mentions a script.
func TestPlainSVGAccepted(t *testing.T) {
	for _, svg := range []string{
		`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.2" width="10" height="10">
  <title>Escala: el guion (script) de la intervención</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <a xlink:href="#g"><rect width="10" height="10" fill="url(#g)"/></a>
  <text>javascript</text>
</svg>`,
	} {
		fsys := sample(t)
		fsys["media/esquema.svg"] = &fstest.MapFile{Data: []byte(svg)}
		if _, problems := Read(fsys, ""); len(problems) > 0 {
			t.Errorf("a plain SVG was refused:\n%v", problems)
		}
	}
}

// sample is the test course package, in memory.
func sample(t *testing.T) fstest.MapFS {
	t.Helper()
	src := os.DirFS("../testdata/sample")
	fsys := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var data []byte
			data, err = fs.ReadFile(src, p)
			fsys[p] = &fstest.MapFile{Data: data}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
