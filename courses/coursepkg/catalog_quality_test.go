package coursepkg

import (
	"strings"
	"testing"
	"unicode/utf8"

	"aula/courses"
)

// The starter quizzes must measure knowledge, not test-taking: a pool of at least 36 questions
// (a 12-question draw shows a third of it), the correct option the longest in at most 40 % of
// single-choice questions, "true" the answer of 40-60 % of true/false questions, and every
// lesson and question complete in Spanish and English, each lesson naming its sources.
// (The test lives here, not in courses/catalog, because `course lint courses/catalog/*` must see
// only course folders there.) Run with -v to print the counts.
func TestStarterCourseQuality(t *testing.T) {
	for _, name := range courses.StarterNames {
		t.Run(name, func(t *testing.T) {
			c := readStarter(t, name)
			checkLessons(t, c)
			checkQuiz(t, c.Quiz)
		})
	}
}

// checkLessons asserts at least 7 lessons, each in es and en with a sources section, and logs
// the lesson and word counts.
func checkLessons(t *testing.T, c *courses.Course) {
	t.Helper()
	if len(c.Lessons) < 7 {
		t.Errorf("%d lessons, want at least 7", len(c.Lessons))
	}
	words := map[string]int{}
	minutes := 0
	for _, l := range c.Lessons {
		minutes += l.Minutes
		for lang, heading := range map[string]string{"es": "## Fuentes", "en": "## Sources"} {
			body := l.Body[lang]
			if body == "" || l.Title[lang] == "" {
				t.Errorf("lesson %s has no %s text or title", l.ID, lang)
			}
			if !strings.Contains(body, heading) {
				t.Errorf("lesson %s (%s) has no %q section", l.ID, lang, heading)
			}
			words[lang] += len(strings.Fields(body))
		}
	}
	t.Logf("version %d, %g hours: %d lessons, %d reading minutes, words es %d / en %d",
		c.Version, c.Hours, len(c.Lessons), minutes, words["es"], words["en"])
}

// checkQuiz asserts the pool rules and logs the counts per type and the two shares.
func checkQuiz(t *testing.T, q *courses.Quiz) {
	t.Helper()
	if q == nil {
		t.Fatal("no quiz")
	}
	if len(q.Questions) < 36 {
		t.Errorf("%d questions, want at least 36", len(q.Questions))
	}
	if q.Draw != 12 {
		t.Errorf("draw %d, want 12", q.Draw)
	}
	types := map[string]int{}
	singles, longest, tf, trues := 0, 0, 0, 0
	for _, qq := range q.Questions {
		types[qq.Type]++
		for _, text := range questionTexts(qq) {
			if text["es"] == "" || text["en"] == "" {
				t.Errorf("question %s: a text lacks Spanish or English: %v", qq.ID, text)
			}
		}
		switch qq.Type {
		case "single":
			singles++
			if correctIsLongest(qq.Options, "es") {
				longest++
				t.Logf("  longest correct: %s", qq.ID)
			}
		case "true_false":
			tf++
			if *qq.Answer {
				trues++
			}
		}
	}
	t.Logf("%d questions by type: %v", len(q.Questions), types)
	if singles > 0 {
		share := 100 * longest / singles
		t.Logf("single choice: correct option is the longest in %d of %d (%d %%)", longest, singles, share)
		if 10*longest > 4*singles {
			t.Errorf("correct option is the longest in %d of %d single-choice questions, want at most 40 %%", longest, singles)
		}
	}
	if tf > 0 {
		t.Logf("true/false: %d of %d true (%d %%)", trues, tf, 100*trues/tf)
		if 10*trues < 4*tf || 10*trues > 6*tf {
			t.Errorf("%d of %d true/false answers are true, want 40-60 %%", trues, tf)
		}
	}
}

// correctIsLongest reports whether the correct option is at least as long as every other one.
func correctIsLongest(opts []courses.Option, lang string) bool {
	correct, maxOther := 0, 0
	for _, o := range opts {
		n := utf8.RuneCountInString(o.Text[lang])
		if o.Correct {
			correct = n
		} else if n > maxOther {
			maxOther = n
		}
	}
	return correct >= maxOther
}

// questionTexts lists every localized text of a question.
func questionTexts(q courses.Question) []courses.Text {
	texts := []courses.Text{q.Prompt, q.Explanation}
	for _, o := range q.Options {
		texts = append(texts, o.Text)
		if len(o.Feedback) > 0 {
			texts = append(texts, o.Feedback)
		}
	}
	texts = append(texts, q.Items...)
	for _, p := range q.Pairs {
		texts = append(texts, p.Left, p.Right)
	}
	return append(texts, q.Accept...)
}
