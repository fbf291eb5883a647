package web

import (
	"fmt"
	"math"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// answerRow is one question of an attempt on the answers page.
type answerRow struct {
	Prompt   string
	Answer   string // the officer's answer in words; "" when unanswered
	Expected string // the key's answer, shown when the officer's was not fully right
	Verdict  string // right, wrong or partial
	Credit   float64
	Points   int
}

// handleAnswers shows an attempt's questions with the officer's answers and whether each was
// right: the center rebuilds the paper from the attempt's seed and scores its canonical responses
// with the same rules as the node (courses.ReviewCanonical). A pending approval can be decided
// from here.
func (s *Server) handleAnswers(c echo.Context) error {
	a, err := s.Store.FindAttemptAnswers(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	p := page{"Attempt": a}
	pkg, err := s.Sync.Course(ctx(c), a.CourseID, a.CourseVersion)
	canon, ok := courses.SplitResponses([]byte(a.Responses))
	if err == nil && ok && pkg.Course.Quiz != nil && a.Secret != "" {
		l := pkg.Course.Lang(lang(c))
		yes, no := t(c, "course.true"), t(c, "course.false")
		var rows []answerRow
		for _, r := range courses.ReviewCanonical(pkg.Course.Quiz, courses.AttemptSeed(a.ID, a.Secret), canon) {
			row := answerRow{Prompt: r.Question.Prompt.In(l, l), Answer: r.AnswerText(l, yes, no), Credit: r.Credit, Points: r.Question.Points}
			switch {
			case r.Credit >= 1-1e-9:
				row.Verdict = t(c, "answers.right")
			case r.Credit > 0:
				row.Verdict = t(c, "answers.partial", fmt.Sprintf("%g/%d", math.Round(r.Credit*float64(r.Question.Points)*100)/100, r.Question.Points))
			case !r.Answered:
				row.Verdict = t(c, "answers.blank")
			default:
				row.Verdict = t(c, "answers.wrong")
			}
			if r.Credit < 1-1e-9 {
				row.Expected = courses.Expected(r.Question).AnswerText(l, yes, no)
			}
			rows = append(rows, row)
		}
		p["Rows"] = rows
	}
	pending, err := s.Store.PendingApprovals(ctx(c))
	if err != nil {
		return err
	}
	for _, q := range pending {
		if q.AttemptID == a.ID {
			p["Pending"] = true
		}
	}
	return s.render(c, "answers", p)
}
