package web_test

// No answer data reaches a terminal: not in the API's attempt JSON, not in a question page. A
// correct option's text is on the paper like any other option (and may also be part of another
// question's prompt), so texts are checked where they are not prompts or choices; explanations,
// feedback and accepted answers must not appear at all, unless the same words are a prompt or
// choice of the quiz.

import (
	"encoding/json"
	"html"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"aula/client-node/internal/web"
	"aula/courses"
)

// forbiddenWords would name answer data.
var forbiddenWords = []string{"correct", "accept", "explanation", "feedback"}

// secrets are the texts of a quiz that would give answers away, in every language.
type secrets struct {
	anywhere []string // explanations and feedback that are not part of a public text
	outside  []string // the others, accepted answers and correct options: never outside the public texts
}

func quizSecrets(c *courses.Course) secrets {
	public := append(textValues(c.Title), textValues(c.Summary)...)
	for _, l := range c.Lessons {
		public = append(public, textValues(l.Title)...)
	}
	for _, qq := range c.Quiz.Questions {
		public = append(public, textValues(qq.Prompt)...)
		for _, o := range qq.Options {
			public = append(public, textValues(o.Text)...)
		}
		for _, it := range qq.Items {
			public = append(public, textValues(it)...)
		}
		for _, p := range qq.Pairs {
			public = append(public, textValues(p.Left)...)
			public = append(public, textValues(p.Right)...)
		}
	}
	var s secrets
	sentence := func(tx courses.Text) {
		for _, v := range textValues(tx) {
			if slices.ContainsFunc(public, func(p string) bool { return hasWords(p, v) }) {
				s.outside = append(s.outside, v)
			} else {
				s.anywhere = append(s.anywhere, v)
			}
		}
	}
	for _, qq := range c.Quiz.Questions {
		sentence(qq.Explanation)
		for _, a := range qq.Accept {
			s.outside = append(s.outside, textValues(a)...)
		}
		for _, o := range qq.Options {
			sentence(o.Feedback)
			if o.Correct {
				s.outside = append(s.outside, textValues(o.Text)...)
			}
		}
	}
	return s
}

