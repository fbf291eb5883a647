package roster

import (
	"strings"
	"testing"

	"aula/sync/auth"
)

const header = "badge,given_names,family_names,rank,station_code,pin\n"

func TestParseGoodFile(t *testing.T) {
	in := "\xef\xbb\xbf" + header +
		"pnb-1,María José,Pérez-Rojas,Oficial,ccs-01,4821\n" +
		"\n" +
		"PNB-2,Ñángara,D'Ávila Núñez,Supervisora Agregada,CCS-01,12345678\n"
	rows, problems := Parse(strings.NewReader(in), "o.csv")
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(rows) != 2 || rows[0].Badge != "PNB-1" || rows[0].StationCode != "CCS-01" || rows[0].Line != 2 || rows[1].Line != 4 {
		t.Fatalf("rows = %+v", rows)
	}
	if rows[1].GivenNames != "Ñángara" || rows[1].FamilyNames != "D'Ávila Núñez" {
		t.Errorf("names mangled: %+v", rows[1])
	}
	for _, r := range rows {
		if strings.Contains(r.PINHash, "4821") || !strings.HasPrefix(r.PINHash, "$argon2id$") {
			t.Errorf("PIN stored as %q", r.PINHash)
		}
	}
	if ok, _ := auth.VerifySecret(rows[0].PINHash, "4821"); !ok {
		t.Error("hash does not verify the PIN")
	}
}

func TestParseSemicolons(t *testing.T) {
	in := strings.ReplaceAll(header, ",", ";") + "P1;Ana;Pérez;Oficial;CCS-01;4821\n"
	rows, problems := Parse(strings.NewReader(in), "o.csv")
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
		"P 5,Eva,Ruiz,Oficial,C,12ab\n" // 7 bad badge, station and PIN
	rows, problems := Parse(strings.NewReader(in), "o.csv")
	if rows != nil {
		t.Error("rows returned although some are bad")
	}
	got := ""
	for _, p := range problems {
		got += p.String() + "\n"
	}
	for _, want := range []string{
		"o.csv:3: pin must be 4 to 8 digits",
		"o.csv:4: given_names must be letters",
		"o.csv:5: badge P1 already appears on line 2",
		"o.csv:6: expected 6 fields",
		"o.csv:7: badge must be",
		"o.csv:7: station_code must be",
		"o.csv:7: pin must be",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "12ab") || strings.Contains(got, "\"123\"") {
		t.Errorf("a PIN was echoed in an error:\n%s", got)
	}
	if strings.Contains(got, "o.csv:2:") {
		t.Errorf("the good line was reported:\n%s", got)
	}
}

func TestParseHeaderAndEmpty(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "o.csv:1: the file is empty",
		"badge,name,pin\nP1,Ana,1234\n":   "o.csv:1: the first line must be exactly",
		header:                            "o.csv:1: the file has no officers",
		header + "P1,\"Ana,Pérez,O,C,1\n": "o.csv:2:",
	} {
		_, problems := Parse(strings.NewReader(in), "o.csv")
		if len(problems) == 0 || !strings.Contains(problems[0].String(), want) {
			t.Errorf("%q: problems %v, want %q", in, problems, want)
		}
	}
}

func TestValidName(t *testing.T) {
	for name, ok := range map[string]bool{"José": true, "María José": true, "O'Higgins": true, "Pérez-Rojas": true,
		"Sgto. 1ro": true, "": false, " Ana": false, "Ana<b>": false, "Ana;DROP": false} {
		if ValidName(name) != ok {
			t.Errorf("ValidName(%q) = %v", name, !ok)
		}
	}
}
