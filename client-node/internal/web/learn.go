package web

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/lesson"
)

// Course statuses on the officer's course list.
const (
	statusNotStarted  = "not_started"
	statusInProgress  = "in_progress"
	statusPassed      = "passed"
	statusExpiresSoon = "expires_soon" // passed; the certificate expires within 30 days
	statusExpired     = "recert_due"   // passed; the certificate has expired
)

// courseCard is a course on the officer's list.
type courseCard struct {
	Course    *courses.Course
	Version   int
	Status    string
	LessonsRd int
	ExpiresAt time.Time          // of the newest certificate for the course (zero: none or never)
	Cert      *store.Certificate // newest certificate for the course
	Pending   bool               // passed; the certificate awaits a trainer's approval at the center
	// Req is where the officer stands with the course when it is required of him (nil: not
	// required); of several requirements on the course, the one that matters most.
	Req *store.Standing
}

// courseCards builds the officer's course list with a status per course.
func (s *Server) courseCards(ctx context.Context, o *store.Officer) ([]courseCard, error) {
	versions, err := s.Store.LatestVersions(ctx)
	if err != nil {
		return nil, err
	}
	progress, err := s.Store.CourseProgress(ctx, o.Badge)
	if err != nil {
		return nil, err
	}
	attempts, err := s.Store.ListAttempts(ctx, o.Badge)
	if err != nil {
		return nil, err
	}
	certs, err := s.Store.CertificatesOf(ctx, o.Badge)
	if err != nil {
		return nil, err
	}
	_, standings, err := s.standings(ctx, o.Badge)
	if err != nil {
		return nil, err
	}
	required := map[string]store.Standing{}
	if len(standings) == 1 {
		required = standings[0].ByCourse()
	}
	var out []courseCard
	for i := range versions {
		pkg, err := s.version(ctx, &versions[i])
		if err != nil {
			return nil, err
		}
		c := pkg.Course
		card := courseCard{Course: c, Version: c.Version, Status: statusNotStarted}
		if p := progress[c.ID]; p != nil {
			card.LessonsRd = len(p.Read)
			card.Status = statusInProgress
		}
		for _, a := range attempts { // newest first
			if a.CourseID != c.ID {
				continue
			}
			if card.Status == statusNotStarted {
				card.Status = statusInProgress
			}
			if a.Passed {
				card.Status = statusPassed
				break
			}
		}
		for i := range certs { // newest first
			if certs[i].Claims.CourseID != c.ID {
				continue
			}
			card.Cert, card.Status = &certs[i], statusPassed
			if exp := certs[i].Claims.ExpiresOn; exp != "" {
				card.ExpiresAt, _ = time.Parse(time.DateOnly, exp)
				switch now := s.Now(); {
				case certs[i].Claims.Expired(now):
					card.Status = statusExpired
				case card.ExpiresAt.Sub(now) <= 30*24*time.Hour:
					card.Status = statusExpiresSoon // recertification due within 30 days
				}
			}
			break
		}
		card.Pending = card.Status == statusPassed && card.Cert == nil && c.Certificate.Issue == courses.IssueApproval
		if st, ok := required[c.ID]; ok {
			card.Req = &st
		}
		out = append(out, card)
	}
	sortRequiredFirst(out)
	return out, nil
}

// handleCourses is the officer's home: the course list.
func (s *Server) handleCourses(c echo.Context) error {
	cards, err := s.courseCards(c.Request().Context(), officer(c))
	if err != nil {
		return err
	}
	n := 0
	for _, card := range cards {
		if card.Req != nil {
			n++
		}
	}
	return s.render(c, "courses", page{"Cards": cards, "Required": cards[:n], "Others": cards[n:]})
}

