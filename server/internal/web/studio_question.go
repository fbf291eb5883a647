package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/quizedit"
	"aula/server/internal/service"
)

// A question form offers blankRows empty rows (options, pairs, items, answers) after those
// written, and at least minRows rows in all.
const (
	blankRows = 2
	minRows   = 4
)

// questionForm is a question as its editor shows it: every list with blank rows to fill.
type questionForm struct {
	ID, Type, Value, Tolerance string
	Points                     int
	Prompt, Explanation        courses.Text
	Options                    []courses.Option
	Answer                     string // "true", "false" or ""
	Items, Accept              []courses.Text
	Pairs                      []courses.Pair
}

// toForm is a question ready for its editor.
func toForm(x courses.Question) questionForm {
	f := questionForm{ID: x.ID, Type: x.Type, Points: x.Points, Prompt: x.Prompt, Explanation: x.Explanation,
		Options: x.Options, Items: x.Items, Accept: x.Accept, Pairs: x.Pairs}
	if f.Points == 0 {
		f.Points = 1
	}
	if x.Answer != nil {
		f.Answer = strconv.FormatBool(*x.Answer)
	}
	if x.Value != nil {
		f.Value = strconv.FormatFloat(*x.Value, 'f', -1, 64)
		f.Tolerance = strconv.FormatFloat(x.Tolerance, 'f', -1, 64)
	}
	// Empty rows to fill: at least blankRows, and a list of at least minRows.
	blank := func(n int) int { return max(blankRows, minRows-n) }
	for range blank(len(x.Options)) {
		f.Options = append(f.Options, courses.Option{Text: courses.Text{}, Feedback: courses.Text{}})
	}
	for range blank(len(x.Items)) {
		f.Items = append(f.Items, courses.Text{})
	}
	for range blank(len(x.Accept)) {
		f.Accept = append(f.Accept, courses.Text{})
	}
	for range blank(len(x.Pairs)) {
		f.Pairs = append(f.Pairs, courses.Pair{Left: courses.Text{}, Right: courses.Text{}})
	}
	return f
}

// formText reads a text's es and en fields (name_es, name_en); empty ones are left out.
func formText(c echo.Context, name string) courses.Text {
	t := courses.Text{}
	for _, l := range courses.Languages {
		if v := strings.TrimSpace(strings.ReplaceAll(c.FormValue(name+"_"+l), "\r\n", "\n")); v != "" {
			t[l] = v
		}
	}
	return t
}

// fromForm reads the question editor's form: rows left empty are dropped.
func fromForm(c echo.Context, typ string) (courses.Question, map[string]courses.Msg) {
	fields := map[string]courses.Msg{}
	x := courses.Question{ID: strings.TrimSpace(c.FormValue("id")), Type: typ, Points: formInt(c, "points", fields),
		Prompt: formText(c, "prompt"), Explanation: formText(c, "explanation")}
	if x.Points == 0 {
		x.Points = 1
	}
	rows, _ := strconv.Atoi(c.FormValue("rows"))
	rows = min(max(rows, 0), 100)
	for i := range rows {
		n := strconv.Itoa(i)
		switch typ {
		case courses.Single, courses.Multiple:
			o := courses.Option{Text: formText(c, "opt"+n), Feedback: formText(c, "fb"+n)}
			o.Correct = c.FormValue("correct") == n || c.FormValue("correct"+n) != ""
			if len(o.Text) > 0 || len(o.Feedback) > 0 {
				x.Options = append(x.Options, o)
			}
		case courses.Ordering:
			if t := formText(c, "item"+n); len(t) > 0 {
				x.Items = append(x.Items, t)
			}
		case courses.Short:
			if t := formText(c, "acc"+n); len(t) > 0 {
				x.Accept = append(x.Accept, t)
			}
		case courses.Matching:
			if p := (courses.Pair{Left: formText(c, "left"+n), Right: formText(c, "right"+n)}); len(p.Left)+len(p.Right) > 0 {
				x.Pairs = append(x.Pairs, p)
			}
		}
	}
	switch typ {
	case courses.TrueFalse:
		if a := c.FormValue("answer"); a != "" {
			b := a == "true"
			x.Answer = &b
		}
	case courses.Numeric:
		if v, err := parseNumber(c.FormValue("value")); err == nil {
			x.Value = &v
		} else {
			fields["value"] = courses.M("studio.bad_number", c.FormValue("value"))
		}
		if tol := strings.TrimSpace(c.FormValue("tolerance")); tol != "" {
			v, err := parseNumber(tol)
			if err != nil {
				fields["tolerance"] = courses.M("studio.bad_number", tol)
			}
			x.Tolerance = v
		}
	}
	return x, fields
}

