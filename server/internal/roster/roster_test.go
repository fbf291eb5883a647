package roster

import (
	"fmt"
	"strings"
	"testing"
)

const header = "badge,given_names,family_names,rank,station_code,pin\n"

// idText shows a problem as FILE:LINE: id args, for tests.
func idText(p Problem) string {
	return p.Text(func(id string, args ...any) string {
		for _, a := range args {
			id += " " + fmt.Sprint(a)
		}
		return id
	})
}

func problemsText(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString(idText(p) + "\n")
	}
	return b.String()
}

func TestParseGoodFile(t *testing.T) {
	in := "\xef\xbb\xbf" + header +
		"pnb-1,María José,Pérez-Rojas,Oficial,ccs-01,4821\n" +
		"\n" +
		"PNB-2,Ñángara,D'Ávila Núñez,Supervisora Agregada,CCS-01,73916428\n"
	rows, problems := Parse(strings.NewReader(in), "o.csv", map[string]bool{"CCS-01": true})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(rows) != 2 || rows[0].Badge != "pnb-1" || rows[0].Line != 2 || rows[1].Line != 4 || rows[1].PIN != "73916428" {
		t.Fatalf("rows = %+v", rows)
	}
	if rows[1].GivenNames != "Ñángara" || rows[1].FamilyNames != "D'Ávila Núñez" {
		t.Errorf("names mangled: %+v", rows[1])
	}
}

func TestParseSemicolons(t *testing.T) {
	in := strings.ReplaceAll(header, ",", ";") + "P1;Ana;Pérez;Oficial;CCS-01;4821\n"
	rows, problems := Parse(strings.NewReader(in), "o.csv", nil)
	if len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("semicolon CSV: %v %v", rows, problems)
	}
}

func TestParseReportsEveryBadRowAndNothingElse(t *testing.T) {
	in := header +
		"P1,Ana,Pérez,Oficial,CCS-01,4821\n" + // 2 good
		"P2,Luis,Gómez,Oficial,CCS-01,123\n" + // 3 short PIN
		"P3,Rosa<script>,Díaz,Oficial,CCS-01,4821\n" + // 4 bad name
		"P1,Ana,Pérez,Oficial,CCS-01,4821\n" + // 5 duplicate badge
		"P4,Eva,Ruiz,Oficial,CCS-01\n" + // 6 missing field
		"P 5,Eva,Ruiz,Oficial,C,12ab\n" + // 7 bad badge, station and PIN
		"P6,Eva,Ruiz,Oficial,NOPE-1,4821\n" + // 8 unknown station
		"P7,Eva,Ruiz,Oficial,CCS-01,0000\n" + // 9 same digit
		"P8,Eva,Ruiz,Oficial,CCS-01,6543\n" + // 10 sequence
		"P-4821,Eva,Ruiz,Oficial,CCS-01,4821\n" + // 11 the badge's digits
		"P9,Mar\xeda,Ruiz\x00,Oficial,CCS-01,4821\n" + // 12 Latin-1, NUL
		"P10,x\"y,Ruiz,Oficial,CCS-01,4821\n" // 13 stray quote
	rows, problems := Parse(strings.NewReader(in), "o.csv", map[string]bool{"CCS-01": true})
	if rows != nil {
		t.Error("rows returned although some are bad")
	}
	got := problemsText(problems)
	want := `o.csv:3: roster.pin
o.csv:4: roster.given_names Rosa<script>
o.csv:5: roster.duplicate P1 2
o.csv:6: roster.fields 6 badge,given_names,family_names,rank,station_code,pin 5
o.csv:7: roster.badge P 5
o.csv:7: roster.station_code C
o.csv:7: roster.pin
o.csv:8: roster.station_unknown NOPE-1
o.csv:9: pin.same_digit
o.csv:10: pin.sequence
o.csv:11: pin.badge
o.csv:12: roster.text.utf8 given_names
o.csv:12: roster.text.control family_names
o.csv:13: roster.bare_quote
`
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "12ab") || strings.Contains(got, "123") {
		t.Errorf("a PIN was echoed in an error:\n%s", got)
	}
}

func TestParseHeaderAndEmpty(t *testing.T) {
	for in, want := range map[string]string{
		"":                                   "o.csv:1: roster.empty",
		"badge,name,pin\nP1,Ana,4821\n":      "o.csv:1: roster.header",
		header:                               "o.csv:1: roster.no_rows",
		header + "P1,\"Ana,Pérez,O,C,4821\n": "o.csv:2: roster.quote",
		header + strings.Repeat("\xff,Ana,Ruiz,Oficial,CCS-01,4821\n", maxProblems+5): "o.csv:1001: roster.more_problems.other 5",
	} {
		_, problems := Parse(strings.NewReader(in), "o.csv", nil)
		if len(problems) == 0 || !strings.HasPrefix(idText(problems[len(problems)-1]), want) {
			t.Errorf("%.40q: problems ending %v, want %q last", in, problems[max(0, len(problems)-3):], want)
		}
	}
	_, problems := Parse(strings.NewReader(header+strings.Repeat("x", maxFileSize)), "o.csv", nil)
	if len(problems) != 1 || problems[0].ID != "roster.too_large" {
		t.Errorf("a file over the limit: %v", problems)
	}
}

func TestValidName(t *testing.T) {
	for name, ok := range map[string]bool{"José": true, "María José": true, "O'Higgins": true, "Pérez-Rojas": true,
		"Sgto. 1ro": true, "": false, " Ana": false, "Ana<b>": false, "Ana;DROP": false, "Ana\u202e": false, "Mar\xeda": false} {
		if ValidName(name) != ok {
			t.Errorf("ValidName(%q) = %v", name, !ok)
		}
	}
}

// A PIN is 4 to 8 digits: no sign, no decimal point, no letters (officers type it on a keypad).
func TestPINIsDigitsOnly(t *testing.T) {
	in := header + "P1,Ana,Pérez,Oficial,CCS-01,+4821\n" + "P2,Ana,Pérez,Oficial,CCS-01,48.21\n" +
		"P3,Ana,Pérez,Oficial,CCS-01,482193715\n"
	_, problems := Parse(strings.NewReader(in), "o.csv", nil)
	want := "o.csv:2: roster.pin\no.csv:3: roster.pin\no.csv:4: roster.pin\n"
	if got := problemsText(problems); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}
