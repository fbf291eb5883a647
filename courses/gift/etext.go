package gift

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// etext is GIFT text with its escapes resolved: each rune knows whether it was written escaped
// (\~ \= \# \{ \} \: \\ \n), so searches for the format's special characters skip those.
type etext struct {
	r   []rune
	esc []bool
}

func decode(s string) etext {
	var t etext
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune(`~=#{}:\n`, rs[i+1]) {
			c := rs[i+1]
			if c == 'n' {
				c = '\n'
			}
			t.r, t.esc = append(t.r, c), append(t.esc, true)
			i++
			continue
		}
		t.r, t.esc = append(t.r, rs[i]), append(t.esc, false)
	}
	return t
}

// index returns the position of the first unescaped occurrence of sub at or after from, or -1.
func (t etext) index(sub string, from int) int {
	s := []rune(sub)
	for i := max(from, 0); i+len(s) <= len(t.r); i++ {
		ok := true
		for j, c := range s {
			if t.r[i+j] != c || t.esc[i+j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func (t etext) slice(i, j int) etext { return etext{t.r[i:j], t.esc[i:j]} }

func (t etext) from(i int) etext { return t.slice(i, len(t.r)) }

func (t etext) String() string { return string(t.r) }

// trim removes white space at both ends.
func (t etext) trim() etext {
	i, j := 0, len(t.r)
	for i < j && unicode.IsSpace(t.r[i]) && !t.esc[i] {
		i++
	}
	for j > i && unicode.IsSpace(t.r[j-1]) && !t.esc[j-1] {
		j--
	}
	return t.slice(i, j)
}

// startsWith reports whether t begins with unescaped sub.
func (t etext) startsWith(sub string) bool { return t.index(sub, 0) == 0 }

var (
	formatMarker = regexp.MustCompile(`^\[(html|markdown|plain|moodle)\]`)
	tag          = regexp.MustCompile(`(?s)<[^>]*>`)
	breaks       = regexp.MustCompile(`(?i)<br\s*/?>|</p>|</li>|</div>`)
	spaces       = regexp.MustCompile(`[ \t]+`)
)

// plain returns a text's content for Aula: the [html]/[markdown]/[plain]/[moodle] marker
// removed, HTML reduced to its text (tags dropped, entities decoded, <br> and </p> as line
// breaks), white space tidied.
func plain(t etext) string {
	s := t.trim().String()
	format := ""
	if m := formatMarker.FindStringSubmatch(s); m != nil {
		format, s = m[1], strings.TrimSpace(s[len(m[0]):])
	}
	if format == "html" {
		s = breaks.ReplaceAllString(s, "\n")
		s = html.UnescapeString(tag.ReplaceAllString(s, ""))
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaces.ReplaceAllString(l, " "))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
