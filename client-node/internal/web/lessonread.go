package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// handleLessonRead records that the officer read a lesson to its end (the button at its foot),
// queues the first reading for the center (lesson_read, as before), and moves on: to the next
// lesson, or after the last to the quiz (or the course page when there is none).
func (s *Server) handleLessonRead(c echo.Context) error {
	pkg, _, err := s.course(context.Background(), c.Param("id"))
	if err != nil {
		return err
	}
	cr := pkg.Course
	for i, l := range cr.Lessons {
		if l.ID != c.Param("lesson") {
			continue
		}
		if err := s.Store.MarkRead(context.Background(), officer(c).Badge, cr.ID, l.ID); err != nil {
			return err
		}
		switch {
		case i+1 < len(cr.Lessons):
			return c.Redirect(http.StatusSeeOther, "/courses/"+cr.ID+"/lessons/"+cr.Lessons[i+1].ID)
		case cr.Quiz != nil:
			return c.Redirect(http.StatusSeeOther, "/courses/"+cr.ID+"/quiz")
		}
		return c.Redirect(http.StatusSeeOther, "/courses/"+cr.ID)
	}
	return courses.Errorf(courses.NotFound, "%s", t(c, "err.not_found"))
}
