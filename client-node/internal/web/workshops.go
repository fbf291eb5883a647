package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
)

// workshopJSON is a workshop as the node's API answers it.
func workshopJSON(c echo.Context, w *store.Workshop) map[string]any {
	return map[string]any{"id": w.ID, "title": w.Title.In(lang(c), "es"), "area": w.Area, "hours": w.Hours, "date": w.Day,
		"trainer": w.Trainer, "course_id": w.CourseID, "status": w.Status, "open": w.Open(), "officers": w.Officers, "guests": w.Guests,
		"signed_in": w.SignedIn}
}

// apiWorkshops: GET /api/v1/workshops, this station's workshops (any logged-in officer).
func (s *Server) apiWorkshops(c echo.Context) error {
	list, err := s.Store.ListWorkshops(c.Request().Context(), officer(c).Badge)
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(list))
	for i := range list {
		out = append(out, workshopJSON(c, &list[i]))
	}
	return c.JSON(http.StatusOK, out)
}

// apiWorkshopAttend: POST /api/v1/workshops/{id}/attendance with the officer's own token: 201
// the first time, 200 after, 409 once the list is closed.
func (s *Server) apiWorkshopAttend(c echo.Context) error {
	added, err := s.Store.SignIn(c.Request().Context(), c.Param("id"), officer(c).Badge)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if added {
		status = http.StatusCreated
	}
	return c.JSON(status, map[string]any{"workshop_id": c.Param("id"), "badge": officer(c).Badge})
}

// apiWorkshopGuest: POST /api/v1/workshops/{id}/guests {"name","document","institution"}
// (commanders): 201 {"id"}.
func (s *Server) apiWorkshopGuest(c echo.Context) error {
	var in struct {
		Name        string `json:"name"`
		Document    string `json:"document"`
		Institution string `json:"institution"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	id, err := s.Store.AddGuest(c.Request().Context(), c.Param("id"), store.Guest{Name: in.Name, Document: in.Document, Institution: in.Institution},
		officer(c).Badge)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"id": id})
}

// apiWorkshopClose: POST /api/v1/workshops/{id}/close (commanders): 200.
func (s *Server) apiWorkshopClose(c echo.Context) error {
	if err := s.Store.CloseWorkshop(c.Request().Context(), c.Param("id"), officer(c).Badge); err != nil {
		return err
	}
	w, err := s.Store.FindWorkshop(c.Request().Context(), c.Param("id"), officer(c).Badge)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, workshopJSON(c, w))
}

// handleWorkshops is "Registrar mi asistencia": the station's open workshops, each with a badge
// and PIN form, for officers to sign in themselves at the terminal (no session needed: the PIN
// is checked with the login's rules and lockouts). Commanders also see the closed ones.
func (s *Server) handleWorkshops(c echo.Context) error {
	return s.workshopsPage(c, http.StatusOK, page{})
}

func (s *Server) workshopsPage(c echo.Context, status int, data page) error {
	badge := ""
	if o := officer(c); o != nil {
		badge = o.Badge
	}
	list, err := s.Store.ListWorkshops(c.Request().Context(), badge)
	if err != nil {
		return err
	}
	var open, done []store.Workshop
	for _, w := range list {
		if w.Open() {
			open = append(open, w)
		} else {
			done = append(done, w)
		}
	}
	// Today's first, then the coming ones, then the past.
	today := s.today().Format(time.DateOnly)
	sort.SliceStable(open, func(i, j int) bool {
		ri, rj := dayRank(open[i].Day, today), dayRank(open[j].Day, today)
		if ri != rj {
			return ri < rj
		}
		return open[i].Day < open[j].Day
	})
	data["Open"], data["Done"], data["Today"] = open, done, today
	return s.renderStatus(c, status, "workshops", data)
}

func dayRank(day, today string) int {
	switch {
	case day == today:
		return 0
	case day > today:
		return 1
	}
	return 2
}

// handleWorkshopAttend signs an officer in from the terminal with his badge and PIN.
func (s *Server) handleWorkshopAttend(c echo.Context) error {
	id := c.Param("id")
	o, err := s.checkPIN(c, c.FormValue("badge"), c.FormValue("pin"))
	if err == nil {
		var added bool
		if added, err = s.Store.SignIn(c.Request().Context(), id, o.Badge); err == nil {
			msg := "ws.signed_in"
			if !added {
				msg = "ws.already_in"
			}
			return s.workshopsPage(c, http.StatusOK, page{"Notice": t(c, msg, o.GivenNames+" "+o.FamilyNames)})
		}
	}
	if courses.ErrorCode(err) == courses.Internal {
		return err
	}
	return s.workshopsPage(c, statusOf(err), page{"Error": errText(c, err), "ErrorFor": id, "Badge": c.FormValue("badge")})
}

// handleWorkshop is the commander's page of one workshop: its list, a form to add a guest, and
// the button that closes the list.
func (s *Server) handleWorkshop(c echo.Context) error {
	return s.workshopPage(c, http.StatusOK, page{})
}

func (s *Server) workshopPage(c echo.Context, status int, data page) error {
	w, err := s.Store.FindWorkshop(c.Request().Context(), c.Param("id"), officer(c).Badge)
	if err != nil {
		return err
	}
	list, err := s.Store.Attendees(c.Request().Context(), w.ID)
	if err != nil {
		return err
	}
	data["W"], data["List"] = w, list
	return s.renderStatus(c, status, "workshop", data)
}

// handleWorkshopGuest adds a guest from the commander's page.
func (s *Server) handleWorkshopGuest(c echo.Context) error {
	g := store.Guest{Name: c.FormValue("name"), Document: c.FormValue("document"), Institution: c.FormValue("institution")}
	if _, err := s.Store.AddGuest(c.Request().Context(), c.Param("id"), g, officer(c).Badge); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.workshopPage(c, statusOf(err), page{"Error": errText(c, err), "Guest": g})
	}
	return c.Redirect(http.StatusSeeOther, "/workshops/"+c.Param("id")+"?added=1")
}

// handleWorkshopClose closes the list from the commander's page.
func (s *Server) handleWorkshopClose(c echo.Context) error {
	if err := s.Store.CloseWorkshop(c.Request().Context(), c.Param("id"), officer(c).Badge); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/workshops/"+c.Param("id")+"?closed=1")
}
