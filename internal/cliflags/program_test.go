package cliflags

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgramRun(t *testing.T) {
	ran := ""
	cmd := func(name string) Command {
		return func(args []string, _ io.Reader, _, _ io.Writer) int {
			ran = name + " " + strings.Join(args, " ")
			return 0
		}
	}
	p := Program{Name: "aula-x", Usage: "usage\n", Version: "v1.2.3",
		Commands: map[string]Command{"serve": cmd("serve"), "sync": cmd("sync"), "sync export": cmd("export")},
		Default:  cmd("serve")}
	for _, tc := range []struct {
		args       []string
		code       int
		ran, out   string
		errContain string
	}{
		{nil, 0, "serve ", "", ""},
		{[]string{"--addr", ":80"}, 0, "serve --addr :80", "", ""},
		{[]string{"sync", "--data", "d"}, 0, "sync --data d", "", ""},
		{[]string{"sync", "export", "--out", "f"}, 0, "export --out f", "", ""},
		{[]string{"--version"}, 0, "", "aula-x v1.2.3\n", ""},
		{[]string{"help"}, 0, "", "usage\n", ""},
		{[]string{"frobnicate", "now"}, 2, "", "", `aula-x: unknown command "frobnicate now"`},
	} {
		ran = ""
		var out, errb bytes.Buffer
		code := p.Run(tc.args, nil, &out, &errb)
		if code != tc.code || ran != tc.ran || out.String() != tc.out || !strings.Contains(errb.String(), tc.errContain) {
			t.Errorf("%q: code %d, ran %q, out %q, err %q", tc.args, code, ran, out.String(), errb.String())
		}
	}
}

func TestBackup(t *testing.T) {
	var got [2]string
	ok := Backup("aula-x", "./data", "x.key", "it signs", func(data, out string) error { got = [2]string{data, out}; return nil })
	var out, errb bytes.Buffer
	dest := filepath.Join(t.TempDir(), "copia.db")
	if code := ok([]string{"--out", dest}, nil, &out, &errb); code != 0 || got != [2]string{"./data", dest} ||
		!strings.Contains(out.String(), "keep x.key from ./data with it: it signs") {
		t.Errorf("backup: code %d, called with %q, out %q %q", code, got, out.String(), errb.String())
	}
	errb.Reset()
	if code := ok(nil, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--out is required") {
		t.Errorf("no --out: code %d, %q", code, errb.String())
	}
	failing := Backup("aula-x", "./data", "x.key", "", func(string, string) error { return errors.New("disk full") })
	errb.Reset()
	if code := failing([]string{"--out", dest}, nil, &out, &errb); code != 1 || errb.String() != "aula-x: disk full\n" {
		t.Errorf("failing backup: code %d, %q", code, errb.String())
	}
}

func TestServeFlags(t *testing.T) {
	t.Setenv("AULA_DATA", "/var/lib/aula")
	var errb bytes.Buffer
	f := ServeFlags(":8080", "./d", &errb)
	public := f.Set.Str("public-url", "", "public address")
	if ok, _ := f.Parse([]string{"--addr", ":9", "--trusted-proxy", "10.0.0.1", "--public-url", "https://x", "--log-format", "json"}); !ok {
		t.Fatal(errb.String())
	}
	if *f.Addr != ":9" || *f.Data != "/var/lib/aula" || *public != "https://x" || len(f.Trusted) != 1 || f.Log == nil || *f.SecureCookies {
		t.Errorf("flags: %q %q %q %v %v", *f.Addr, *f.Data, *public, f.Trusted, *f.SecureCookies)
	}
	f = ServeFlags(":8080", "./d", &errb)
	if ok, code := f.Parse([]string{"--trusted-proxy", "proxy.local"}); ok || code != 2 || !strings.Contains(errb.String(), "serve: --trusted-proxy") {
		t.Errorf("bad proxy: %v %d %q", ok, code, errb.String())
	}
}
