package web

import (
	"net/http"
	"path/filepath"
	"strconv"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// handleWorkshop shows a workshop: its details, its attendance list (guests, and officers of
// another station flagged) and, for those who may, the approval and the paper roster.
func (s *Server) handleWorkshop(c echo.Context) error {
	p := page{}
	switch c.QueryParam("done") {
	case "created":
		p["Done"] = t(c, "wsp.created")
	case "approved":
		p["Done"] = t(c, "wsp.approved_done")
	case "roster":
		n, _ := strconv.Atoi(c.QueryParam("n"))
		p["Done"] = tn(c, "wsp.roster_done", n)
	}
	return s.workshopWith(c, http.StatusOK, p)
}

// workshopWith renders the workshop page with p (a notice, an error, a roster's problems).
func (s *Server) workshopWith(c echo.Context, status int, p page) error {
	w, list, err := s.Center.FindWorkshop(ctx(c), scope(c), c.Param("id"))
	if err != nil {
		return err
	}
	p["Workshop"], p["Attendance"], p["CanSchedule"] = w, list, canSchedule(c)
	others := 0
	for _, a := range list {
		if a.OtherStation {
			others++
		}
	}
	p["OtherStations"] = others
	if w.CourseID != "" {
		vs, err := s.Store.ListVersions(ctx(c), w.CourseID)
		if err != nil {
			return err
		}
		if len(vs) > 0 {
			p["CourseTitle"] = vs[0].Title.In(lang(c), "es")
		}
	}
	return s.renderStatus(c, status, "workshop", p)
}

// workshopRefused shows the workshop page again with a refused action's message (an internal
// error stays an error).
func (s *Server) workshopRefused(c echo.Context, err error) error {
	if courses.ErrorCode(err) == courses.Internal {
		return err
	}
	return s.workshopWith(c, statusOf(err), page{"Error": errText(c, err)})
}

// handleWorkshopApprove approves the list once the confirm box is ticked: certificates for every
// participant and the hours on each officer's ledger.
func (s *Server) handleWorkshopApprove(c echo.Context) error {
	if c.FormValue("confirm") != "yes" {
		return s.workshopWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "wsp.confirm_needed")})
	}
	id := c.Param("id")
	if err := s.Center.ApproveWorkshop(ctx(c), scope(c), id, actor(c), s.signCenter); err != nil {
		return s.workshopRefused(c, err)
	}
	return c.Redirect(http.StatusSeeOther, "/workshops/"+id+"?done=approved")
}

// handleWorkshopRoster enters a paper roster uploaded as a CSV file of badges; each bad line is
// shown as FILE:LINE: message and nothing is written then.
func (s *Server) handleWorkshopRoster(c echo.Context) error {
	id := c.Param("id")
	if _, _, err := s.Center.FindWorkshop(ctx(c), scope(c), id); err != nil {
		return err
	}
	fh, err := c.FormFile("roster")
	if err != nil {
		return s.workshopWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "wsp.roster_missing")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	name := filepath.Base(fh.Filename)
	badges, problems := s.readRosterCSV(c, f, name)
	if len(problems) > 0 {
		return s.workshopWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "wsp.roster_refused"), "Problems": problems})
	}
	n, err := s.Center.PaperRoster(ctx(c), scope(c), id, badges, actor(c))
	if err != nil {
		return s.workshopRefused(c, err)
	}
	return c.Redirect(http.StatusSeeOther, "/workshops/"+id+"?done=roster&n="+strconv.Itoa(n))
}
