package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses/coursediff"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// reviewField is a changed field as the review page shows it: its old and new values as text.
type reviewField struct {
	Field, Old, New string
}

// fieldText writes a diff value for a person: a text in each language on its own line, a list
// one item a line, nothing for null.
func fieldText(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil || v == nil {
		return ""
	}
	return valueText(v, "")
}

func valueText(v any, indent string) string {
	switch x := v.(type) {
	case string:
		return x
	case bool, float64:
		return fmt.Sprint(x)
	case []any:
		var lines []string
		for i, e := range x {
			lines = append(lines, fmt.Sprintf("%s%d. %s", indent, i+1, strings.TrimSpace(valueText(e, indent+"   "))))
		}
		return strings.Join(lines, "\n")
	case map[string]any:
		var lines []string
		for _, k := range orderedKeys(x) {
			lines = append(lines, indent+k+": "+strings.TrimSpace(valueText(x[k], indent+"  ")))
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

func reviewFields(fs []coursediff.Field) []reviewField {
	out := make([]reviewField, 0, len(fs))
	for _, f := range fs {
		out = append(out, reviewField{Field: f.Field, Old: fieldText(f.Old), New: fieldText(f.New)})
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
			qs = append(qs, reviewQuestion{ID: q.ID, Change: q.Change, Fields: reviewFields(q.Fields)})
		}
		p["Diff"], p["CourseFields"], p["QuizFields"], p["Questions"] = diff, reviewFields(diff.Course), reviewFields(diff.Quiz), qs
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
