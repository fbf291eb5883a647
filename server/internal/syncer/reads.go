package syncer

import (
	"context"
	"fmt"
	"time"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// maxReadID bounds the badge and lesson id of a pushed lesson reading (course ids are at most 63
// characters, lesson ids are file names).
const maxReadID = 128

// prepareRead checks a pushed lesson reading: its course and lesson must be published on this
// center (in any version) and its ids of sane size. Anything else is set aside with a reason,
// never written into an officer's progress.
func (c *Center) prepareRead(l *protocol.LessonRead, in *store.Incoming) {
	switch {
	case l.Badge == "" || len(l.Badge) > maxReadID || len(l.Lesson) > maxReadID || !courses.ValidCourseID(l.Course):
		in.Reject = fmt.Sprintf("lesson reading refused: the badge (%d bytes), course id (%d bytes) or lesson id (%d bytes) is empty, too long or malformed",
			len(l.Badge), len(l.Course), len(l.Lesson))
	case !c.lessonPublished(l.Course, l.Lesson):
		in.Reject = fmt.Sprintf("lesson reading refused: course %s has no lesson %q published on this center", l.Course, l.Lesson)
	default:
		in.Read = &store.IncomingRead{Badge: l.Badge, CourseID: l.Course, LessonID: l.Lesson, At: time.Unix(l.At, 0)}
		if l.Seconds != nil && *l.Seconds >= 0 && *l.Seconds <= protocol.MaxReadingSeconds {
			in.Read.Seconds = l.Seconds // a time outside 0..MaxReadingSeconds is not kept: the reading is
		}
	}
}

// lessonSet is the lessons of every published version of a course, up to newest.
type lessonSet struct {
	newest  int
	lessons map[string]bool
}

// lessonPublished reports whether a version of the course published here has the lesson. The
// lessons are gathered once per newest version: a course published since is looked up again.
func (c *Center) lessonPublished(courseID, lesson string) bool {
	c.mu.Lock()
	set, ok := c.lessons[courseID]
	c.mu.Unlock()
	if ok && set.lessons[lesson] {
		return true
	}
	newest, err := c.Store.NewestVersions(context.Background())
	if err != nil || newest[courseID] == 0 || ok && newest[courseID] == set.newest {
		return false
	}
	set = lessonSet{newest: newest[courseID], lessons: map[string]bool{}}
	for v := 1; v <= set.newest; v++ {
		pkg, err := c.Course(context.Background(), courseID, v)
		if err != nil {
			continue // numbers may be skipped between versions
		}
		for _, ls := range pkg.Course.Lessons {
			set.lessons[ls.ID] = true
		}
	}
	c.mu.Lock()
	if c.lessons == nil {
		c.lessons = map[string]lessonSet{}
	}
	c.lessons[courseID] = set
	c.mu.Unlock()
	return set.lessons[lesson]
}
