// Package courses is Aula's domain: courses, lessons, quizzes, attempt papers, canonical responses
// and scoring, the domain error type with its codes, record ids, the checks on text people type,
// and the embedded starter catalog.
//
// It imports only the standard library and courses/jsonfast, never an app or sync, so that both
// the center and the station node use it, and so that the center re-scores an attempt with
// exactly the code the node used. Its subpackages parse and draw: coursepkg (course folders),
// markdown (lesson Markdown), lesson (the lesson both apps show), certpdf (certificate PDFs).
package courses

import (
	"fmt"
	"regexp"
	"slices"
)

// Languages Aula offers. The first is the default everywhere.
var Languages = []string{"es", "en"}

// Areas a course may belong to.
var Areas = []string{"use-of-force", "human-rights", "police-management", "other"}

// Certificate issuing policies.
const (
	IssueAutomatic = "automatic"
	IssueApproval  = "approval"
	IssueNone      = "none"
)

// IssuePolicies lists the valid values of certificate.issue.
var IssuePolicies = []string{IssueAutomatic, IssueApproval, IssueNone}

var (
	courseIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// ValidCourseID reports whether id is a valid course id.
func ValidCourseID(id string) bool { return courseIDPattern.MatchString(id) }

// ValidSlug reports whether s is a valid question id or lesson slug.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) && len(s) <= 100 }

// Text is a localized string: language code to text.
type Text map[string]string

// In returns the text in lang, falling back to def, then to any language present.
func (t Text) In(lang, def string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[def]; ok && s != "" {
		return s
	}
	for _, l := range Languages {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}

// Course is one version of a course package.
type Course struct {
	ID          string
	Version     int
	Language    string // default language
	Languages   []string
	Area        string
	Title       Text
	Summary     Text
	Hours       float64
	Certificate CertificatePolicy
	Lessons     []Lesson
	Quiz        *Quiz // nil when the course has no quiz
}

// CertificatePolicy says whether and how passing the course's quiz earns a certificate.
type CertificatePolicy struct {
	Issue       string // automatic | approval | none
	ValidMonths int    // 0 = never expires
}

// Lesson is one lesson of a course, in every language the course offers.
type Lesson struct {
	ID      string            // file base name without language, e.g. "01-vida", stable across versions
	Number  int               // order in the course
	Title   Text              // per language
	Minutes int               // declared reading time
	Body    map[string]string // language -> Markdown body (front matter removed)
	Files   map[string]string // language -> path inside the package, e.g. "lessons/01-vida.en.md"
}

// Offers reports whether the course is offered in lang.
func (c *Course) Offers(lang string) bool { return slices.Contains(c.Languages, lang) }

// Lang returns lang when the course offers it, otherwise the course's default language.
func (c *Course) Lang(lang string) string {
	if c.Offers(lang) {
		return lang
	}
	return c.Language
}

// TotalMinutes returns the declared reading time of all lessons.
func (c *Course) TotalMinutes() int {
	n := 0
	for _, l := range c.Lessons {
		n += l.Minutes
	}
	return n
}

// Validate checks the rules that do not depend on where the course came from. The package reader
// reports problems with file and line; Validate is the last line of defence for code that builds a
// Course by other means (tests, sync) and returns the first problem found.
func (c *Course) Validate() error {
	switch {
	case !ValidCourseID(c.ID):
		return fmt.Errorf("invalid course id %q", c.ID)
	case c.Version < 1:
		return fmt.Errorf("course %s: version must be at least 1", c.ID)
	case !slices.Contains(Languages, c.Language):
		return fmt.Errorf("course %s: unsupported language %q", c.ID, c.Language)
	case !slices.Contains(c.Languages, c.Language):
		return fmt.Errorf("course %s: languages must include the default language", c.ID)
	case !slices.Contains(Areas, c.Area):
		return fmt.Errorf("course %s: unknown area %q", c.ID, c.Area)
	case c.Hours <= 0:
		return fmt.Errorf("course %s: hours must be greater than 0", c.ID)
	case !slices.Contains(IssuePolicies, c.Certificate.Issue):
		return fmt.Errorf("course %s: unknown certificate policy %q", c.ID, c.Certificate.Issue)
	case c.Certificate.ValidMonths < 0:
		return fmt.Errorf("course %s: valid_months must not be negative", c.ID)
	}
	for _, l := range c.Languages {
		if c.Title[l] == "" {
			return fmt.Errorf("course %s: title missing in %s", c.ID, l)
		}
	}
	if c.Quiz != nil {
		if err := c.Quiz.Validate(); err != nil {
			return fmt.Errorf("course %s: %w", c.ID, err)
		}
	}
	return nil
}
