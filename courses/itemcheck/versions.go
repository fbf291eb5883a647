package itemcheck

import (
	"slices"
	"strconv"
	"strings"

	"aula/courses"
)

// versions warns at each question that keeps the id of a question of the previous published
// version but not its meaning: another type, another correct answer, or another set of options.
// The item analysis counts answers by question id, so its statistics would mix two questions.
func (c *checker) versions() {
	if c.in.Previous == nil {
		return
	}
	old := map[string]*courses.Question{}
	for i := range c.in.Previous.Questions {
		old[c.in.Previous.Questions[i].ID] = &c.in.Previous.Questions[i]
	}
	for i := range c.in.Quiz.Questions {
		q := &c.in.Quiz.Questions[i]
		p := old[q.ID]
		switch {
		case p == nil:
		case p.Type != q.Type:
			c.atQuestion(q, "type", IDTypeChanged, q.ID, p.Type, q.Type)
		case !slices.Equal(c.optionSet(p), c.optionSet(q)):
			c.atQuestion(q, "options", IDOptionsChanged, q.ID, c.in.PreviousVersion)
		case c.answer(p) != c.answer(q):
			c.atQuestion(q, "id", IDAnswerChanged, q.ID, c.in.PreviousVersion)
		}
	}
}

// norm is a text in the default language, folded, with single spaces: a reworded sentence is a
// change, a fixed double space or capital is not.
func (c *checker) norm(t courses.Text) string {
	return strings.Join(strings.Fields(fold(c.text(t))), " ")
}

// optionSet is the sorted option texts of a single or multiple question (order is not meaning:
// options are shuffled anyway).
func (c *checker) optionSet(q *courses.Question) []string {
	var out []string
	for _, o := range q.Options {
		out = append(out, c.norm(o.Text))
	}
	slices.Sort(out)
	return out
}

// answer is the question's correct answer as one comparable string.
func (c *checker) answer(q *courses.Question) string {
	var parts []string
	switch q.Type {
	case courses.Single, courses.Multiple:
		for _, o := range q.Options {
			if o.Correct {
				parts = append(parts, c.norm(o.Text))
			}
		}
		slices.Sort(parts)
	case courses.TrueFalse:
		if q.Answer != nil {
			parts = append(parts, strconv.FormatBool(*q.Answer))
		}
	case courses.Matching:
		for _, p := range q.Pairs {
			parts = append(parts, c.norm(p.Left)+" -> "+c.norm(p.Right))
		}
		slices.Sort(parts)
	case courses.Ordering:
		for _, it := range q.Items {
			parts = append(parts, c.norm(it))
		}
	case courses.Short:
		for _, a := range q.Accept {
			parts = append(parts, c.norm(a))
		}
		slices.Sort(parts)
	case courses.Numeric:
		if q.Value != nil {
			parts = append(parts, strconv.FormatFloat(*q.Value, 'g', -1, 64), strconv.FormatFloat(q.Tolerance, 'g', -1, 64))
		}
	}
	return strings.Join(parts, "\x00")
}
