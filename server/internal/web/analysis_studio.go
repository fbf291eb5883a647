package web

import (
	"slices"

	"github.com/labstack/echo/v4"

	"aula/server/internal/store"
)

// studioLink is how the item analysis sends an author to a question in the studio: the open
// draft of the course when there is one (one being edited before one in review), else a form
// that starts a draft from the published version (POST /drafts with course_id and question).
type studioLink struct {
	CourseID string
	DraftID  string // "" when the course has no open draft
}

// studioDraftFor returns the studio link of a course for the request's user: nil for a user who
// does not write courses (routes.go's authors), who sees no link.
func (s *Server) studioDraftFor(c echo.Context, courseID string) (*studioLink, error) {
	u, ok := c.Get(userKey).(*store.Staff)
	if !ok || !slices.Contains(authors, u.Role) {
		return nil, nil
	}
	drafts, err := s.Store.ListDrafts(ctx(c), store.DraftFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	l := &studioLink{CourseID: courseID}
	for _, d := range drafts { // most recently changed first
		if d.Status == store.DraftEditing {
			l.DraftID = d.ID
			break
		}
		if l.DraftID == "" {
			l.DraftID = d.ID
		}
	}
	return l, nil
}
