// Package pagescan is for tests: it reads what a person sees on a rendered page or in a CSV
// download and reports what a Spanish-speaking officer, commander or trainer should never see
// there: ISO dates and time stamps, "(s)" plurals, internal ids (UUIDs), decimals with a point and
// English interface strings on a Spanish page.
package pagescan

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"aula/internal/i18n"
)

var (
	hidden  = regexp.MustCompile(`(?is)<(script|style|head)\b.*?</(script|style|head)>|<!--.*?-->`)
	tag     = regexp.MustCompile(`(?s)<[^>]*>`)
	isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}[^\s]*)?`)
	uuid    = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	plural  = regexp.MustCompile(`\w\(s\)|\w\(es\)|\w\(as\)`)
	point   = regexp.MustCompile(`\b\d+\.\d+ ?%`)
	verb    = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
)

// Visible returns the text of an HTML page a person sees: no tags, attributes, scripts, styles
// or head (the title aside, which is also in the page's heading), entities decoded, one space
// between words.
func Visible(page string) string {
	page = hidden.ReplaceAllString(page, " ")
	page = tag.ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(html.UnescapeString(page)), " ")
}

// English returns the texts of the catalog's English side that differ from the Spanish and that a
// Spanish page must not show: each message's literal pieces (split at its fmt verbs) of at least
// min letters, longest first.
func English(c i18n.Catalog, min int) []string {
	seen := map[string]bool{}
	for _, m := range c {
		if m["en"] == m["es"] {
			continue
		}
		for _, piece := range verb.Split(m["en"], -1) {
			piece = strings.TrimSpace(piece)
			if letters(piece) >= min && !strings.Contains(m["es"], piece) {
				seen[piece] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// Problems lists what is wrong in text (a page's visible text or a CSV file) for a Spanish reader:
// each finding with a little of the text around it. english is English(catalog); allowed are
// strings the text may hold as they are (a certificate's code, a course's own title).
func Problems(text string, english, allowed []string) []string {
	for _, a := range allowed {
		text = strings.ReplaceAll(text, a, " ")
	}
	var out []string
	add := func(kind string, re *regexp.Regexp) {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			out = append(out, kind+": "+around(text, loc[0], loc[1]))
		}
	}
	add("ISO date", isoDate)
	add("UUID", uuid)
	add("(s) plural", plural)
	add("decimal point", point)
	for _, en := range english {
		for i := 0; ; {
			j := strings.Index(text[i:], en)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(en)
			if wordEdge(text, start, end) {
				out = append(out, "English: "+around(text, start, end))
			}
			i = end
		}
	}
	return out
}

// wordEdge reports whether text[start:end] is not part of a longer word or of a technical name
// (course.yaml, lessons/01-intro.md: file names are the same in every language).
func wordEdge(text string, start, end int) bool {
	r := []rune(text[:start])
	before, beforeThat := ' ', ' '
	if len(r) > 0 {
		before = r[len(r)-1]
	}
	if len(r) > 1 {
		beforeThat = r[len(r)-2]
	}
	a := []rune(text[end:])
	after, afterThat := ' ', ' '
	if len(a) > 0 {
		after = a[0]
	}
	if len(a) > 1 {
		afterThat = a[1]
	}
	joined := func(sep, other rune) bool { return strings.ContainsRune("./_-", sep) && unicode.IsLetter(other) }
	return !unicode.IsLetter(before) && !unicode.IsLetter(after) && !joined(after, afterThat) && !joined(before, beforeThat)
}

// around quotes text[start:end] with up to 30 bytes of context either side.
func around(text string, start, end int) string {
	a, b := max(0, start-30), min(len(text), end+30)
	for a > 0 && !isRuneStart(text[a]) {
		a--
	}
	for b < len(text) && !isRuneStart(text[b]) {
		b++
	}
	return "«" + text[start:end] + "» in …" + text[a:b] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
