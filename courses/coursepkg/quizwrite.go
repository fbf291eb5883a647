package coursepkg

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// MarshalQuiz writes a quiz as quiz.yaml in one stable layout: the settings first (each one
// written, defaults included, except require_lessons when false), then the questions, a blank
// line between two, their fields in the order of the format's documentation. Every text is a
// map of language to a double-quoted string, so the file reads the same whatever the course's
// default language. Fields that do not belong to a question's type are not written (for an
// unknown type every non-empty field is). Reading the result with ParseQuiz or Read gives back
// the same quiz.
func MarshalQuiz(q *courses.Quiz) ([]byte, error) {
	root := mapping()
	add := func(k string, v *yaml.Node) { root.Content = append(root.Content, key(k), v) }
	add("pass_mark", intNode(q.PassMark))
	add("attempts", intNode(q.Attempts))
	add("time_limit_minutes", intNode(q.TimeLimitMinutes))
	add("draw", intNode(q.Draw))
	add("shuffle", boolNode(q.Shuffle))
	add("review", strNode(q.Review))
	if q.RequireLessons {
		add("require_lessons", boolNode(true))
	}
	qs := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range q.Questions {
		qs.Content = append(qs.Content, questionNode(&q.Questions[i]))
	}
	add("questions", qs)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	// A blank line before every question but the first, as people write the file.
	out := strings.ReplaceAll(buf.String(), "\n  - id: ", "\n\n  - id: ")
	out = strings.Replace(out, "questions:\n\n  - id: ", "questions:\n  - id: ", 1)
	return []byte(out), nil
}

func questionNode(q *courses.Question) *yaml.Node {
	m := mapping()
	_, known := questionFields[q.Type]
	has := func(field string) bool { return !known || slices.Contains(questionFields[q.Type], field) }
	add := func(k string, v *yaml.Node) { m.Content = append(m.Content, key(k), v) }
	addText := func(k string, t courses.Text) {
		if len(t) > 0 {
			add(k, textNode(t))
		}
	}
	add("id", strNode(q.ID))
	add("type", strNode(q.Type))
	if q.Points != 1 {
		add("points", intNode(q.Points))
	}
	addText("prompt", q.Prompt)
	if has("options") && len(q.Options) > 0 {
		s := &yaml.Node{Kind: yaml.SequenceNode}
		for _, o := range q.Options {
			om := mapping()
			om.Content = append(om.Content, key("text"), textNode(o.Text), key("correct"), boolNode(o.Correct))
			if len(o.Feedback) > 0 {
				om.Content = append(om.Content, key("feedback"), textNode(o.Feedback))
			}
			s.Content = append(s.Content, om)
		}
		add("options", s)
	}
	if has("answer") && q.Answer != nil {
		add("answer", boolNode(*q.Answer))
	}
	if has("items") && len(q.Items) > 0 {
		add("items", textList(q.Items))
	}
	if has("pairs") && len(q.Pairs) > 0 {
		s := &yaml.Node{Kind: yaml.SequenceNode}
		for _, p := range q.Pairs {
			pm := mapping()
			pm.Content = append(pm.Content, key("left"), textNode(p.Left), key("right"), textNode(p.Right))
			s.Content = append(s.Content, pm)
		}
		add("pairs", s)
	}
	if has("accept") && len(q.Accept) > 0 {
		add("accept", textList(q.Accept))
	}
	if has("value") && q.Value != nil {
		add("value", floatNode(*q.Value))
	}
	if has("tolerance") && (known || q.Tolerance != 0) {
		add("tolerance", floatNode(q.Tolerance))
	}
	addText("explanation", q.Explanation)
	return m
}

func textList(ts []courses.Text) *yaml.Node {
	s := &yaml.Node{Kind: yaml.SequenceNode}
	for _, t := range ts {
		s.Content = append(s.Content, textNode(t))
	}
	return s
}

// textNode writes a localized text as a map, the course's languages first in their usual order.
func textNode(t courses.Text) *yaml.Node {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	slices.SortFunc(langs, func(a, b string) int {
		ia, ib := slices.Index(courses.Languages, a), slices.Index(courses.Languages, b)
		if ia < 0 {
			ia = len(courses.Languages)
		}
		if ib < 0 {
			ib = len(courses.Languages)
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	m := mapping()
	for _, l := range langs {
		v := strNode(t[l])
		v.Style = yaml.DoubleQuotedStyle
		m.Content = append(m.Content, strNode(l), v)
	}
	return m
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func key(k string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k} }

func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func intNode(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

// floatNode writes a number the shortest way that reads back to the same float64: 48, 0.5,
// 123456789, 1e+300.
func floatNode(f float64) *yaml.Node {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e15) {
		s = strconv.FormatFloat(f, 'g', -1, 64)
	}
	tag := "!!float"
	if !strings.ContainsAny(s, ".eE") {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}
