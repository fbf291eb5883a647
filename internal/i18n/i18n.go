// Package i18n is Aula's one translation mechanism: message catalogs keyed by message id, with
// Spanish as the default language and English complete. Both apps supply their own catalogs.
package i18n

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"aula/courses"
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
		// A counted message asked for by its base id (a domain error's courses.E with the count
		// first): its form for that count.
		if n, isInt := firstInt(args); isInt && c[id+Other] != nil {
			return c.T(lang, id+PluralForm(lang, n), args...)
		}
		return id
	}
	s, ok := m[lang]
	if !ok {
		s = m[Default]
	}
	if len(args) > 0 {
		args = c.nested(lang, args)
		out := fmt.Sprintf(s, args...)
		// The "one" form of a counted message may spell its number ("Le queda 1 intento"): the
		// count it was given is not printed again.
		if i := strings.Index(out, "%!(EXTRA "); i >= 0 && !strings.Contains(s, "%!(EXTRA ") {
			out = out[:i]
		}
		return out
	}
	return s
}

// nested returns args with every courses.Msg among them translated (a message inside another,
// such as a quiz problem inside "question %s: %s").
func (c Catalog) nested(lang string, args []any) []any {
	out := args
	for i, a := range args {
		if m, ok := a.(courses.Msg); ok {
			if &out[0] == &args[0] {
				out = slices.Clone(args)
			}
			out[i] = c.T(lang, m.ID, m.Args...)
		}
	}
	return out
}

// firstInt returns args[0] when it is an int.
func firstInt(args []any) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	n, ok := args[0].(int)
	return n, ok
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

// Error returns err in lang: a domain error's message id translated with its arguments, the text
// of a domain error without an id, else err.Error().
func (c Catalog) Error(lang string, err error) string {
	var de *courses.Error
	if !errors.As(err, &de) {
		return err.Error()
	}
	if de.ID == "" {
		return de.Message
	}
	return c.Msg(lang, courses.Msg{ID: de.ID, Args: de.Args})
}

// Msg returns m in lang; arguments that are errors are translated too.
func (c Catalog) Msg(lang string, m courses.Msg) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if e, ok := a.(error); ok {
			a = c.Error(lang, e)
		}
		args[i] = a
	}
	return c.T(lang, m.ID, args...)
}

// Fields returns a domain error's per-field messages in lang (nil when it has none).
func (c Catalog) Fields(lang string, err error) map[string]string {
	var de *courses.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		return nil
	}
	out := make(map[string]string, len(de.Fields))
	for k, m := range de.Fields {
		out[k] = c.Msg(lang, m)
	}
	return out
}

// ErrorID returns the stable id of err for API clients: the message id of a domain error, else
// its code ("internal" for errors without one).
func ErrorID(err error) string {
	var de *courses.Error
	if errors.As(err, &de) && de.ID != "" {
		return de.ID
	}
	return string(courses.ErrorCode(err))
}

// FromAPIRequest returns the language of an API request: ?lang= when valid, else the first
// supported language of Accept-Language (by preference), else Spanish.
func FromAPIRequest(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(Supported, l) {
		return l
	}
	best, bestQ := Default, -1.0
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if !slices.Contains(Supported, base) {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ && q > 0 {
			best, bestQ = base, q
		}
	}
	return best
}

// FromEnv returns the language of the command line: the first of LC_ALL, LC_MESSAGES and LANG
// that is set, when it is Spanish or English (es_ES.UTF-8, en_US...), else Spanish.
func FromEnv(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(strings.ToLower(v), "_")
		base, _, _ = strings.Cut(base, ".")
		if slices.Contains(Supported, base) {
			return base
		}
		return Default
	}
	return Default
}
