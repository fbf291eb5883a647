// Package quizedit is the editor model of a course's quiz.yaml: the studio's question editors and
// the GIFT importer load a quiz into it, change it, and write it back. Reading and writing go
// through courses/coursepkg (the one YAML reader), so the editor writes exactly the file the
// linter reads, and a quiz read and written again changes nothing but formatting.
package quizedit

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"aula/courses"
	"aula/courses/coursepkg"
)

// Quiz is a quiz.yaml held for editing: the settings (pass mark, attempts, time limit, draw,
// shuffle, review, require_lessons) and the questions, exactly as the course format has them.
type Quiz struct {
	courses.Quiz
	// Lines says where each setting and question was in the file read (nil for a new quiz). It
	// goes stale as questions are edited; a question added since has no lines.
	Lines *coursepkg.QuizLines
}

// Errors of the editing helpers.
var (
	ErrNotFound  = errors.New("no question with that id")
	ErrDuplicate = errors.New("a question with that id already exists")
	ErrInvalidID = errors.New("invalid question id: use lowercase letters, digits and dashes")
)

// New returns an empty quiz with the format's defaults (review: score) and the given pass mark.
func New(passMark int) *Quiz {
	return &Quiz{Quiz: courses.Quiz{PassMark: passMark, Review: courses.ReviewScore}}
}

// Parse reads quiz.yaml as written for a course whose default language is Spanish; see ParseIn.
func Parse(data []byte) (*Quiz, error) { return ParseIn(data, courses.Languages[0]) }

// ParseIn reads quiz.yaml for a course whose default language is lang (the language of texts
// written as a plain string). An empty file is an empty quiz. The quiz loads even when it breaks
// the format's rules (no questions yet, a missing translation: the linter reports those); the
// error, a coursepkg.Problems, is returned only when part of the file could not be kept (YAML
// syntax, an unknown key, a value of the wrong kind), since writing it back would lose it.
func ParseIn(data []byte, lang string) (*Quiz, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return New(0), nil
	}
	q, lines, problems, complete := coursepkg.ParseQuiz(data, lang, courses.Languages)
	if !complete || q == nil {
		return nil, problems
	}
	return &Quiz{Quiz: *q, Lines: lines}, nil
}

// Marshal writes the quiz as quiz.yaml in the stable layout of coursepkg.MarshalQuiz.
func (q *Quiz) Marshal() ([]byte, error) { return coursepkg.MarshalQuiz(&q.Quiz) }

// Index returns the position of the question with id, or -1.
func (q *Quiz) Index(id string) int {
	return slices.IndexFunc(q.Questions, func(x courses.Question) bool { return x.ID == id })
}

// Question returns the question with id, or nil.
func (q *Quiz) Question(id string) *courses.Question {
	if i := q.Index(id); i >= 0 {
		return &q.Questions[i]
	}
	return nil
}

// Add appends a question. Its id must be valid and not in use.
func (q *Quiz) Add(x courses.Question) error {
	if !courses.ValidSlug(x.ID) {
		return fmt.Errorf("%w: %q", ErrInvalidID, x.ID)
	}
	if q.Index(x.ID) >= 0 {
		return fmt.Errorf("%w: %q", ErrDuplicate, x.ID)
	}
	q.Questions = append(q.Questions, x)
	return nil
}

// Replace puts x in the place of the question with id (x may carry a new id, if unused).
func (q *Quiz) Replace(id string, x courses.Question) error {
	i := q.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if !courses.ValidSlug(x.ID) {
		return fmt.Errorf("%w: %q", ErrInvalidID, x.ID)
	}
	if j := q.Index(x.ID); j >= 0 && j != i {
		return fmt.Errorf("%w: %q", ErrDuplicate, x.ID)
	}
	q.Questions[i] = x
	return nil
}

// Remove deletes the question with id.
func (q *Quiz) Remove(id string) error {
	i := q.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	q.Questions = slices.Delete(q.Questions, i, i+1)
	return nil
}

// Move puts the question with id at position to (0-based, clamped to the list).
func (q *Quiz) Move(id string, to int) error {
	i := q.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	x := q.Questions[i]
	q.Questions = slices.Delete(q.Questions, i, i+1)
	to = max(0, min(to, len(q.Questions)))
	q.Questions = slices.Insert(q.Questions, to, x)
	return nil
}

// FreeID returns base if no question uses it, else base-2, base-3, ...: a stable, unique id for
// a new question.
func (q *Quiz) FreeID(base string) string {
	id := base
	for n := 2; q.Index(id) >= 0; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}
