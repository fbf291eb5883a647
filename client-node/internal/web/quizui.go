package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// handleQuiz shows the quiz's rules and the button to start (or continue) an attempt.
func (s *Server) handleQuiz(c echo.Context) error {
	pkg, _, err := s.course(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if pkg.Course.Quiz == nil {
		return courses.E(courses.NotFound, "quiz.none")
	}
	return s.quizPage(c, pkg, http.StatusOK, "")
}

// handleQuizStart starts or resumes an attempt and shows its first question. When no attempts
// are left the officer gets the quiz page with a clear message, not an error page.
func (s *Server) handleQuizStart(c echo.Context) error {
	st, _, err := s.startAttempt(c, c.Param("id"))
	if courses.ErrorCode(err) == courses.Conflict { // no attempts left, or lessons to read first
		pkg, _, perr := s.course(c.Request().Context(), c.Param("id"))
		if perr != nil {
			return perr
		}
		return s.quizPage(c, pkg, http.StatusConflict, errText(c, err))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%s/q/1", st.A.ID))
}

// questionNumber reads the 1-based question number of the URL.
func questionNumber(c echo.Context, st *attemptState) (int, error) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || n > len(st.Paper.Questions) {
		return 0, courses.E(courses.NotFound, "err.not_found")
	}
	return n, nil
}

// handleQuestion shows one question of an attempt, with the answer saved so far.
func (s *Server) handleQuestion(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if st.A.Submitted() {
		return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/result")
	}
	n, err := questionNumber(c, st)
	if err != nil {
		return err
	}
	return s.questionPage(c, st, n, http.StatusOK, "")
}

func (s *Server) questionPage(c echo.Context, st *attemptState, n, status int, errID string) error {
	answers, err := s.Store.Answers(c.Request().Context(), st.A.ID)
	if err != nil {
		return err
	}
	l := st.Pkg.Course.Lang(lang(c))
	pq := &st.Paper.Questions[n-1]
	view := st.Paper.View(l, st.Pkg.Course.Language)[n-1]
	positions := make([]int, len(view.Items))
	for i := range positions {
		positions[i] = i + 1
	}
	data := page{"Attempt": st.A, "Course": st.Pkg.Course, "Q": view, "N": n, "Total": len(st.Paper.Questions),
		"Saved": savedOrTyped(c, pq, answers[pq.ID]), "Answered": len(answers), "Positions": positions, "CourseLang": l}
	if !st.A.Deadline.IsZero() {
		left := st.A.Deadline.Sub(s.Now())
		data["SecondsLeft"] = max(0, int(left.Seconds()))
		data["MinutesLeft"] = max(0, int((left+time.Minute-1)/time.Minute)) // rounded up: 10, not 11, at the start
	}
	if errID != "" {
		data["Error"] = t(c, errID)
	}
	if n == 1 && len(answers) == 0 {
		if data["Fresh"], err = s.freshNotice(c, st); err != nil {
			return err
		}
	}
	return s.renderStatus(c, status, "question", data)
}

// handleAnswer saves the answer on screen, then moves where the officer asked: previous, next, or
// the review page. A power cut loses at most the question on screen.
func (s *Server) handleAnswer(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if st.A.Submitted() {
		return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/result")
	}
	n, err := questionNumber(c, st)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	pq := &st.Paper.Questions[n-1]
	resp, errID := formResponse(pq, form)
	if errID != "" {
		c.Set(typedKey, typedChoice(pq, form)) // the form again with what the officer chose
		return s.questionPage(c, st, n, http.StatusUnprocessableEntity, errID)
	}
	if resp != nil {
		if err := s.saveAnswer(c, st, pq.ID, resp); err != nil {
			return err
		}
	}
	switch c.FormValue("go") {
	case "prev":
		n = max(1, n-1)
	case "review":
		return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/review")
	default:
		if n == len(st.Paper.Questions) {
			return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/review")
		}
		n++
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%s/q/%d", st.A.ID, n))
}

// handleReview lists the questions, answered or not, before the officer submits.
func (s *Server) handleReview(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if st.A.Submitted() {
		return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/result")
	}
	answers, err := s.Store.Answers(c.Request().Context(), st.A.ID)
	if err != nil {
		return err
	}
	l := st.Pkg.Course.Lang(lang(c))
	type row struct {
		N        int
		Prompt   string
		Answered bool
	}
	var rows []row
	for i, q := range st.Paper.Questions {
		_, ok := answers[q.ID]
		rows = append(rows, row{i + 1, q.Prompt.In(l, st.Pkg.Course.Language), ok})
	}
	return s.render(c, "review", page{"Attempt": st.A, "Course": st.Pkg.Course, "Rows": rows, "Answered": len(answers),
		"Total": len(rows), "CourseLang": l})
}

// handleSubmit finishes the attempt and shows the result.
func (s *Server) handleSubmit(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if !st.A.Submitted() {
		if _, err := s.submit(c, st, nil); err != nil && courses.ErrorCode(err) != courses.Conflict {
			return err
		}
	}
	return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/result")
}

// handleResult shows the outcome as the quiz's review setting allows.
func (s *Server) handleResult(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if !st.A.Submitted() {
		return c.Redirect(http.StatusSeeOther, "/attempts/"+st.A.ID+"/review")
	}
	var res courses.Result
	if err := json.Unmarshal(st.A.Result, &res); err != nil {
		return err
	}
	l := st.Pkg.Course.Lang(lang(c))
	data := page{"Attempt": st.A, "Course": st.Pkg.Course, "Quiz": st.quiz(), "Result": res, "CourseLang": l}
	if st.quiz().Review == courses.ReviewAnswers {
		answers, err := s.Store.Answers(c.Request().Context(), st.A.ID)
		if err != nil {
			return err
		}
		data["Review"] = buildReview(st, answers, res, l)
	}
	used, err := s.Store.AttemptsUsed(c.Request().Context(), st.A.Badge, st.A.CourseID, st.A.CourseVersion)
	if err != nil {
		return err
	}
	data["Left"] = attemptsLeft(st.quiz(), used)
	cert, err := s.Store.CertificateForAttempt(c.Request().Context(), st.A.ID)
	if err != nil {
		return err
	}
	if cert != nil {
		data["Certificate"] = cert
	}
	data["Pending"] = cert == nil && res.Passed && st.Pkg.Course.Certificate.Issue == courses.IssueApproval
	return s.render(c, "result", data)
}
