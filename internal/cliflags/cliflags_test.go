package cliflags

import (
	"io"
	"slices"
	"testing"
)

// TestList: the variable gives the default, comma-separated; the flag, repeated or with commas,
// replaces it.
func TestList(t *testing.T) {
	t.Setenv("AULA_TEST_LIST", "10.0.0.1, 10.0.0.2")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"10.0.0.1", "10.0.0.2"}},
		{[]string{"--item", "192.0.2.0/24,192.0.2.9", "--item", "fd00::/8"}, []string{"192.0.2.0/24", "192.0.2.9", "fd00::/8"}},
	} {
		f := New("test", io.Discard)
		got := f.List("item", "AULA_TEST_LIST", "items")
		if ok, _ := f.Parse(c.args); !ok || !slices.Equal(*got, c.want) {
			t.Errorf("%v: %v, want %v", c.args, *got, c.want)
		}
	}
}

func TestCIDRs(t *testing.T) {
	got, err := CIDRs([]string{"10.1.2.3", "192.168.7.9/16", "::1"})
	if err != nil || len(got) != 3 || got[0].String() != "10.1.2.3/32" || got[1].String() != "192.168.0.0/16" || got[2].String() != "::1/128" {
		t.Errorf("CIDRs: %v %v", got, err)
	}
	if _, err := CIDRs([]string{"proxy.local"}); err == nil {
		t.Error("a host name was accepted")
	}
}

// TestServeTimezone: --timezone (or AULA_TIMEZONE) picks the zone of what people read,
// America/Caracas by default; an unknown zone stops the program with exit code 2.
func TestServeTimezone(t *testing.T) {
	f := ServeFlags(":0", "data", io.Discard)
	if ok, _ := f.Parse(nil); !ok || f.Zone.String() != "America/Caracas" {
		t.Errorf("default zone %v", f.Zone)
	}
	t.Setenv("AULA_TIMEZONE", "America/Bogota")
	f = ServeFlags(":0", "data", io.Discard)
	if ok, _ := f.Parse([]string{"--signatory-name", "Ana Márquez"}); !ok || f.Zone.String() != "America/Bogota" || *f.SignatoryName != "Ana Márquez" {
		t.Errorf("zone %v, signatory %q", f.Zone, *f.SignatoryName)
	}
	f = ServeFlags(":0", "data", io.Discard)
	if ok, code := f.Parse([]string{"--timezone", "Caracas"}); ok || code != 2 {
		t.Errorf("an unknown zone: ok %v, code %d", ok, code)
	}
}