// handleQuestion shows a question's editor with the linter's findings next to its fields.
func (s *Server) handleQuestion(c echo.Context) error {
	return s.questionWith(c, http.StatusOK, page{})
}

func (s *Server) questionWith(c echo.Context, status int, p page) error {
	q, err := s.loadQuiz(c)
	if err != nil {
		return err
	}
	id := c.Param("q")
	var saved *courses.Question
	if q.Quiz != nil {
		saved = q.Quiz.Question(id)
	}
	if saved == nil {
		return courses.E(courses.NotFound, "studio.no_question", id)
	}
	if p["F"] == nil {
		p["F"] = toForm(*saved)
	}
	if p["Conflict"] != nil {
		p["Theirs"] = *saved
	}
	p["V"], p["Q"], p["Rev"], p["FP"] = q.draftView, q, q.Rev, q.questionProblems(id)
	p["Editing"], p["Saved"] = q.Draft.Status == "editing", c.QueryParam("saved") != ""
	return s.renderStatus(c, status, "draftquestion", p)
}

// formQuestion loads the quiz and the id of the question a form was sent for (NotFound when the
// quiz has no such question).
func (s *Server) formQuestion(c echo.Context) (*quizView, string, error) {
	q, err := s.loadQuiz(c)
	if err != nil {
		return nil, "", err
	}
	id := c.Param("q")
	if q.Quiz == nil || q.Quiz.Question(id) == nil {
		return nil, "", courses.E(courses.NotFound, "studio.no_question", id)
	}
	return q, id, nil
}

// handleQuestionSave writes the question editor's form into quiz.yaml through the editor model.
// When someone else saved the quiz since, nothing is written: the page shows their version of the
// question next to the form as typed.
func (s *Server) handleQuestionSave(c echo.Context) error {
	q, id, err := s.formQuestion(c)
	if err != nil {
		return err
	}
	x, fields := fromForm(c, q.Quiz.Question(id).Type)
	form := toForm(x)
	fail := func(err error) error {
		if isStale(err) {
			return s.questionWith(c, http.StatusConflict, page{"F": form, "Conflict": true, "Error": t(c, "studio.stale_question")})
		}
		return failOn(c, err, page{"F": form}, func(st int, p page) error { return s.questionWith(c, st, p) })
	}
	if len(fields) > 0 {
		return fail(courses.InvalidFields(fields))
	}
	if err := q.Quiz.Replace(id, x); err != nil {
		return fail(courses.InvalidFields(map[string]courses.Msg{"id": courses.M("studio.bad_question_id", x.ID)}))
	}
	if err := s.writeQuiz(c, q.Quiz); err != nil {
		return fail(err)
	}
	return c.Redirect(http.StatusSeeOther, draftURL(q.Draft.ID, "/questions/", x.ID, "?saved=1"))
}

// lintNote is one problem of a field as the live check sends it to studio.js.
type lintNote struct {
	Severity string `json:"severity"`
	Label    string `json:"label"`
	Message  string `json:"message"`
}

// handleQuestionCheck lints the question as typed, without saving it, and answers the problems
// by field ({"fields": {"options": [...], "": [...]}}) for studio.js to show next to each field.
func (s *Server) handleQuestionCheck(c echo.Context) error {
	q, id, err := s.formQuestion(c)
	if err != nil {
		return err
	}
	x, _ := fromForm(c, q.Quiz.Question(id).Type)
	if q.Quiz.Replace(id, x) != nil {
		x.ID = id // an id still being typed: check the rest
		_ = q.Quiz.Replace(id, x)
	}
	data, err := q.Quiz.Marshal()
	if err != nil {
		return err
	}
	problems, err := s.Center.CheckDraftFile(ctx(c), q.Draft.ID, "quiz.yaml", data)
	if err != nil {
		return err
	}
	if q.Quiz, err = quizedit.ParseIn(data, q.Details.Language); err != nil {
		return err
	}
	q.Problems = problemsIn(c, problems)
	out := map[string][]lintNote{}
	for field, ps := range q.questionProblems(x.ID) {
		for _, p := range ps {
			label := t(c, "studio.severity_error")
			if p.Severity == service.SeverityWarning {
				label = t(c, "studio.severity_warning")
			}
			out[field] = append(out[field], lintNote{p.Severity, label, p.Message})
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"fields": out})
}
