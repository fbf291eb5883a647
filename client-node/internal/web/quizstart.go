package web

import (
	"context"
	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
)

// The quiz's start page as the officer needs it: the lessons still to read when the course
// requires them (quiz.yaml require_lessons), the attempt under way to continue, or the last one
// finished — also when its time ran out while nobody was looking — with a link to its result.

// unreadLessons returns the lessons of c the officer has not read to the end.
func (s *Server) unreadLessons(badge string, c *courses.Course) ([]courses.Lesson, error) {
	progress, err := s.Store.CourseProgress(context.Background(), badge)
	if err != nil {
		return nil, err
	}
	var out []courses.Lesson
	for _, l := range c.Lessons {
		if p := progress[c.ID]; p == nil || !p.Read[l.ID] {
			out = append(out, l)
		}
	}
	return out, nil
}

// lastAttempt returns the officer's newest attempt at this version of the course, or nil.
func (s *Server) lastAttempt(badge string, c *courses.Course) (*store.Attempt, error) {
	attempts, err := s.Store.ListAttempts(context.Background(), badge)
	if err != nil {
		return nil, err
	}
	for i := range attempts { // newest first
		if a := &attempts[i]; a.CourseID == c.ID && a.CourseVersion == c.Version {
			return a, nil
		}
	}
	return nil, nil
}

// lessonsFirst refuses a new attempt while the course requires its lessons and some are unread.
// An attempt already under way goes on.
func (s *Server) lessonsFirst(c echo.Context, pkg *coursepkg.Package) error {
	cr := pkg.Course
	if !cr.Quiz.RequireLessons {
		return nil
	}
	badge := officer(c).Badge
	if last, err := s.lastAttempt(badge, cr); err != nil || (last != nil && !last.Submitted()) {
		return err
	}
	unread, err := s.unreadLessons(badge, cr)
	if err != nil || len(unread) == 0 {
		return err
	}
	return courses.Errorf(courses.Conflict, "%s", tn(c, "quiz.read_first", len(unread)))
}

// quizPage shows the quiz's rules and what the officer can do next. An attempt whose time ran
// out is finished here, so the page shows it finished, with its result.
func (s *Server) quizPage(c echo.Context, pkg *coursepkg.Package, status int, errMsg string) error {
	cr, q, badge := pkg.Course, pkg.Course.Quiz, officer(c).Badge
	last, err := s.lastAttempt(badge, cr)
	if err != nil {
		return err
	}
	if last != nil && !last.Submitted() && s.expired(last) {
		st := &attemptState{A: last, Pkg: pkg, Paper: courses.BuildPaper(q, courses.AttemptSeed(last.ID, last.Secret))}
		if _, err := s.finish(context.Background(), st, nil, true); err != nil && courses.ErrorCode(err) != courses.Conflict {
			return err
		}
		if last, err = s.Store.FindAttempt(context.Background(), last.ID); err != nil {
			return err
		}
	}
	used, err := s.Store.AttemptsUsed(context.Background(), badge, cr.ID, cr.Version)
	if err != nil {
		return err
	}
	data := page{"Course": cr, "Quiz": q, "Used": used, "Left": attemptsLeft(q, used), "CourseLang": cr.Lang(lang(c)),
		"Last": last, "Open": last != nil && !last.Submitted()}
	if q.RequireLessons && (last == nil || last.Submitted()) {
		unread, err := s.unreadLessons(badge, cr)
		if err != nil {
			return err
		}
		data["Unread"] = unread
	}
	if errMsg != "" {
		data["Error"] = errMsg
	}
	return s.renderStatus(c, status, "quiz", data)
}

// freshNotice is what the first question of a new attempt, not the officer's first, says: that
// it is a new one, and which ("" for a first attempt).
func (s *Server) freshNotice(c echo.Context, st *attemptState) (string, error) {
	used, err := s.Store.AttemptsUsed(context.Background(), st.A.Badge, st.A.CourseID, st.A.CourseVersion)
	if err != nil || used < 2 {
		return "", err
	}
	if n := st.quiz().Attempts; n > 0 {
		return t(c, "quiz.fresh_of", used, n), nil
	}
	return t(c, "quiz.fresh"), nil
}
