package coursepkg

import (
	"fmt"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// questionFields lists, per question type, the fields that belong to it besides the common ones.
var questionFields = map[string][]string{
	courses.Single:    {"options"},
	courses.Multiple:  {"options"},
	courses.TrueFalse: {"answer"},
	courses.Matching:  {"pairs"},
	courses.Ordering:  {"items"},
	courses.Short:     {"accept"},
	courses.Numeric:   {"value", "tolerance"},
}

var commonQuestionFields = []string{"id", "type", "points", "prompt", "explanation"}

// readQuiz parses quiz.yaml. A course without a quiz is allowed only when it issues no
// certificate.
func (r *reader) readQuiz() {
	c := r.course
	data, ok := r.data["quiz.yaml"]
	if !ok {
		if c.Certificate.Issue != courses.IssueNone {
			r.c.add("course.yaml", 1, "lint.missing_quiz")
		}
		return
	}
	d := &node{c: r.c, file: "quiz.yaml"}
	root := d.parse(data)
	if root == nil {
		return
	}
	f := d.fields(root, "quiz.yaml", "pass_mark", "attempts", "time_limit_minutes", "draw", "shuffle", "review", "require_lessons", "questions")
	d.require(root, "quiz.yaml", f, "pass_mark", "questions")
	q := &courses.Quiz{Review: courses.ReviewScore}
	c.Quiz = q
	r.quizLines = newQuizLines(f)
	ints := map[string]*int{"pass_mark": &q.PassMark, "attempts": &q.Attempts, "time_limit_minutes": &q.TimeLimitMinutes, "draw": &q.Draw}
	for k, dst := range ints {
		if n := f[k]; n != nil {
			*dst, _ = d.integer(n, k)
		}
	}
	if n := f["shuffle"]; n != nil {
		q.Shuffle, _ = d.boolean(n, "shuffle")
	}
	if n := f["review"]; n != nil {
		q.Review, _ = d.scalar(n, "review")
	}
	if n := f["require_lessons"]; n != nil {
		q.RequireLessons, _ = d.boolean(n, "require_lessons")
		if q.RequireLessons && len(c.Lessons) == 0 && !r.quizOnly {
			d.softf(n, "lint.require_lessons")
		}
	}
	seen := map[string]int{}
	if n := f["questions"]; n != nil {
		for _, qn := range d.seq(n, "questions") {
			qq := r.readQuestion(d, qn)
			if qq == nil {
				continue
			}
			if line, dup := seen[qq.ID]; dup && qq.ID != "" {
				d.softf(qn, "lint.question_twice", qq.ID, line)
			}
			seen[qq.ID] = qn.Line
			q.Questions = append(q.Questions, *qq)
		}
	}
	for _, is := range q.Check() {
		at := f[is.Field]
		if at == nil && (is.Field == "pass_mark" || is.Field == "questions") {
			continue // already reported as a missing required field
		}
		if at == nil {
			at = root
		}
		d.softf(at, is.ID, is.Args...)
	}
}

// readQuestion parses one question and reports its problems at the line of the field concerned.
func (r *reader) readQuestion(d *node, n *yaml.Node) *courses.Question {
	c := r.course
	if n.Kind != yaml.MappingNode {
		d.errf(n, "lint.question_mapping")
		return nil
	}
	typ := ""
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "type" {
			typ = n.Content[i+1].Value
		}
	}
	allowed := append(append([]string{}, commonQuestionFields...), questionFields[typ]...)
	if _, known := questionFields[typ]; !known {
		// Unknown type: accept every question field so the one real mistake is reported once.
		for _, fs := range questionFields {
			allowed = append(allowed, fs...)
		}
	}
	f := d.fields(n, fmt.Sprintf("question (type %s)", typ), allowed...)
	d.require(n, "question", f, "id", "type", "prompt")
	q := &courses.Question{Points: 1, Tolerance: 0}
	if v := f["id"]; v != nil {
		q.ID, _ = d.scalar(v, "id")
	}
	if v := f["type"]; v != nil {
		q.Type, _ = d.scalar(v, "type")
	}
	if v := f["points"]; v != nil {
		q.Points, _ = d.integer(v, "points")
	}
	txt := func(v *yaml.Node, field string) courses.Text { return d.text(v, field, c.Language, c.Languages) }
	if v := f["prompt"]; v != nil {
		q.Prompt = txt(v, "prompt")
	}
	if v := f["explanation"]; v != nil {
		q.Explanation = txt(v, "explanation")
	}
	if v := f["options"]; v != nil {
		for _, on := range d.seq(v, "options") {
			of := d.fields(on, "option", "text", "correct", "feedback")
			d.require(on, "option", of, "text")
			o := courses.Option{}
			if t := of["text"]; t != nil {
				o.Text = txt(t, "option text")
			}
			if t := of["correct"]; t != nil {
				o.Correct, _ = d.boolean(t, "correct")
			}
			if t := of["feedback"]; t != nil {
				o.Feedback = txt(t, "feedback")
			}
			q.Options = append(q.Options, o)
		}
	}
	if v := f["answer"]; v != nil {
		if b, ok := d.boolean(v, "answer"); ok {
			q.Answer = &b
		}
	}
	if v := f["items"]; v != nil {
		for _, in := range d.seq(v, "items") {
			q.Items = append(q.Items, txt(in, "item"))
		}
	}
	if v := f["pairs"]; v != nil {
		for _, pn := range d.seq(v, "pairs") {
			pf := d.fields(pn, "pair", "left", "right")
			d.require(pn, "pair", pf, "left", "right")
			p := courses.Pair{}
			if t := pf["left"]; t != nil {
				p.Left = txt(t, "left")
			}
			if t := pf["right"]; t != nil {
				p.Right = txt(t, "right")
			}
			q.Pairs = append(q.Pairs, p)
		}
	}
	if v := f["accept"]; v != nil {
		for _, an := range d.seq(v, "accept") {
			q.Accept = append(q.Accept, txt(an, "accept"))
		}
	}
	if v := f["value"]; v != nil {
		if x, ok := d.number(v, "value"); ok {
			q.Value = &x
		}
	}
	if v := f["tolerance"]; v != nil {
		q.Tolerance, _ = d.number(v, "tolerance")
	}
	for _, is := range q.Check() {
		at := f[is.Field]
		if at == nil && (is.Field == "id" || is.Field == "type") {
			continue // already reported as a missing required field
		}
		if at == nil {
			at = n
		}
		d.softf(at, "lint.question", q.ID, courses.M(is.ID, is.Args...))
	}
	r.quizLines.addQuestion(q.ID, n, f)
	return q
}
