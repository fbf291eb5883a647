package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/quizedit"
	"aula/server/internal/service"
)

// quizView is a draft's quiz as the studio edits it.
type quizView struct {
	*draftView
	Quiz     *quizedit.Quiz // nil when the draft has no quiz.yaml yet
	Rev      int64          // quiz.yaml's revision (0: not written yet)
	Broken   bool           // quiz.yaml has problems the editor cannot keep
	Settings map[string][]service.LintProblem
}

// loadQuiz reads the draft's quiz.yaml into the editor model, with its problems by setting.
func (s *Server) loadQuiz(c echo.Context) (*quizView, error) {
	v, err := s.loadDraftView(c)
	if err != nil {
		return nil, err
	}
	q := &quizView{draftView: v, Rev: v.Revs["quiz.yaml"], Settings: map[string][]service.LintProblem{}}
	data, ok := v.files["quiz.yaml"]
	if !ok {
		return q, nil
	}
	if q.Quiz, err = quizedit.ParseIn(data, v.Details.Language); err != nil {
		q.Broken, q.Quiz = true, nil
		return q, nil
	}
	for _, p := range v.fileProblems("quiz.yaml") {
		if p.Question == "" && p.Field != "" {
			q.Settings[p.Field] = append(q.Settings[p.Field], p)
		} else if key := settingAt(q.Quiz.Lines, p.Line); key != "" && p.Question == "" {
			q.Settings[key] = append(q.Settings[key], p)
		}
	}
	return q, nil
}

// settingAt names the quiz setting written on line n, "" when n is not a setting's line.
func settingAt(l *coursepkg.QuizLines, n int) string {
	if l == nil {
		return ""
	}
	for k, line := range l.Settings {
		if line == n && k != "questions" {
			return k
		}
	}
	if n == 1 {
		return "file"
	}
	return ""
}

// questionProblems maps the problems of quiz.yaml to the fields of question id: "prompt",
// "explanation", "options.N", "items", ...; "" for the question as a whole.
func (q *quizView) questionProblems(id string) map[string][]service.LintProblem {
	out := map[string][]service.LintProblem{}
	if q.Quiz == nil || q.Quiz.Lines == nil {
		return out
	}
	ql, ok := q.Quiz.Lines.Questions[id]
	if !ok {
		return out
	}
	end := 1 << 30 // the next question's first line
	for _, other := range q.Quiz.Lines.Questions {
		if other.Line > ql.Line && other.Line < end {
			end = other.Line
		}
	}
	for _, p := range q.fileProblems("quiz.yaml") {
		if p.Question != "" { // a warning names its question and field
			if f := p.Field; p.Question == id {
				if f == "id" || f == "type" {
					f = ""
				}
				out[f] = append(out[f], p)
			}
			continue
		}
		if p.Line < ql.Line || p.Line >= end {
			continue
		}
		field, best := "", ql.Line
		for f, line := range ql.Fields {
			if line <= p.Line && line > best || line == p.Line {
				field, best = f, line
			}
		}
		// The first option's line is also the list's (the linter reports the list there): its
		// problems go to the options as a whole, shown just above the first option.
		for i, line := range ql.Options {
			if i > 0 && line <= p.Line && line >= best {
				field, best = "options."+strconv.Itoa(i), line
			}
		}
		if field == "id" || field == "type" {
			field = ""
		}
		out[field] = append(out[field], p)
	}
	return out
}

// questionRow is one question in the quiz page's list, with how many problems it has.
type questionRow struct {
	Q        courses.Question
	Problems int
	Warnings int
}

// handleDraftQuiz shows the quiz settings, the questions and the GIFT import.
func (s *Server) handleDraftQuiz(c echo.Context) error { return s.quizWith(c, http.StatusOK, page{}) }

func (s *Server) quizWith(c echo.Context, status int, p page) error {
	q, err := s.loadQuiz(c)
	if err != nil {
		return err
	}
	var rows []questionRow
	if q.Quiz != nil {
		for _, x := range q.Quiz.Questions {
			r := questionRow{Q: x}
			for _, ps := range q.questionProblems(x.ID) {
				for _, pr := range ps {
					if pr.Severity == service.SeverityWarning {
						r.Warnings++
					} else {
						r.Problems++
					}
				}
			}
			rows = append(rows, r)
		}
		if p["Settings"] == nil {
			p["Settings"] = q.Quiz.Quiz
		}
	}
	p["Q"], p["Rows"], p["Types"], p["Reviews"] = q, rows, courses.QuestionTypes, courses.ReviewModes
	p["V"], p["Editing"] = q.draftView, q.Draft.Status == "editing"
	p["QuizProblems"] = q.fileProblems("quiz.yaml")
	return s.renderStatus(c, status, "draftquiz", p)
}

