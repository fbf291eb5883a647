package coursepkg

import (
	"strings"
	"testing"
)

// TestSanitizeSVGStripsWhatTheLinterRefuses: scripts, handlers and script links are cut out, the
// drawing is kept byte for byte, and the result passes the linter's SVG check.
func TestSanitizeSVGStripsWhatTheLinterRefuses(t *testing.T) {
	in := `<?xml version="1.0"?>
<?xml-stylesheet href="x.xsl"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg" width="10" onload="alert(1)">
  <x:script>alert(1)</x:script>
  <script/>
  <rect width="5" height="5" fill="red" X:OnClick="steal()" x:onclick='steal()'/>
  <a href=" java&#115;cript:alert(1)"><text>hola</text></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div></foreignObject>
  <circle r="2"/>
</svg>`
	out, removed, problems := SanitizeSVG([]byte(in))
	if len(problems) > 0 || !removed {
		t.Fatalf("problems %v, removed %v", problems, removed)
	}
	got := string(out)
	for _, bad := range []string{"script", "onload", "onclick", "OnClick", "javacript", "java&#115;", "foreignObject", "xml-stylesheet"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q left in:\n%s", bad, got)
		}
	}
	for _, keep := range []string{`<rect width="5" height="5" fill="red"/>`, `<circle r="2"/>`, `<text>hola</text>`, `width="10">`} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost:\n%s", keep, got)
		}
	}
	clean, removed, problems := SanitizeSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>`))
	if removed || len(problems) > 0 || string(clean) != `<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>` {
		t.Errorf("a clean SVG changed: %s %v %v", clean, removed, problems)
	}
	if _, _, problems := SanitizeSVG([]byte(`<svg><g></svg>`)); len(problems) == 0 {
		t.Error("a broken SVG was accepted")
	}
}
