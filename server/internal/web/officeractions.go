package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// officerWith renders the officer page with p (a done action's notice, an error, a new PIN): the
// record, the stations to move the officer to, and the audit entries about the officer.
func (s *Server) officerWith(c echo.Context, status int, p page) error {
	r, err := s.findOfficerRecord(ctx(c), scope(c), c.Param("badge"))
	if err != nil {
		return err
	}
	p["Officer"], p["Postings"], p["Attempts"], p["Certificates"] = r.Officer, r.Postings, r.Attempts, r.Certificates
	if u := currentUser(c); u != nil && slices.Contains(orgWrite, u.Role) {
		if p["Stations"], err = s.Store.ListStationsOf(ctx(c), scope(c).AgencyFilter()); err != nil {
			return err
		}
	}
	if p["Audit"], err = s.Store.OfficerAudit(ctx(c), r.Officer.Badge); err != nil { // the auditor reads it too
		return err
	}
	tr, err := s.Center.Transcript(ctx(c), scope(c), r.Officer.Badge)
	if err != nil {
		return err
	}
	p["Training"] = newTrainingView(tr)
	return s.renderStatus(c, status, "officer", p)
}

// officerAction answers an officer action's form: the page again with done's notice, or with the
// error when it was refused. An action that needs confirming does nothing without the form's
// confirm box ticked.
func (s *Server) officerAction(c echo.Context, confirm bool, done string, run func(p page) error) error {
	if confirm && c.FormValue("confirm") != "yes" {
		return s.officerWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "officer.confirm_needed")})
	}
	p := page{"Done": t(c, done)}
	if err := run(p); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.officerWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	return s.officerWith(c, http.StatusOK, p)
}

// handleOfficerPIN gives the officer a new random PIN and shows it once.
func (s *Server) handleOfficerPIN(c echo.Context) error {
	return s.officerAction(c, true, "officer.pin_reset", func(p page) error {
		pin, err := s.Center.ResetPIN(ctx(c), scope(c), c.Param("badge"), actor(c))
		p["NewPIN"] = pin
		return err
	})
}

// handleOfficerUnlock clears the officer's PIN lockout at the station's next sync.
func (s *Server) handleOfficerUnlock(c echo.Context) error {
	return s.officerAction(c, false, "officer.unlocked", func(page) error {
		return s.Center.UnlockOfficer(ctx(c), scope(c), c.Param("badge"), actor(c))
	})
}

// handleOfficerActive deactivates the officer (active=0, confirmed) or activates the officer again.
func (s *Server) handleOfficerActive(c echo.Context) error {
	active := c.FormValue("active") == "1"
	done := "officer.deactivated"
	if active {
		done = "officer.activated"
	}
	return s.officerAction(c, !active, done, func(page) error {
		return s.Center.SetOfficerActive(ctx(c), scope(c), c.Param("badge"), active, actor(c))
	})
}

// handleOfficerMove posts the officer to the station chosen.
func (s *Server) handleOfficerMove(c echo.Context) error {
	return s.officerAction(c, false, "officer.moved", func(page) error {
		return s.Center.MoveOfficer(ctx(c), scope(c), c.Param("badge"), c.FormValue("station"), actor(c))
	})
}
