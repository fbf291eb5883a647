package i18n

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"aula/courses"
)

func TestCatalog(t *testing.T) {
	c := Catalog{"hi": {"es": "Hola %s", "en": "Hello %s"}, "half": {"es": "Solo"}}
	if got := c.T("en", "hi", "Ana"); got != "Hello Ana" {
		t.Errorf("T en = %q", got)
	}
	if got := c.T("en", "half"); got != "Solo" {
		t.Errorf("fallback to Spanish = %q", got)
	}
	if got := c.T("es", "nope"); got != "nope" {
		t.Errorf("missing id = %q", got)
	}
	if m := c.Missing(); len(m) != 1 || m[0] != "half (en)" {
		t.Errorf("Missing = %v", m)
	}
}

func TestFromRequest(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "en-US")
	if FromRequest(r) != "es" {
		t.Error("default must be Spanish whatever the browser says")
	}
	r = httptest.NewRequest("GET", "/?lang=en", nil)
	if FromRequest(r) != "en" {
		t.Error("?lang=en ignored")
	}
	r = httptest.NewRequest("GET", "/?lang=fr", nil)
	r.AddCookie(&http.Cookie{Name: CookieName, Value: "en"})
	if FromRequest(r) != "en" {
		t.Error("cookie ignored")
	}
}

// The language link keeps the page's other parameters: a verify link's token must survive the
// switch to English, or the page would judge the certificate without it.
func TestSwitchLink(t *testing.T) {
	r := httptest.NewRequest("GET", "/verify/7K3M-QX2P-9A?t=AULA1.abc.def&lang=es", nil)
	got, err := url.ParseQuery(strings.TrimPrefix(SwitchLink(r, "es"), "?"))
	if err != nil || got.Get("t") != "AULA1.abc.def" || got.Get("lang") != "en" {
		t.Errorf("to English: %v %v", got, err)
	}
	if l := SwitchLink(httptest.NewRequest("GET", "/", nil), "en"); l != "?lang=es" {
		t.Errorf("to Spanish: %q", l)
	}
}

func TestAPIAndCommandLineLanguage(t *testing.T) {
	for header, want := range map[string]string{"": "es", "en": "en", "en-US,en;q=0.9": "en", "fr,es;q=0.5,en;q=0.4": "es", "de": "es", "es;q=0.2,en;q=0.8": "en"} {
		r := httptest.NewRequest("GET", "/api/v1/x", nil)
		r.Header.Set("Accept-Language", header)
		if got := FromAPIRequest(r); got != want {
			t.Errorf("Accept-Language %q = %q, want %q", header, got, want)
		}
	}
	for env, want := range map[string]string{"": "es", "en_US.UTF-8": "en", "es_VE.UTF-8": "es", "C.UTF-8": "es", "fr_FR": "es"} {
		if got := FromEnv(func(k string) string { return map[string]string{"LANG": env}[k] }); got != want {
			t.Errorf("LANG=%q = %q, want %q", env, got, want)
		}
	}
	if got := FromEnv(func(k string) string { return map[string]string{"LC_ALL": "en_GB", "LANG": "es_ES"}[k] }); got != "en" {
		t.Errorf("LC_ALL before LANG: %q", got)
	}
}

func TestDomainErrorTranslated(t *testing.T) {
	c := Catalog{"station.exists": {"es": "Ya existe %s.", "en": "%s exists."}, "v.code": {"es": "Código.", "en": "Code."}}
	err := fmt.Errorf("wrapped: %w", courses.E(courses.Conflict, "station.exists", "CCS-01"))
	if got := c.Error("en", err); got != "CCS-01 exists." {
		t.Errorf("Error en = %q", got)
	}
	if ErrorID(err) != "station.exists" || ErrorID(errors.New("x")) != "internal" {
		t.Errorf("ErrorID = %q", ErrorID(err))
	}
	inv := courses.InvalidFields(map[string]courses.Msg{"code": courses.M("v.code")})
	if f := c.Fields("es", inv); f["code"] != "Código." {
		t.Errorf("Fields = %v", f)
	}
}
