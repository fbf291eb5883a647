package roster

import (
	"strings"
	"testing"
)

// TestParseStrayQuote: a quote inside an unquoted field, in any column, is a problem on its line.
func TestParseStrayQuote(t *testing.T) {
	for _, rowText := range []string{
		"x\"y,Jose,Pérez,Oficial,CCS-01,4821",
		"P1,Jo\"se,Pérez,Oficial,CCS-01,4821",
		"P1,Jose,Pérez,Oficial,CCS-01,48\"21",
		"\"P1\"x,Jose,Pérez,Oficial,CCS-01,4821",
	} {
		_, problems := Parse(strings.NewReader(header+"P0,Ana,Ruiz,Oficial,CCS-01,4821\n"+rowText+"\n"), "o.csv", nil)
		if len(problems) != 1 || problems[0].Line != 3 {
			t.Errorf("%q: problems %v, want one on line 3", rowText, problems)
		}
	}
}

// FuzzParse: whatever the bytes, Parse neither panics nor returns rows with problems, and every
// problem names a line of the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		header + "P1,Ana,Pérez,Oficial,CCS-01,4821\n",
		header + "x\"y,Jose,Pérez,Oficial,CCS-01,4821\n",
		header + "P1,\"Ana,Pérez,O,C,1\n",
		strings.ReplaceAll(header, ",", ";") + "P1;Ana;Pérez;Oficial;CCS-01;4821\n",
		"\xef\xbb\xbf" + header + "\n\n\"P1\",\"A\"\"na\",Pérez,Oficial,CCS-01,4821\r\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, problems := Parse(strings.NewReader(string(data)), "f.csv", map[string]bool{"CCS-01": true})
		if len(rows) > 0 && len(problems) > 0 {
			t.Fatalf("rows and problems together")
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line file: %v", p.Line, lines, p)
			}
		}
	})
}