func textValues(tx courses.Text) []string {
	var out []string
	for _, v := range tx {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// hasWords reports whether s contains text as whole words, ignoring case.
func hasWords(s, text string) bool {
	ls, lt := strings.ToLower(s), strings.ToLower(text)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i <= len(ls); {
		j := strings.Index(ls[i:], lt)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(ls[:j])
		after, _ := utf8.DecodeRuneInString(ls[j+len(lt):])
		if !word(before) && !word(after) {
			return true
		}
		i = j + 1
	}
	return false
}

// stripUI removes the node's own messages (Spanish) from a page's text.
func stripUI(text string) string {
	for _, m := range web.UIMessages("es") {
		if !strings.Contains(m, "%") {
			text = strings.ReplaceAll(text, m, "\x00")
			continue
		}
		parts := regexp.MustCompile(`%[a-z]`).Split(strings.ReplaceAll(m, "%%", "%"), -1)
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		text = regexp.MustCompile(strings.Join(parts, `[^<>\n]{0,40}?`)).ReplaceAllString(text, "\x00")
	}
	return text
}

// checkLeaks checks texts that must hold no answer data: all is everything shown, outside what is
// not a prompt or a choice.
func checkLeaks(t *testing.T, where string, s secrets, all, outside string) {
	t.Helper()
	low := strings.ToLower(outside)
	for _, w := range forbiddenWords {
		if i := strings.Index(low, w); i >= 0 {
			t.Errorf("%s: %q outside the questions' texts: …%s…", where, w, outside[max(0, i-80):min(len(outside), i+80)])
		}
	}
	for _, v := range s.anywhere {
		if hasWords(all, v) {
			t.Errorf("%s shows answer data: %q", where, v)
		}
	}
	for _, v := range s.outside {
		if hasWords(outside, v) {
			t.Errorf("%s shows %q outside the questions' texts", where, v)
		}
	}
}

// checkPaperJSON checks the API's attempt JSON: only the allowed keys, questions that are exactly
// the paper's view, and no answer data.
func (n *node) checkPaperJSON(raw []byte, c *courses.Course, s secrets) {
	t := n.t
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	for k := range top {
		if !slices.Contains([]string{"attempt_id", "course_id", "course_version", "deadline", "questions", "saved"}, k) {
			t.Errorf("attempt JSON has the key %q", k)
		}
	}
	var id string
	_ = json.Unmarshal(top["attempt_id"], &id)
	view, _ := json.Marshal(n.paper(id, c).View("es", c.Language))
	if !sameJSON(t, top["questions"], view) {
		t.Errorf("the questions are not exactly the paper:\n%s\n%s", top["questions"], view)
	}
	var qs []map[string]any
	if err := json.Unmarshal(top["questions"], &qs); err != nil {
		t.Fatal(err)
	}
	var all, outside []string
	for k, v := range top {
		if k != "questions" {
			outside = append(outside, string(v))
		}
	}
	for _, q := range qs {
		for k, v := range q {
			switch k {
			case "id", "type", "points":
				outside = append(outside, string(must(json.Marshal(v))))
			case "prompt":
				all = append(all, v.(string))
			case "options", "items", "left", "right":
				for _, ch := range v.([]any) {
					m := ch.(map[string]any)
					if keys := slices.Sorted(maps.Keys(m)); !slices.Equal(keys, []string{"id", "text"}) {
						t.Errorf("a choice has the keys %v, want id and text only", keys)
					}
					all = append(all, m["text"].(string))
					outside = append(outside, m["id"].(string))
				}
			default:
				t.Errorf("question JSON has the key %q", k)
			}
		}
	}
	all = append(all, outside...)
	checkLeaks(t, "attempt JSON of "+c.ID, s, strings.Join(all, "\n"), strings.Join(outside, "\n"))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

var (
	reMarked     = regexp.MustCompile(`\b(checked|selected)\b`)
	reChoiceTag  = regexp.MustCompile(`<label class="choice">.*?</label>`)
	reSelectTags = regexp.MustCompile(`<option[^>]*>`)
)

// checkQuestionPage checks a fresh question page: it shows exactly the paper's question, nothing
// is preselected, every option is marked up alike, and no answer data is anywhere.
func checkQuestionPage(t *testing.T, page string, want courses.QuestionView, c *courses.Course, s secrets) {
	t.Helper()
	where := c.ID + " question page (" + want.Type + ")"
	got := parseQuestion(t, page)
	trim := func(cs []courses.ChoiceView) []choiceJSON {
		var out []choiceJSON
		for _, ch := range cs {
			out = append(out, choiceJSON{ch.ID, ch.Text})
		}
		return out
	}
	w := questionJSON{Type: want.Type, Prompt: want.Prompt, Options: trim(want.Options), Items: trim(want.Items), Left: trim(want.Left), Right: trim(want.Right)}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("%s shows %+v, the paper has %+v", where, got, w)
	}
	if m := reMarked.FindString(page); m != "" {
		t.Errorf("%s has a %s choice before any answer", where, m)
	}
	var shapes []string
	for _, tag := range reChoiceTag.FindAllString(page, -1) {
		tag = html.UnescapeString(tag)
		for _, ch := range want.Options {
			tag = strings.ReplaceAll(tag, `value="`+ch.ID+`"`, `value="ID"`)
			tag = strings.ReplaceAll(tag, "> "+ch.Text+"<", "> TEXT<")
		}
		shapes = append(shapes, tag)
	}
	slices.Sort(shapes)
	if shapes = slices.Compact(shapes); len(want.Options) > 0 && len(shapes) != 1 {
		t.Errorf("%s marks options differently: %q", where, shapes)
	}
	for _, tag := range reSelectTags.FindAllString(page, -1) {
		if !regexp.MustCompile(`^<option value="[^"]*"\s*>$`).MatchString(tag) {
			t.Errorf("%s has the select option %s", where, tag)
		}
	}
	text := html.UnescapeString(page)
	outside := text
	texts := []string{want.Prompt, c.Title.In("es", c.Language)}
	for _, cs := range [][]courses.ChoiceView{want.Options, want.Items, want.Left, want.Right} {
		for _, ch := range cs {
			texts = append(texts, ch.Text)
		}
	}
	slices.SortFunc(texts, func(a, b string) int { return len(b) - len(a) }) // longest first
	for _, tx := range texts {
		outside = strings.ReplaceAll(outside, tx, "\x00")
	}
	checkLeaks(t, where, s, text, stripUI(outside))
}

// The papers of every attempt the quiz allows (each its own seed), for the sample course and each
// of the three starter courses, as JSON; the last one also as HTML pages.
func TestPapersHoldNoAnswers(t *testing.T) {
	t.Parallel()
	n := newNode(t, true)
	for _, name := range append([]string{""}, courses.StarterNames...) {
		c := readCourse(t, name)
		s := quizSecrets(c)
		if len(s.anywhere) == 0 || len(s.outside) == 0 {
			t.Fatalf("%s: no secrets to look for", c.ID)
		}
		tok := n.login("PNB-1", "1234")
		var last attemptJSON
		for i := range c.Quiz.Attempts {
			code, raw := n.api("POST", "/api/v1/courses/"+c.ID+"/attempts", tok, nil)
			if code != http.StatusCreated {
				t.Fatalf("start %s: %d %s", c.ID, code, raw)
			}
			n.checkPaperJSON(raw, c, s)
			if err := json.Unmarshal(raw, &last); err != nil {
				t.Fatal(err)
			}
			// The reloaded paper is the same.
			code, again := n.api("GET", attemptPath(last.AttemptID, ""), tok, nil)
			if code != http.StatusOK || !sameJSON(t, again, raw) {
				t.Errorf("reloaded paper: %d", code)
			}
			if i < c.Quiz.Attempts-1 {
				n.apiOK(http.StatusOK, "POST", attemptPath(last.AttemptID, "/submit"), tok, map[string]any{"responses": map[string]any{}}, nil)
			}
		}
		// The last attempt, in progress, through the web pages.
		cl := n.client()
		cl.login("PNB-1", "1234")
		if id := cl.startForm(c.ID); id != last.AttemptID {
			t.Fatalf("the form resumed %s, want %s", id, last.AttemptID)
		}
		view := n.paper(last.AttemptID, c).View("es", c.Language)
		for i, q := range view {
			resp, page := cl.get(qPath(last.AttemptID, i+1))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("question %d: %d", i+1, resp.StatusCode)
			}
			checkQuestionPage(t, page, q, c, s)
		}
		resp, page := cl.get("/attempts/" + last.AttemptID + "/review")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("review page: %d", resp.StatusCode)
		}
		text := html.UnescapeString(page)
		outside := strings.ReplaceAll(text, c.Title.In("es", c.Language), "\x00")
		for _, q := range view {
			outside = strings.ReplaceAll(outside, q.Prompt, "\x00")
		}
		checkLeaks(t, c.ID+" review page", s, text, stripUI(outside))
	}
}