// handleCourse shows a course: its lessons with progress, and the quiz.
func (s *Server) handleCourse(c echo.Context) error {
	pkg, _, err := s.course(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	o := officer(c)
	progress, err := s.Store.CourseProgress(c.Request().Context(), o.Badge)
	if err != nil {
		return err
	}
	p := progress[pkg.Course.ID]
	if p == nil {
		p = &store.Progress{Read: map[string]bool{}}
	}
	used, err := s.Store.AttemptsUsed(c.Request().Context(), o.Badge, pkg.Course.ID, pkg.Course.Version)
	if err != nil {
		return err
	}
	return s.render(c, "course", page{"Course": pkg.Course, "Progress": p, "CourseLang": pkg.Course.Lang(lang(c)),
		"Used": used, "Left": attemptsLeft(pkg.Course.Quiz, used)})
}

// attemptsLeft returns how many attempts remain (-1 = unlimited, 0 = none).
func attemptsLeft(q *courses.Quiz, used int) int {
	if q == nil {
		return 0
	}
	if q.Attempts == 0 {
		return -1
	}
	return max(0, q.Attempts-used)
}

// handleLesson shows a lesson and records it as the last position. It counts as read only when
// the officer reaches its end and presses "Marcar como leída" (handleLessonRead).
func (s *Server) handleLesson(c echo.Context) error {
	pkg, v, err := s.course(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	cr := pkg.Course
	idx := -1
	for i, l := range cr.Lessons {
		if l.ID == c.Param("lesson") {
			idx = i
		}
	}
	if idx < 0 {
		return courses.E(courses.NotFound, "err.not_found")
	}
	l := cr.Lang(lang(c))
	ls := cr.Lessons[idx]
	html, err := s.lessonHTML(cr, ls, l, v.Version)
	if err != nil {
		return err
	}
	read, err := s.recordPosition(c.Request().Context(), officer(c).Badge, cr.ID, ls.ID)
	if err != nil {
		return err
	}
	data := page{"Course": cr, "Lesson": ls, "HTML": html, "CourseLang": l, "Index": idx + 1, "Count": len(cr.Lessons), "Read": read}
	if idx > 0 {
		data["Prev"] = cr.Lessons[idx-1]
	}
	if idx+1 < len(cr.Lessons) {
		data["Next"] = cr.Lessons[idx+1]
	}
	return s.render(c, "lesson", data)
}

// lessonHTML returns a lesson's HTML, rendered once per version, lesson and language.
func (s *Server) lessonHTML(cr *courses.Course, ls courses.Lesson, lang string, version int) (template.HTML, error) {
	key := cr.ID + "/" + itoa(version) + "/" + ls.ID + "/" + lang
	s.mu.Lock()
	html, ok := s.rendered[key]
	s.mu.Unlock()
	if ok {
		return html, nil
	}
	html, err := lesson.Render(cr, ls, lang, lessonRoutes(cr, version))
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.rendered[key] = html
	s.mu.Unlock()
	return html, nil
}

// recordPosition records the lesson an officer opened as his place in the course ("aquí se
// quedó") and reports whether he has already read it. Going back to a lesson already read only
// moves the marker, written after the page goes out so that 50 terminals do not queue on the disk.
func (s *Server) recordPosition(ctx context.Context, badge, courseID, lessonID string) (bool, error) {
	progress, err := s.Store.CourseProgress(ctx, badge)
	if err != nil {
		return false, err
	}
	p := progress[courseID]
	read := p != nil && p.Read[lessonID]
	switch {
	case !read:
		return false, s.Store.SetPosition(ctx, badge, courseID, lessonID) // before the page: the course page shows it
	case p.Last != lessonID:
		go func() {
			if err := s.Store.SetPosition(ctx, badge, courseID, lessonID); err != nil {
				s.Log.Warn("could not save the reading position", "badge", badge, "err", err)
			}
		}()
	}
	return read, nil
}

// lessonRoutes are where the node serves what a lesson of version links to: other lessons' pages
// and the version's media (handleMedia).
func lessonRoutes(cr *courses.Course, version int) lesson.Routes {
	return lesson.Routes{
		Media:  "/media/" + cr.ID + "/" + itoa(version) + "/",
		Lesson: func(id, fragment string) string { return "/courses/" + cr.ID + "/lessons/" + id + fragment },
	}
}

// handleMedia serves an image from the local copy of a course version.
func (s *Server) handleMedia(c echo.Context) error {
	version, err := atoiStrict(c.Param("version"))
	if err != nil {
		return err
	}
	v, err := s.Store.FindVersion(c.Request().Context(), c.Param("id"), version)
	if err != nil {
		return err
	}
	p := "media/" + c.Param("*")
	data, err := s.Store.VersionFile(c.Request().Context(), v.ID, p)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	h.Set("Cache-Control", "public, max-age=31536000, immutable") // a version never changes
	return c.Blob(http.StatusOK, coursepkg.MediaType(p), data)
}
