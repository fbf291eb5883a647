// Package coursediff compares two versions of a course the way a reviewer reads them: course
// details and quiz settings field by field, lessons as the officer reads them (rendered by
// courses/lesson, the node's renderer, then turned into plain text and compared line by line),
// questions by id and field by field, and media files by content. It is a pure function of the two
// courses; the center's review page and API show its result.
package coursediff

import (
	"bytes"
	"encoding/json"
	"slices"

	"aula/courses"
)

// Changes of a lesson, question or file.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Diff is what changed from the old course to the new one. Empty lists mean nothing changed.
type Diff struct {
	Course    []Field    `json:"course"`    // course.yaml: title, summary, area, hours, languages, certificate
	Quiz      []Field    `json:"quiz"`      // quiz settings: pass mark, attempts, time limit, draw, shuffle, review
	Lessons   []Lesson   `json:"lessons"`   // per lesson and language
	Questions []Question `json:"questions"` // per question id
	Media     []File     `json:"media"`     // files under media/
}

// Field is one changed field with its old and new values (null when absent).
type Field struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old"`
	New   json.RawMessage `json:"new"`
}

// Lesson is one changed lesson in one language: its rendered text, line by line.
type Lesson struct {
	ID     string `json:"id"`
	Lang   string `json:"lang"`
	Change string `json:"change"`
	Title  Field  `json:"title"`
	Lines  []Line `json:"lines"`
}

// Line is a line of a lesson's text: kept ("="), removed ("-") or added ("+").
type Line struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Question is one added, removed or changed question, with its changed fields (every field of
// an added or removed question).
type Question struct {
	ID     string  `json:"id"`
	Change string  `json:"change"`
	Fields []Field `json:"fields"`
}

// File is an added, removed or changed media file.
type File struct {
	Path   string `json:"path"`
	Change string `json:"change"`
}

// Compare returns what changed from old to new. old may be nil (a new course: everything is
// added). media are the two versions' media files by path (contents), compared by bytes.
func Compare(old, new *courses.Course, oldMedia, newMedia map[string][]byte) (*Diff, error) {
	if old == nil {
		old = &courses.Course{}
	}
	d := &Diff{Course: []Field{}, Quiz: []Field{}, Lessons: []Lesson{}, Questions: []Question{}, Media: []File{}}
	d.Course = fields(
		"title", old.Title, new.Title, "summary", old.Summary, new.Summary, "area", old.Area, new.Area,
		"hours", old.Hours, new.Hours, "language", old.Language, new.Language, "languages", old.Languages, new.Languages,
		"certificate.issue", old.Certificate.Issue, new.Certificate.Issue,
		"certificate.valid_months", old.Certificate.ValidMonths, new.Certificate.ValidMonths)
	oq, nq := quizOrEmpty(old.Quiz), quizOrEmpty(new.Quiz)
	d.Quiz = fields("pass_mark", oq.PassMark, nq.PassMark, "attempts", oq.Attempts, nq.Attempts,
		"time_limit_minutes", oq.TimeLimitMinutes, nq.TimeLimitMinutes, "draw", oq.Draw, nq.Draw,
		"shuffle", oq.Shuffle, nq.Shuffle, "review", oq.Review, nq.Review, "require_lessons", oq.RequireLessons, nq.RequireLessons)
	var err error
	if d.Lessons, err = compareLessons(old, new); err != nil {
		return nil, err
	}
	d.Questions = compareQuestions(oq.Questions, nq.Questions)
	for _, p := range unionKeys(oldMedia, newMedia) {
		o, inOld := oldMedia[p]
		n, inNew := newMedia[p]
		switch {
		case !inOld:
			d.Media = append(d.Media, File{p, Added})
		case !inNew:
			d.Media = append(d.Media, File{p, Removed})
		case !bytes.Equal(o, n):
			d.Media = append(d.Media, File{p, Changed})
		}
	}
	return d, nil
}

func quizOrEmpty(q *courses.Quiz) *courses.Quiz {
	if q == nil {
		return &courses.Quiz{}
	}
	return q
}

// fields compares name, old, new triples and returns the ones that differ.
func fields(triples ...any) []Field {
	out := []Field{}
	for i := 0; i+2 < len(triples); i += 3 {
		o, n := raw(triples[i+1]), raw(triples[i+2])
		if !bytes.Equal(o, n) {
			out = append(out, Field{Field: triples[i].(string), Old: o, New: n})
		}
	}
	return out
}

// raw is v as JSON; the zero value of a field (absent) is null.
func raw(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	switch v.(type) {
	case bool, *bool:
		return data
	}
	switch string(data) {
	case `""`, "0", "null", "[]", "{}":
		return json.RawMessage("null")
	}
	return data
}

// compareQuestions pairs questions by id: new ones in their order, then removed ones.
func compareQuestions(old, new []courses.Question) []Question {
	out := []Question{}
	byID := map[string]courses.Question{}
	for _, q := range old {
		byID[q.ID] = q
	}
	for _, n := range new {
		o, ok := byID[n.ID]
		delete(byID, n.ID)
		change := Changed
		if !ok {
			change, o = Added, courses.Question{}
		}
		if fs := questionFields(o, n); len(fs) > 0 {
			out = append(out, Question{ID: n.ID, Change: change, Fields: fs})
		}
	}
	for _, o := range old {
		if _, gone := byID[o.ID]; gone {
			out = append(out, Question{ID: o.ID, Change: Removed, Fields: questionFields(o, courses.Question{})})
		}
	}
	return out
}

// questionFields compares two questions field by field; options field by field too, so a
// reviewer sees "options[2].correct: false → true" rather than two whole lists.
func questionFields(o, n courses.Question) []Field {
	out := fields("type", o.Type, n.Type, "points", o.Points, n.Points, "prompt", o.Prompt, n.Prompt,
		"explanation", o.Explanation, n.Explanation, "answer", o.Answer, n.Answer, "items", o.Items, n.Items,
		"pairs", o.Pairs, n.Pairs, "accept", o.Accept, n.Accept, "value", o.Value, n.Value, "tolerance", o.Tolerance, n.Tolerance)
	for i := range max(len(o.Options), len(n.Options)) {
		var oo, no courses.Option
		if i < len(o.Options) {
			oo = o.Options[i]
		}
		if i < len(n.Options) {
			no = n.Options[i]
		}
		p := "options[" + itoa(i+1) + "]."
		out = append(out, fields(p+"text", oo.Text, no.Text, p+"correct", oo.Correct, no.Correct, p+"feedback", oo.Feedback, no.Feedback)...)
	}
	return out
}

func unionKeys(a, b map[string][]byte) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
