package coursepkg

import (
	"slices"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// QuizLines records where each part of quiz.yaml is, so that checks made after reading (the
// item-writing checks, an editor's hints) can name the line of the field they concern.
type QuizLines struct {
	Settings  map[string]int           // setting key ("pass_mark", "draw", "questions") -> line
	Questions map[string]QuestionLines // question id -> its lines (the first question with that id)
}

// QuestionLines is where one question and its fields are.
type QuestionLines struct {
	Line    int            // the question's first line
	Fields  map[string]int // field ("prompt", "options", "explanation", ...) -> line
	Options []int          // line of each option, in order
}

// Setting returns the line of a quiz setting, or 1 when it is not in the file.
func (l *QuizLines) Setting(key string) int {
	if l == nil || l.Settings[key] == 0 {
		return 1
	}
	return l.Settings[key]
}

// Question returns the line of a question's field ("" for the question itself), falling back to
// the question's line, then to 1 (a question added since the file was read).
func (l *QuizLines) Question(id, field string) int {
	if l == nil {
		return 1
	}
	q, ok := l.Questions[id]
	if !ok {
		return 1
	}
	if n := q.Fields[field]; n > 0 {
		return n
	}
	return q.Line
}

// Option returns the line of a question's option i, falling back to Question(id, "options").
func (l *QuizLines) Option(id string, i int) int {
	if l != nil {
		if q, ok := l.Questions[id]; ok && i >= 0 && i < len(q.Options) {
			return q.Options[i]
		}
	}
	return l.Question(id, "options")
}

func newQuizLines(f map[string]*yaml.Node) *QuizLines {
	l := &QuizLines{Settings: map[string]int{}, Questions: map[string]QuestionLines{}}
	for k, n := range f {
		l.Settings[k] = n.Line
	}
	return l
}

func (l *QuizLines) addQuestion(id string, n *yaml.Node, f map[string]*yaml.Node) {
	if _, dup := l.Questions[id]; dup {
		return
	}
	q := QuestionLines{Line: n.Line, Fields: map[string]int{}}
	for k, v := range f {
		q.Fields[k] = v.Line
	}
	if on := f["options"]; on != nil && on.Kind == yaml.SequenceNode {
		for _, o := range on.Content {
			q.Options = append(q.Options, o.Line)
		}
	}
	l.Questions[id] = q
}

// ParseQuiz reads a quiz.yaml on its own, as an editor loads it: plain strings are in lang, and
// texts may be in any of langs (every one is expected; a missing one is reported). It returns
// the quiz (nil when the file is not YAML at all), where its parts are, every problem, and
// complete: false when some problem means part of the file could not be kept (an unknown key, a
// value of the wrong kind), so writing the quiz back would lose it. Problems that lose nothing
// (too few options, a missing translation, draw above the pool) leave complete true.
func ParseQuiz(data []byte, lang string, langs []string) (quiz *courses.Quiz, lines *QuizLines, problems Problems, complete bool) {
	r := &reader{c: &collector{}, data: map[string][]byte{"quiz.yaml": data}, quizOnly: true,
		course: &courses.Course{Language: lang, Languages: langs, Certificate: courses.CertificatePolicy{Issue: courses.IssueNone}}}
	r.readQuiz()
	r.c.list.sort()
	return r.course.Quiz, r.quizLines, r.c.list, r.c.lossy == 0
}

// DefaultLanguage returns the language: of a course.yaml, the language of its texts written as
// plain strings; Spanish when the file is missing, unreadable or names no known language.
func DefaultLanguage(courseYAML []byte) string {
	d := &node{c: &collector{}, file: "course.yaml"}
	if root := d.parse(courseYAML); root != nil && root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if v := root.Content[i+1].Value; root.Content[i].Value == "language" && slices.Contains(courses.Languages, v) {
				return v
			}
		}
	}
	return courses.Languages[0]
}
