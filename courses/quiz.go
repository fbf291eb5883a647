package courses

import (
	"fmt"
	"slices"
)

// Question types.
const (
	Single    = "single"
	Multiple  = "multiple"
	TrueFalse = "true_false"
	Matching  = "matching"
	Ordering  = "ordering"
	Short     = "short"
	Numeric   = "numeric"
)

// QuestionTypes lists every question type in the order the documentation gives them.
var QuestionTypes = []string{Single, Multiple, TrueFalse, Matching, Ordering, Short, Numeric}

// Review settings: what the officer sees after submitting.
const (
	ReviewNone    = "none"
	ReviewScore   = "score"
	ReviewAnswers = "answers"
)

// ReviewModes lists the valid values of review.
var ReviewModes = []string{ReviewNone, ReviewScore, ReviewAnswers}

// Quiz is a course's assessment: a pool of questions and the rules for an attempt.
type Quiz struct {
	PassMark         int // percent, 1..100
	Attempts         int // per officer per course version; 0 = unlimited
	TimeLimitMinutes int // 0 = none
	Draw             int // questions per attempt; 0 = all
	Shuffle          bool
	Review           string
	// RequireLessons: the officer must have read every lesson (to its end) before the quiz.
	RequireLessons bool
	Questions      []Question
}

// Question is one question of the pool. Which fields are used depends on Type.
type Question struct {
	ID          string
	Type        string
	Points      int
	Prompt      Text
	Explanation Text
	Options     []Option // single, multiple
	Answer      *bool    // true_false
	Items       []Text   // ordering, in the correct order
	Pairs       []Pair   // matching
	Accept      []Text   // short
	Value       *float64 // numeric
	Tolerance   float64  // numeric
}

// Option is a choice of a single or multiple question.
type Option struct {
	Text     Text
	Correct  bool
	Feedback Text
}

// Pair is one correct left-right association of a matching question.
type Pair struct {
	Left, Right Text
}

// Issue is a problem found in a question: the field it concerns and a message id with its
// arguments (IssueTexts holds their English; the apps' catalogs translate them).
type Issue struct {
	Field   string
	ID      string
	Args    []any
	Message string // in English
}

// IssueTexts are the English texts of the issues' message ids.
var IssueTexts = map[string]string{
	"lint.pass_mark":          "pass_mark must be between 1 and 100",
	"lint.attempts":           "attempts must be 0 (unlimited) or more",
	"lint.time_limit":         "time_limit_minutes must be 0 (none) or more",
	"lint.draw_negative":      "draw must be 0 (all) or more",
	"lint.draw_over_pool":     "draw is %d but the pool has only %d questions",
	"lint.review":             "review must be one of none, score, answers (got %q)",
	"lint.no_questions":       "the quiz has no questions",
	"lint.question_id":        "invalid question id %q: use lowercase letters, digits and dashes",
	"lint.question_type":      "unknown question type %q (single, multiple, true_false, matching, ordering, short, numeric)",
	"lint.points":             "points must be at least 1",
	"lint.single_options":     "a single-choice question needs at least 2 options",
	"lint.single_correct":     "a single-choice question needs exactly one correct option (has %d)",
	"lint.multiple_options":   "a multiple-choice question needs at least 2 options",
	"lint.multiple_correct":   "a multiple-choice question needs at least one correct option",
	"lint.true_false_answer":  "a true_false question needs answer: true or answer: false",
	"lint.matching_pairs":     "a matching question needs at least 2 pairs (has %d)",
	"lint.ordering_items":     "an ordering question needs at least 2 items (has %d)",
	"lint.short_accept":       "a short-answer question needs at least one accepted answer",
	"lint.numeric_value":      "a numeric question needs a value",
	"lint.tolerance_negative": "tolerance must not be negative",
}

// issue returns the Issue of a message id, its English text formatted.
func issue(field, id string, args ...any) Issue {
	return Issue{Field: field, ID: id, Args: args, Message: fmt.Sprintf(IssueTexts[id], args...)}
}

// DrawCount returns how many questions an attempt holds.
func (q *Quiz) DrawCount() int {
	if q.Draw == 0 || q.Draw > len(q.Questions) {
		return len(q.Questions)
	}
	return q.Draw
}

// Check returns every problem of the quiz settings (not of its questions).
func (q *Quiz) Check() []Issue {
	var out []Issue
	if q.PassMark < 1 || q.PassMark > 100 {
		out = append(out, issue("pass_mark", "lint.pass_mark"))
	}
	if q.Attempts < 0 {
		out = append(out, issue("attempts", "lint.attempts"))
	}
	if q.TimeLimitMinutes < 0 {
		out = append(out, issue("time_limit_minutes", "lint.time_limit"))
	}
	if q.Draw < 0 {
		out = append(out, issue("draw", "lint.draw_negative"))
	} else if q.Draw > len(q.Questions) {
		out = append(out, issue("draw", "lint.draw_over_pool", q.Draw, len(q.Questions)))
	}
	if !slices.Contains(ReviewModes, q.Review) {
		out = append(out, issue("review", "lint.review", q.Review))
	}
	if len(q.Questions) == 0 {
		out = append(out, issue("questions", "lint.no_questions"))
	}
	return out
}

// Check returns every structural problem of the question. Missing translations are the package
// reader's business: it knows which languages the course offers.
func (q *Question) Check() []Issue {
	var out []Issue
	add := func(field, id string, args ...any) { out = append(out, issue(field, id, args...)) }
	if !ValidSlug(q.ID) {
		add("id", "lint.question_id", q.ID)
	}
	if !slices.Contains(QuestionTypes, q.Type) {
		add("type", "lint.question_type", q.Type)
		return out
	}
	if q.Points < 1 {
		add("points", "lint.points")
	}
	correct := 0
	for _, o := range q.Options {
		if o.Correct {
			correct++
		}
	}
	switch q.Type {
	case Single:
		if len(q.Options) < 2 {
			add("options", "lint.single_options")
		}
		if correct != 1 {
			add("options", "lint.single_correct", correct)
		}
	case Multiple:
		if len(q.Options) < 2 {
			add("options", "lint.multiple_options")
		}
		if correct == 0 {
			add("options", "lint.multiple_correct")
		}
	case TrueFalse:
		if q.Answer == nil {
			add("answer", "lint.true_false_answer")
		}
	case Matching:
		if len(q.Pairs) < 2 {
			add("pairs", "lint.matching_pairs", len(q.Pairs))
		}
	case Ordering:
		if len(q.Items) < 2 {
			add("items", "lint.ordering_items", len(q.Items))
		}
	case Short:
		if len(q.Accept) == 0 {
			add("accept", "lint.short_accept")
		}
	case Numeric:
		if q.Value == nil {
			add("value", "lint.numeric_value")
		}
		if q.Tolerance < 0 {
			add("tolerance", "lint.tolerance_negative")
		}
	}
	return out
}

// Validate returns the first problem of the quiz or of any of its questions, or nil.
func (q *Quiz) Validate() error {
	if is := q.Check(); len(is) > 0 {
		return fmt.Errorf("quiz: %s", is[0].Message)
	}
	seen := map[string]bool{}
	for i := range q.Questions {
		qq := &q.Questions[i]
		if seen[qq.ID] {
			return fmt.Errorf("quiz: duplicate question id %q", qq.ID)
		}
		seen[qq.ID] = true
		if is := qq.Check(); len(is) > 0 {
			return fmt.Errorf("question %s: %s", qq.ID, is[0].Message)
		}
	}
	return nil
}
