package i18n

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
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
