// Package i18n is Aula's one translation mechanism: message catalogs keyed by message id, with
// Spanish as the default language and English complete. Both apps supply their own catalogs.
package i18n

import (
	"fmt"
	"net/http"
	"slices"
)

// Default is the language used when none is chosen.
const Default = "es"

// Supported lists the languages every catalog must cover.
var Supported = []string{"es", "en"}

// Catalog maps a message id to its text per language. Texts may hold fmt verbs.
type Catalog map[string]map[string]string

// T returns the message id in lang, formatted with args. A missing message shows its id, so a
// gap is visible on screen and caught by the catalog test rather than hidden.
func (c Catalog) T(lang, id string, args ...any) string {
	m, ok := c[id]
	if !ok {
		return id
	}
	s, ok := m[lang]
	if !ok {
		s = m[Default]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Missing returns the ids that lack a text in a supported language.
func (c Catalog) Missing() []string {
	var out []string
	for id, m := range c {
		for _, l := range Supported {
			if m[l] == "" {
				out = append(out, id+" ("+l+")")
			}
		}
	}
	slices.Sort(out)
	return out
}

// CookieName is the cookie that remembers a chosen language.
const CookieName = "lang"

// FromRequest returns the language of a request: ?lang= when valid, else the lang cookie, else
// Spanish. Browser Accept-Language is ignored on purpose: station PCs are often set up in English,
// and officers should see Spanish unless they choose otherwise.
func FromRequest(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(Supported, l) {
		return l
	}
	if c, err := r.Cookie(CookieName); err == nil && slices.Contains(Supported, c.Value) {
		return c.Value
	}
	return Default
}

// Remember sets the language cookie when the request chose a language with ?lang=.
func Remember(w http.ResponseWriter, r *http.Request) {
	if l := r.URL.Query().Get("lang"); slices.Contains(Supported, l) {
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	}
}

// SwitchLink is the link that shows the page of r in the other language (es ↔ en): its query
// with lang set, every other parameter kept (a verify link's token, a list's filters).
func SwitchLink(r *http.Request, current string) string {
	q := r.URL.Query()
	if current == "es" {
		q.Set("lang", "en")
	} else {
		q.Set("lang", "es")
	}
	return "?" + q.Encode()
}
