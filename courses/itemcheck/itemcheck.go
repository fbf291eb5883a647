// Package itemcheck finds the habits of question writing that make a quiz measure less than it
// should: the correct option is the longest, true/false answers are nearly all the same, "all
// of the above", negative stems without emphasis, questions without an explanation, missing
// translations, a draw above the pool, and a question id reused with a changed meaning across
// versions (its statistics would mix). Every finding is a warning, never blocking: the linter
// prints it, --strict makes it fail, the studio shows it next to the field it concerns.
//
// Messages are ids with arguments; the apps' catalogs translate them (Spanish and English).
package itemcheck

import (
	"cmp"
	"fmt"
	"slices"

	"aula/courses"
	"aula/courses/coursepkg"
)

// Severity of every item-writing problem.
const Warning = "warning"

// Message ids. Their texts are in the apps' catalogs.
const (
	LongestCorrect     = "item.longest_correct"     // args: questions where it is, single-choice questions
	TrueFalseAllTrue   = "item.true_false_true"     // args: answers true, true/false questions
	TrueFalseAllFalse  = "item.true_false_false"    // args: answers false, true/false questions
	AllNoneOfTheAbove  = "item.all_none_above"      // args: option number (1-based)
	NegativeStem       = "item.negative_stem"       // args: the negative word as written
	NoExplanation      = "item.no_explanation"      // no args
	MissingTranslation = "item.missing_translation" // args: field, language code
	DrawOverPool       = "item.draw_over_pool"      // args: draw, questions in the pool
	IDTypeChanged      = "item.id_type_changed"     // args: id, previous type, type
	IDAnswerChanged    = "item.id_answer_changed"   // args: id, previous version
	IDOptionsChanged   = "item.id_options_changed"  // args: id, previous version
)

// MessageIDs lists every message id the checks return (the catalogs test they translate each).
var MessageIDs = []string{LongestCorrect, TrueFalseAllTrue, TrueFalseAllFalse, AllNoneOfTheAbove, NegativeStem,
	NoExplanation, MissingTranslation, DrawOverPool, IDTypeChanged, IDAnswerChanged, IDOptionsChanged}

// Problem is one finding, at the line of the field it concerns.
type Problem struct {
	File     string // as given in Input.File
	Line     int    // 1-based; 1 when the quiz was not read from a file
	Severity string // always Warning
	ID       string // message id
	Args     []any
	Question string // the question's id; "" for the quiz's settings
	Field    string // "options", "prompt", "explanation", "draw", ...
}

// Text formats the problem's message with a translator (such as a catalog's T for one language).
func (p Problem) Text(t func(id string, args ...any) string) string { return t(p.ID, p.Args...) }

// String is FILE:LINE: warning: ID args, for logs and tests (people see Text).
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s %v", p.File, p.Line, p.Severity, p.ID, p.Args)
}

// Input is what the checks look at.
type Input struct {
	File      string               // how quiz.yaml is named in problems, e.g. "courses/x/quiz.yaml"
	Quiz      *courses.Quiz        // the quiz to check
	Lines     *coursepkg.QuizLines // where its parts are (nil: every problem on line 1)
	Languages []string             // the course's languages; those the quiz uses count too
	Language  string               // the course's default language ("es" when empty)
	// Previous is the quiz of the last published version (nil for a new course) and
	// PreviousVersion its number; questions keeping an id must keep their meaning.
	Previous        *courses.Quiz
	PreviousVersion int
}

// Check runs every check and returns the problems sorted by line.
func Check(in Input) []Problem {
	if in.Quiz == nil {
		return nil
	}
	if in.Language == "" {
		in.Language = courses.Languages[0]
	}
	c := &checker{in: in}
	c.longestCorrect()
	c.trueFalseBalance()
	c.drawOverPool()
	for i := range in.Quiz.Questions {
		q := &in.Quiz.Questions[i]
		c.allNoneOfTheAbove(q)
		c.negativeStem(q)
		c.explanation(q)
		c.translations(q)
	}
	c.versions()
	slices.SortStableFunc(c.out, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return c.out
}

type checker struct {
	in  Input
	out []Problem
}

func (c *checker) add(question, field string, line int, id string, args ...any) {
	c.out = append(c.out, Problem{File: c.in.File, Line: line, Severity: Warning, ID: id, Args: args, Question: question, Field: field})
}

// atQuestion reports at a question's field.
func (c *checker) atQuestion(q *courses.Question, field, id string, args ...any) {
	c.add(q.ID, field, c.in.Lines.Question(q.ID, field), id, args...)
}

// text is t in the default language (what the checks that read words look at).
func (c *checker) text(t courses.Text) string { return t.In(c.in.Language, c.in.Language) }
