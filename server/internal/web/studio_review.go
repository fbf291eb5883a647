package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses/coursediff"
	"aula/courses/format"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// reviewField is a changed field as the review page shows it: its old and new values as text.
type reviewField struct {
	Field, Old, New string
}

// fieldText writes a diff value for a person: a text in each language on its own line, a list
// one item a line, nothing for null.
func fieldText(lang, field string, raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil || v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		switch field { // the values of a list, in words
		case "area":
			return messages.T(lang, "area."+s)
		case "certificate.issue":
			return messages.T(lang, "issue."+s)
		case "review":
			return messages.T(lang, "studio.review_"+s)
		}
	}
	return valueText(lang, v, "")
}

func valueText(lang string, v any, indent string) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return messages.T(lang, "studio.yes")
		}
		return messages.T(lang, "studio.no")
	case float64:
		return format.New(lang, nil).Number(x, 2)
	case []any:
		var lines []string
		for i, e := range x {
			lines = append(lines, fmt.Sprintf("%s%d. %s", indent, i+1, strings.TrimSpace(valueText(lang, e, indent+"   "))))
		}
		return strings.Join(lines, "\n")
	case map[string]any:
		var lines []string
		for _, k := range orderedKeys(x) {
			lines = append(lines, indent+k+": "+strings.TrimSpace(valueText(lang, x[k], indent+"  ")))
		}
		return strings.Join(lines, "\n")
	}
	return fmt.Sprint(v)
}

// orderedKeys lists a map's keys with the languages first (es, en), then the rest in order.
func orderedKeys(m map[string]any) []string {
	var out []string
	for _, k := range []string{"es", "en", "text", "correct", "feedback", "left", "right"} {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !strings.Contains(" es en text correct feedback left right ", " "+k+" ") {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func reviewFields(lang string, fs []coursediff.Field) []reviewField {
	out := make([]reviewField, 0, len(fs))
	for _, f := range fs {
		out = append(out, reviewField{Field: f.Field, Old: fieldText(lang, f.Field, f.Old), New: fieldText(lang, f.Field, f.New)})
	}
	return out
}

// diffContext is how many unchanged lines the review shows around a change.
const diffContext = 2

// diffLine is a line of a lesson's diff as the review shows it; Skipped > 0 stands for that many
// unchanged lines left out.
type diffLine struct {
	Op, Text string
	Skipped  int
}

// reviewLesson is a changed lesson with only its changes and their context.
type reviewLesson struct {
	coursediff.Lesson
	Name  string // its title (the new one; the old one for a removed lesson)
	Shown []diffLine
}

// compact keeps the changed lines and diffContext unchanged lines around each; longer runs of
// unchanged lines become one "n lines unchanged" line.
func compact(lines []coursediff.Line) []diffLine {
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op != "=" {
			for j := max(0, i-diffContext); j <= min(len(lines)-1, i+diffContext); j++ {
				keep[j] = true
			}
		}
	}
	var out []diffLine
	for i := 0; i < len(lines); i++ {
		if keep[i] {
			out = append(out, diffLine{Op: lines[i].Op, Text: lines[i].Text})
			continue
		}
		j := i
		for j < len(lines) && !keep[j] {
			j++
		}
		out = append(out, diffLine{Op: "skip", Skipped: j - i})
		i = j - 1
	}
	return out
}

// reviewQuestion is a changed question with its fields as text.
type reviewQuestion struct {
	ID, Change string
	Fields     []reviewField
}

// handleDraftReview shows what a reviewer decides on: the draft against the published version it
// started from (course details and quiz settings by field, lessons as rendered text line by line,
// questions field by field, images), with "Aprobar y publicar" for anyone but the one who
// submitted it, and "Devolver con comentarios".
func (s *Server) handleDraftReview(c echo.Context) error {
	return s.reviewWith(c, http.StatusOK, page{})
}

func (s *Server) reviewWith(c echo.Context, status int, p page) error {
	v, err := s.loadDraftView(c)
	if err != nil {
		return err
	}
	diff, problems, err := s.Center.DraftDiff(ctx(c), v.Draft.ID)
	if err != nil {
		return err
	}
	if diff != nil {
		var qs []reviewQuestion
		for _, q := range diff.Questions {
			qs = append(qs, reviewQuestion{ID: q.ID, Change: q.Change, Fields: reviewFields(lang(c), q.Fields)})
		}
		var ls []reviewLesson
		for _, l := range diff.Lessons {
			name := fieldText(lang(c), "title", l.Title.New)
			if name == "" {
				name = fieldText(lang(c), "title", l.Title.Old)
			}
			ls = append(ls, reviewLesson{Lesson: l, Name: name, Shown: compact(l.Lines)})
		}
		p["Lessons"] = ls
		p["Diff"], p["CourseFields"], p["QuizFields"], p["Questions"] = diff, reviewFields(lang(c), diff.Course), reviewFields(lang(c), diff.Quiz), qs
	}
	comments, err := s.Center.DraftComments(ctx(c), v.Draft.ID)
	if err != nil {
		return err
	}
	p["V"], p["Problems"], p["Comments"] = v, problems, comments
	p["InReview"] = v.Draft.Status == store.DraftReview
	p["MayApprove"] = v.Draft.Status == store.DraftReview && v.Draft.SubmittedBy != actor(c)
	return s.renderStatus(c, status, "draftreview", p)
}

// handleDraftApprove publishes the draft as the course's next version. The one who submitted it
// is refused (403) by the service; the button is not shown to them.
func (s *Server) handleDraftApprove(c echo.Context) error {
	v, problems, err := s.Center.ApproveDraft(ctx(c), c.Param("id"), actor(c))
	if err != nil {
		return failOn(c, err, page{}, func(st int, p page) error { return s.reviewWith(c, st, p) })
	}
	if len(problems) > 0 {
		return s.reviewWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "draft.has_errors")})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/courses/%s/%d?published=1", v.CourseID, v.Version))
}

// handleDraftReturn sends the draft back to its authors with the reviewer's comment.
func (s *Server) handleDraftReturn(c echo.Context) error {
	err := s.Center.ReturnDraft(ctx(c), c.Param("id"), actor(c), []service.ReviewComment{{Text: c.FormValue("comment")}})
	if err != nil {
		return failOn(c, err, page{"Form": map[string]string{"comment": c.FormValue("comment")}},
			func(st int, p page) error { return s.reviewWith(c, st, p) })
	}
	return c.Redirect(http.StatusSeeOther, draftURL(c.Param("id")))
}
