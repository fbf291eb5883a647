package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/internal/webedge"
	"aula/sync/auth"
)

// bindJSON decodes a JSON body strictly (webedge.BindJSON).
func bindJSON(c echo.Context, v any) error { return webedge.BindJSON(c, v) }

// apiLogin: POST /api/v1/session {"badge","pin"}.
func (s *Server) apiLogin(c echo.Context) error {
	var in struct {
		Badge string `json:"badge"`
		PIN   string `json:"pin"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Badge == "" || in.PIN == "" {
		return courses.E(courses.Unauthorized, "err.bad_login")
	}
	o, tok, err := s.login(c, in.Badge, in.PIN)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"token": tok, "idle_timeout_seconds": s.idleSeconds(),
		"officer": map[string]any{"badge": o.Badge, "given_names": o.GivenNames, "family_names": o.FamilyNames, "rank": o.Rank,
			"commander": o.Commander}})
}

// apiLogout: DELETE /api/v1/session.
func (s *Server) apiLogout(c echo.Context) error {
	if err := s.Store.DeleteSession(c.Request().Context(), auth.HashToken(sessionToken(c))); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiCourses: GET /api/v1/courses.
func (s *Server) apiCourses(c echo.Context) error {
	cards, err := s.courseCards(c.Request().Context(), officer(c))
	if err != nil {
		return err
	}
	l := lang(c)
	out := make([]map[string]any, 0, len(cards))
	for _, card := range cards {
		cr := card.Course
		item := map[string]any{"id": cr.ID, "version": cr.Version, "title": cr.Title.In(l, cr.Language), "area": cr.Area,
			"hours": cr.Hours, "summary": cr.Summary.In(l, cr.Language), "lessons": len(cr.Lessons), "lessons_read": card.LessonsRd,
			"status": card.Status, "expires_at": nil, "required": card.Req != nil, "due_at": nil, "compliance": nil}
		if !card.ExpiresAt.IsZero() {
			item["expires_at"] = card.ExpiresAt.Format(time.RFC3339)
		}
		if card.Req != nil {
			item["due_at"], item["compliance"] = dayOrNil(card.Req.DueAt), card.Req.Status
		}
		out = append(out, item)
	}
	return c.JSON(http.StatusOK, out)
}

// attemptJSON is an attempt's paper as the API sends it: no answers anywhere.
func (s *Server) attemptJSON(c echo.Context, st *attemptState) (map[string]any, error) {
	var deadline any
	if !st.A.Deadline.IsZero() {
		deadline = st.A.Deadline.Format(time.RFC3339)
	}
	saved, err := s.Store.Answers(c.Request().Context(), st.A.ID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"attempt_id": st.A.ID, "course_id": st.A.CourseID, "course_version": st.A.CourseVersion,
		"deadline": deadline, "questions": st.Paper.View(st.Pkg.Course.Lang(lang(c)), st.Pkg.Course.Language), "saved": saved}, nil
}

// apiStartAttempt: POST /api/v1/courses/{id}/attempts → 201 (new) or 200 (the attempt in
// progress); 409 when no attempts are left.
func (s *Server) apiStartAttempt(c echo.Context) error {
	st, created, err := s.startAttempt(c, c.Param("id"))
	if err != nil {
		return err
	}
	body, err := s.attemptJSON(c, st)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, body)
}

// apiAttempt: GET /api/v1/attempts/{id} → the paper again, with the answers saved so far.
func (s *Server) apiAttempt(c echo.Context) error {
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if st.A.Submitted() {
		return courses.E(courses.Conflict, closedID(st.A))
	}
	body, err := s.attemptJSON(c, st)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, body)
}

// apiSaveAnswer: PUT /api/v1/attempts/{id}/answers/{question} {"response": ...} saves one answer,
// as the web form does on each page.
func (s *Server) apiSaveAnswer(c echo.Context) error {
	var in struct {
		Response json.RawMessage `json:"response"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	if len(in.Response) == 0 {
		return courses.E(courses.Invalid, "quiz.response_required")
	}
	if err := s.saveAnswer(c, st, c.Param("question"), in.Response); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiSubmit: POST /api/v1/attempts/{id}/submit {"responses": {...}} → the score; 409 when already
// submitted. Responses sent after the time limit do not count.
func (s *Server) apiSubmit(c echo.Context) error {
	var in struct {
		Responses map[string]json.RawMessage `json:"responses"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, err := s.loadAttempt(c, c.Param("attempt"))
	if err != nil {
		return err
	}
	res, err := s.submit(c, st, in.Responses)
	if err != nil {
		return err
	}
	var certID any
	if cert, err := s.Store.CertificateForAttempt(c.Request().Context(), st.A.ID); err != nil {
		return err
	} else if cert != nil {
		certID = cert.Claims.ID
	}
	return c.JSON(http.StatusOK, map[string]any{"score": res.Score, "passed": res.Passed, "certificate_id": certID,
		"timed_out": st.A.TimedOut})
}
