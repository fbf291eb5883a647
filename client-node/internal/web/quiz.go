package web

import (
	"context"
	"encoding/json"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
)

// deadlineGrace absorbs the time a request takes to reach the node: an answer sent in the last
// seconds still counts. After deadline + grace nothing more is accepted.
const deadlineGrace = 10 * time.Second

// attemptState is an attempt with what is needed to show and score it.
type attemptState struct {
	A     *store.Attempt
	Pkg   *coursepkg.Package
	Paper *courses.Paper
	// closedNow: this request found the time up and finished the attempt (see loadAttempt).
	closedNow bool
}

func (st *attemptState) quiz() *courses.Quiz { return st.Pkg.Course.Quiz }

// expired reports whether the attempt's time is up.
func (s *Server) expired(a *store.Attempt) bool {
	return !a.Deadline.IsZero() && s.Now().After(a.Deadline.Add(deadlineGrace))
}

// startAttempt resumes the officer's attempt in progress or starts a new one. An attempt whose
// time ran out while nobody was looking is finished first, with the answers saved in time.
func (s *Server) startAttempt(c echo.Context, courseID string) (*attemptState, bool, error) {
	pkg, _, err := s.course(c.Request().Context(), courseID)
	if err != nil {
		return nil, false, err
	}
	q := pkg.Course.Quiz
	if q == nil {
		return nil, false, courses.E(courses.NotFound, "quiz.none")
	}
	if err := s.lessonsFirst(c, pkg); err != nil {
		return nil, false, err
	}
	o := officer(c)
	limit := time.Duration(q.TimeLimitMinutes) * time.Minute
	for range 2 {
		a, created, err := s.Store.StartAttempt(c.Request().Context(), o.Badge, pkg.Course.ID, pkg.Course.Version, q.Attempts, limit)
		if courses.ErrorCode(err) == courses.Conflict {
			return nil, false, courses.E(courses.Conflict, "quiz.no_attempts", q.Attempts)
		}
		if err != nil {
			return nil, false, err
		}
		st := &attemptState{A: a, Pkg: pkg, Paper: courses.BuildPaper(q, courses.AttemptSeed(a.ID, a.Secret))}
		if created || !s.expired(a) {
			return st, created, nil
		}
		if _, err := s.finish(c.Request().Context(), st, nil, true); err != nil {
			return nil, false, err
		}
	}
	return nil, false, courses.E(courses.Conflict, "quiz.no_attempts", q.Attempts)
}

// loadAttempt returns one of the officer's attempts. An attempt past its deadline is finished
// here, so the limit holds even if the browser never comes back.
func (s *Server) loadAttempt(c echo.Context, id string) (*attemptState, error) {
	a, err := s.Store.FindAttempt(c.Request().Context(), id)
	if err != nil || a.Badge != officer(c).Badge {
		return nil, courses.E(courses.NotFound, "err.not_found")
	}
	pkg, err := s.versionOf(c.Request().Context(), a.CourseID, a.CourseVersion)
	if err != nil {
		return nil, err
	}
	if pkg.Course.Quiz == nil {
		return nil, courses.E(courses.NotFound, "quiz.none")
	}
	st := &attemptState{A: a, Pkg: pkg, Paper: courses.BuildPaper(pkg.Course.Quiz, courses.AttemptSeed(a.ID, a.Secret))}
	if !a.Submitted() && s.expired(a) {
		if _, err := s.finish(c.Request().Context(), st, nil, true); err != nil {
			return nil, err
		}
		st.closedNow = true
	}
	return st, nil
}

// saveAnswer stores one answer of an attempt in progress.
func (s *Server) saveAnswer(c echo.Context, st *attemptState, questionID string, response json.RawMessage) error {
	if st.A.Submitted() {
		return courses.E(courses.Conflict, closedID(st.A))
	}
	if !paperHas(st.Paper, questionID) {
		return courses.E(courses.Invalid, "quiz.unknown_question", questionID)
	}
	err := s.Store.SaveAnswer(c.Request().Context(), st.A.ID, questionID, response)
	if courses.ErrorCode(err) == courses.Conflict {
		return courses.E(courses.Conflict, "quiz.already_submitted")
	}
	return err
}

// closedID says why an attempt takes no more answers (a message id): handed in, or closed by the
// time limit.
func closedID(a *store.Attempt) string {
	if a.TimedOut {
		return "result.timed_out"
	}
	return "quiz.already_submitted"
}

func paperHas(p *courses.Paper, id string) bool {
	for _, q := range p.Questions {
		if q.ID == id {
			return true
		}
	}
	return false
}

// finish scores the saved answers (plus extra, unless the time is up) and records the result
// durably before anyone sees it.
func (s *Server) finish(ctx context.Context, st *attemptState, extra map[string]json.RawMessage, timedOut bool) (courses.Result, error) {
	responses, err := s.Store.Answers(ctx, st.A.ID)
	if err != nil {
		return courses.Result{}, err
	}
	if !timedOut {
		for k, v := range extra {
			responses[k] = v
		}
	}
	result := courses.Score(st.quiz(), st.Paper, responses)
	cert, err := s.certificateFor(ctx, st, result)
	if err != nil {
		return courses.Result{}, err
	}
	if err := s.Store.FinishAttempt(ctx, st.A, responses, st.Paper.CanonicalJSON(responses), result, timedOut, cert); err != nil {
		return courses.Result{}, err
	}
	return result, nil
}

// submit finishes an attempt at the officer's request.
func (s *Server) submit(c echo.Context, st *attemptState, responses map[string]json.RawMessage) (courses.Result, error) {
	if st.A.Submitted() {
		if st.closedNow {
			// The time ran out before this submit arrived: the answers saved in time were handed
			// in (its responses do not count), and the officer gets that result, timed out.
			var res courses.Result
			err := json.Unmarshal(st.A.Result, &res)
			return res, err
		}
		return courses.Result{}, courses.E(courses.Conflict, closedID(st.A))
	}
	for id := range responses {
		if !paperHas(st.Paper, id) {
			return courses.Result{}, courses.E(courses.Invalid, "quiz.unknown_question", id)
		}
	}
	res, err := s.finish(c.Request().Context(), st, responses, s.expired(st.A))
	if courses.ErrorCode(err) == courses.Conflict {
		return res, courses.E(courses.Conflict, "quiz.already_submitted")
	}
	return res, err
}
