package coursepkg

import (
	"testing"

	"aula/courses"
)

// The starter courses are the face of Aula: each must lint clean, offer Spanish and English, and
// meet the catalog's own bar (at least 5 lessons of 10-25 minutes, a pool of at least 20
// questions of at least five types, 10-15 drawn, pass mark 70-80%, automatic certificates).
func TestStarterCoursesLintCleanAndMeetTheBar(t *testing.T) {
	for _, name := range courses.StarterNames {
		t.Run(name, func(t *testing.T) {
			c := readStarter(t, name)
			if c.ID != name || c.Language != "es" || !c.Offers("en") {
				t.Errorf("id %q language %q languages %v", c.ID, c.Language, c.Languages)
			}
			if c.Certificate.Issue != courses.IssueAutomatic || c.Certificate.ValidMonths <= 0 {
				t.Errorf("certificate policy %+v", c.Certificate)
			}
			if len(c.Lessons) < 5 {
				t.Errorf("%d lessons, want at least 5", len(c.Lessons))
			}
			for _, l := range c.Lessons {
				if l.Minutes < 10 || l.Minutes > 25 {
					t.Errorf("lesson %s: %d minutes, want 10-25", l.ID, l.Minutes)
				}
			}
			q := c.Quiz
			types := map[string]int{}
			for _, qq := range q.Questions {
				types[qq.Type]++
				if qq.Explanation["es"] == "" || qq.Explanation["en"] == "" {
					t.Errorf("question %s has no explanation in both languages", qq.ID)
				}
				for i, o := range qq.Options {
					if !o.Correct && (o.Feedback["es"] == "" || o.Feedback["en"] == "") {
						t.Errorf("question %s option %d is wrong but has no feedback", qq.ID, i+1)
					}
				}
			}
			if len(q.Questions) < 20 || len(types) < 5 {
				t.Errorf("%d questions of %d types, want at least 20 of 5", len(q.Questions), len(types))
			}
			if q.Draw < 10 || q.Draw > 15 || q.PassMark < 70 || q.PassMark > 80 {
				t.Errorf("draw %d pass mark %d", q.Draw, q.PassMark)
			}
		})
	}
}

// readStarter reads an embedded starter course and fails the test on any lint problem.
func readStarter(t *testing.T, name string) *courses.Course {
	t.Helper()
	fsys, err := courses.StarterCourse(name)
	if err != nil {
		t.Fatal(err)
	}
	pkg, problems := Read(fsys, "courses/catalog/"+name)
	if len(problems) > 0 {
		t.Fatalf("lint problems:\n%v", problems)
	}
	return pkg.Course
}
