package coursediff

import (
	"html"
	"slices"
	"strconv"
	"strings"

	"aula/courses"
	"aula/courses/lesson"
)

// maxCells bounds the line diff's table (old lines × new lines); longer lessons are shown as
// removed and added whole.
const maxCells = 4_000_000

func itoa(n int) string { return strconv.Itoa(n) }

// compareLessons compares lessons by id and language, as rendered text.
func compareLessons(old, new *courses.Course) ([]Lesson, error) {
	out := []Lesson{}
	type key struct{ id, lang string }
	var keys []key
	find := func(c *courses.Course, k key) (courses.Lesson, bool) {
		i := slices.IndexFunc(c.Lessons, func(l courses.Lesson) bool { return l.ID == k.id })
		if i < 0 {
			return courses.Lesson{}, false
		}
		_, ok := c.Lessons[i].Files[k.lang]
		return c.Lessons[i], ok
	}
	for _, c := range []*courses.Course{new, old} {
		for _, l := range c.Lessons {
			for _, lang := range courses.Languages {
				if _, ok := l.Files[lang]; ok && !slices.Contains(keys, key{l.ID, lang}) {
					keys = append(keys, key{l.ID, lang})
				}
			}
		}
	}
	for _, k := range keys {
		ol, inOld := find(old, k)
		nl, inNew := find(new, k)
		var oldText, newText []string
		var err error
		if inOld {
			if oldText, err = lessonText(old, ol, k.lang); err != nil {
				return nil, err
			}
		}
		if inNew {
			if newText, err = lessonText(new, nl, k.lang); err != nil {
				return nil, err
			}
		}
		change := Changed
		switch {
		case !inOld:
			change = Added
		case !inNew:
			change = Removed
		}
		title := fields("title", ol.Title[k.lang], nl.Title[k.lang])
		if change == Changed && len(title) == 0 && slices.Equal(oldText, newText) {
			continue
		}
		l := Lesson{ID: k.id, Lang: k.lang, Change: change, Lines: Lines(oldText, newText)}
		if len(title) > 0 {
			l.Title = title[0]
		} else {
			l.Title = Field{Field: "title", Old: raw(ol.Title[k.lang]), New: raw(nl.Title[k.lang])}
		}
		out = append(out, l)
	}
	return out, nil
}

// lessonText renders a lesson as the node does and returns its text, one line per block
// (paragraph, heading, list item, table row, …); an image reads as [imagen: alt → media/x.png].
func lessonText(c *courses.Course, l courses.Lesson, lang string) ([]string, error) {
	h, err := lesson.Render(c, l, lang, lesson.Routes{Media: "media/", Lesson: func(id, frag string) string { return "lessons/" + id + frag }})
	if err != nil {
		return nil, err
	}
	return HTMLText(string(h)), nil
}

// blocks are the elements that end a line of text.
var blocks = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "li": true,
	"tr": true, "br": true, "hr": true, "pre": true, "blockquote": true, "div": true, "article": true, "table": true,
	"ul": true, "ol": true, "dt": true, "dd": true}

// HTMLText turns rendered lesson HTML (goldmark's output: well-formed, no raw HTML, no comments)
// into lines of plain text: a line per block, blanks collapsed, empty lines dropped; code
// blocks keep their lines.
func HTMLText(s string) []string {
	var lines []string
	var cur strings.Builder
	pre := 0
	flush := func() {
		t := html.UnescapeString(cur.String())
		if pre == 0 {
			t = strings.Join(strings.Fields(t), " ")
		}
		for _, ln := range strings.Split(t, "\n") {
			if ln = strings.TrimRight(ln, " \t"); ln != "" {
				lines = append(lines, ln)
			}
		}
		cur.Reset()
	}
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			cur.WriteString(s)
			break
		}
		cur.WriteString(s[:lt])
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			cur.WriteString(s[lt:])
			break
		}
		tag := s[lt+1 : lt+gt]
		s = s[lt+gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimPrefix(strings.Fields(tag + " ")[0], "/"))
		name = strings.TrimSuffix(name, "/")
		switch {
		case name == "img":
			cur.WriteString(" [imagen: " + attr(tag, "alt") + " → " + attr(tag, "src") + "] ")
		case name == "pre":
			flush()
			if !closing {
				pre++
			} else if pre > 0 {
				pre--
			}
		case blocks[name]:
			flush()
		}
	}
	flush()
	return lines
}

// attr returns an attribute's value from a start tag's text (values quoted with ", as goldmark
// writes them), still escaped.
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		v = v[:j]
	}
	return v
}

// Lines is a line diff of old and new (longest common subsequence).
func Lines(old, new []string) []Line {
	out := []Line{}
	if len(old)*len(new) > maxCells {
		for _, l := range old {
			out = append(out, Line{"-", l})
		}
		for _, l := range new {
			out = append(out, Line{"+", l})
		}
		return out
	}
	// lcs[i][j] = length of the LCS of old[i:] and new[j:].
	n, m := len(old), len(new)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if old[i] == new[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && old[i] == new[j]:
			out = append(out, Line{"=", old[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, Line{"-", old[i]})
			i++
		default:
			out = append(out, Line{"+", new[j]})
			j++
		}
	}
	return out
}