// formInt reads a whole number field; a bad one is named in fields.
func formInt(c echo.Context, name string, fields map[string]courses.Msg) int {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		fields[name] = courses.M("studio.bad_number", v)
	}
	return n
}

// handleQuizSettings saves the quiz settings form (pass mark, attempts, time limit, draw,
// shuffle, review, lessons first).
func (s *Server) handleQuizSettings(c echo.Context) error {
	q, err := s.loadQuiz(c)
	if err != nil {
		return err
	}
	quiz := q.Quiz
	if quiz == nil {
		quiz = quizedit.New(80)
	}
	fields := map[string]courses.Msg{}
	set := quiz.Quiz
	set.PassMark = formInt(c, "pass_mark", fields)
	set.Attempts = formInt(c, "attempts", fields)
	set.TimeLimitMinutes = formInt(c, "time_limit_minutes", fields)
	set.Draw = formInt(c, "draw", fields)
	set.Shuffle, set.RequireLessons = c.FormValue("shuffle") != "", c.FormValue("require_lessons") != ""
	set.Review = c.FormValue("review")
	fail := func(err error) error {
		return failOn(c, err, page{"Settings": set}, func(st int, p page) error { return s.quizWith(c, st, p) })
	}
	if len(fields) > 0 {
		return fail(courses.InvalidFields(fields))
	}
	quiz.Quiz = set
	if err := s.writeQuiz(c, quiz); err != nil {
		return fail(err)
	}
	return c.Redirect(http.StatusSeeOther, draftURL(q.Draft.ID, "/quiz?saved=1"))
}

// writeQuiz writes the editor's quiz as quiz.yaml, based on the revision the form was shown with.
func (s *Server) writeQuiz(c echo.Context, quiz *quizedit.Quiz) error {
	data, err := quiz.Marshal()
	if err != nil {
		return err
	}
	base := formRev(c)
	if base == 0 {
		base = service.NoRevision // no quiz.yaml yet
	}
	_, _, err = s.Center.WriteDraftFile(ctx(c), c.Param("id"), "quiz.yaml", data, base, actor(c))
	return err
}

// handleQuestionAdd adds a question of the chosen type with placeholder texts, then opens it.
func (s *Server) handleQuestionAdd(c echo.Context) error {
	q, err := s.loadQuiz(c)
	if err != nil {
		return err
	}
	typ := c.FormValue("type")
	if !slices.Contains(courses.QuestionTypes, typ) || q.Broken {
		return s.quizWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "studio.bad_type")})
	}
	quiz := q.Quiz
	if quiz == nil {
		quiz = quizedit.New(80)
	}
	x := courses.Question{ID: quiz.FreeID("pregunta-" + strconv.Itoa(len(quiz.Questions)+1)), Type: typ, Points: 1,
		Prompt: courses.Text{"es": t(c, "studio.new_prompt")}}
	if err := quiz.Add(x); err != nil {
		return err
	}
	if err := s.writeQuiz(c, quiz); err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.quizWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(q.Draft.ID, "/questions/", x.ID))
}

// handleQuestionOrder moves a question up or down, or removes it (op: up, down, delete).
func (s *Server) handleQuestionOrder(c echo.Context) error {
	q, err := s.loadQuiz(c)
	if err != nil {
		return err
	}
	if q.Quiz == nil {
		return courses.E(courses.NotFound, "studio.no_question", c.FormValue("question"))
	}
	id := c.FormValue("question")
	i := q.Quiz.Index(id)
	if i < 0 {
		return courses.E(courses.NotFound, "studio.no_question", id)
	}
	switch c.FormValue("op") {
	case "up":
		err = q.Quiz.Move(id, i-1)
	case "down":
		err = q.Quiz.Move(id, i+1)
	case "delete":
		err = q.Quiz.Remove(id)
	}
	if err == nil {
		err = s.writeQuiz(c, q.Quiz)
	}
	if err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.quizWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(q.Draft.ID, "/quiz#questions"))
}
