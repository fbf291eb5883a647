package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/service"
	"aula/server/internal/states"
	"aula/server/internal/store"
)

// Pages of the training programme (issue 15): agencies, required training and station
// commanders. Each calls the service the API and the command line use.

// handleAgencies lists the agencies (a coordinator: his own) with the form to add one (admins).
func (s *Server) handleAgencies(c echo.Context) error {
	return s.agenciesWith(c, http.StatusOK, page{})
}

func (s *Server) agenciesWith(c echo.Context, status int, p page) error {
	mine, err := s.myAgencies(c)
	if err != nil {
		return err
	}
	pg := newPager(c, "/agencies", len(mine))
	p["Agencies"], p["Pager"] = pageOf(mine, pg), pg
	return s.renderStatus(c, status, "agencies", p)
}

// handleAgencyCreate registers an agency.
func (s *Server) handleAgencyCreate(c echo.Context) error {
	a, err := s.Center.CreateAgency(ctx(c), c.FormValue("code"), c.FormValue("name"), actor(c))
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.agenciesWith(c, statusOf(err), page{"Error": errText(c, err), "Fields": fieldsOf(c, err),
			"Form": map[string]string{"code": c.FormValue("code"), "name": c.FormValue("name")}})
	}
	return s.agenciesWith(c, http.StatusCreated, page{"Created": a})
}

// orgChoices adds what the station and staff forms offer: the agencies the reader may use and
// the states.
func (s *Server) orgChoices(c echo.Context, p page) error {
	mine, err := s.myAgencies(c)
	p["AgencyChoices"], p["States"] = mine, states.Names
	return err
}

// myAgencies lists the agencies within the reader's scope (a coordinator: his own).
func (s *Server) myAgencies(c echo.Context) ([]store.Agency, error) {
	list, err := s.Store.ListAgencies(ctx(c))
	if err != nil {
		return nil, err
	}
	var mine []store.Agency
	for _, a := range list {
		if scope(c).Holds(a.Code) {
			mine = append(mine, a)
		}
	}
	return mine, nil
}

// handleCommander makes an officer the commander of his station, or not (on=0).
func (s *Server) handleCommander(c echo.Context) error {
	o, err := s.Center.CheckOfficer(ctx(c), scope(c), strings.ToUpper(c.Param("badge")))
	if err != nil {
		return err
	}
	on := c.FormValue("on") == "1"
	if err := s.Center.SetCommander(ctx(c), scope(c), o.StationCode, o.Badge, on, actor(c)); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.officerWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	done := t(c, "commander.removed", o.Badge, o.StationCode)
	if on {
		done = t(c, "commander.set", o.Badge, o.StationCode)
	}
	return s.officerWith(c, http.StatusOK, page{"Done": done})
}

// requirementRow is a requirement with how many officers it applies to and how many comply.
type requirementRow struct {
	store.Requirement
	Title            string
	Officers, Behind int
	Rate             float64
}

// handleRequirements lists the requirements in force (a coordinator: his agency's) with the
// form to add one.
func (s *Server) handleRequirements(c echo.Context) error {
	return s.requirementsWith(c, http.StatusOK, page{})
}

func (s *Server) requirementsWith(c echo.Context, status int, p page) error {
	sc := scope(c)
	reqs, err := s.Center.ListRequirements(ctx(c), sc)
	if err != nil {
		return err
	}
	titles, err := s.latestTitles(c)
	if err != nil {
		return err
	}
	counts := map[int64]*struct{ officers, ok, behind int }{}
	err = s.Center.ComplianceRows(ctx(c), sc, service.ComplianceFilter{}, func(r service.ComplianceRow) error {
		k := counts[r.RequirementID]
		if k == nil {
			k = &struct{ officers, ok, behind int }{}
			counts[r.RequirementID] = k
		}
		k.officers++
		switch r.Status {
		case "compliant", "expiring":
			k.ok++
		case "overdue":
			k.behind++
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows := make([]requirementRow, 0, len(reqs))
	for _, r := range reqs {
		row := requirementRow{Requirement: r, Title: titleOr(titles, r.CourseID)}
		if k := counts[r.ID]; k != nil {
			row.Officers, row.Behind, row.Rate = k.officers, k.behind, float64(k.ok)/float64(k.officers)
		}
		rows = append(rows, row)
	}
	pg := newPager(c, "/requirements", len(rows))
	p["Requirements"], p["Pager"] = pageOf(rows, pg), pg
	versions, err := s.Store.LatestVersions(ctx(c))
	if err != nil {
		return err
	}
	var choices []requiredCourse
	for _, v := range versions {
		choices = append(choices, requiredCourse{v.CourseID, titleOr(titles, v.CourseID)})
	}
	p["CourseChoices"] = choices
	stations, err := s.Store.ListStationsOf(ctx(c), sc.AgencyFilter())
	if err != nil {
		return err
	}
	p["StationChoices"] = stations
	if p["Form"] == nil {
		p["Form"] = map[string]string{"due": "days", "due_days": "90", "window_days": "60"}
	}
	if err := s.orgChoices(c, p); err != nil {
		return err
	}
	return s.renderStatus(c, status, "requirements", p)
}

// handleRequirementCreate adds a requirement from the form: a course, a scope and a due rule
// (a fixed date or N days, chosen with the "due" radio buttons).
func (s *Server) handleRequirementCreate(c echo.Context) error {
	form := map[string]string{}
	for _, k := range []string{"course_id", "agency", "station", "rank", "due", "due_date", "due_days", "window_days"} {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	in := service.RequirementInput{CourseID: form["course_id"], Agency: form["agency"], Station: form["station"], Rank: form["rank"]}
	bad := map[string]courses.Msg{}
	number := func(name string) *int {
		if form[name] == "" {
			return nil
		}
		n, err := strconv.Atoi(form[name])
		if err != nil {
			bad[name] = courses.M("v.number")
			return nil
		}
		return &n
	}
	if form["due"] == "date" {
		in.DueDate = form["due_date"]
		if in.DueDate == "" {
			bad["due_date"] = courses.M("v.due_date")
		}
	} else {
		if in.DueDays = number("due_days"); in.DueDays == nil {
			if _, said := bad["due_days"]; !said {
				bad["due_days"] = courses.M("v.due_days")
			}
		}
	}
	in.WindowDays = number("window_days")
	var err error
	if len(bad) > 0 {
		err = courses.InvalidFields(bad)
	} else {
		_, err = s.Center.CreateRequirement(ctx(c), scope(c), in, actor(c))
	}
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.requirementsWith(c, statusOf(err), page{"Error": errText(c, err), "Fields": fieldsOf(c, err), "Form": form})
	}
	return s.requirementsWith(c, http.StatusCreated, page{"Done": t(c, "requirements.created", titleOrID(c, s, in.CourseID))})
}

func titleOrID(c echo.Context, s *Server, id string) string {
	titles, err := s.latestTitles(c)
	if err != nil {
		return id
	}
	return titleOr(titles, id)
}

// findRequirement returns a requirement in force within the reader's scope (else NotFound).
func (s *Server) findRequirement(c echo.Context) (*store.Requirement, error) {
	id, err := service.ParseID(c.Param("id"), "requirement.unknown")
	if err != nil {
		return nil, err
	}
	reqs, err := s.Center.ListRequirements(ctx(c), scope(c))
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if r.ID == id {
			return &r, nil
		}
	}
	return nil, courses.E(courses.NotFound, "requirement.unknown", id)
}

// handleRequirementConfirm asks before a requirement is ended.
func (s *Server) handleRequirementConfirm(c echo.Context) error {
	r, err := s.findRequirement(c)
	if err != nil {
		return err
	}
	return s.render(c, "requirement_delete", page{"Requirement": r, "Title": titleOrID(c, s, r.CourseID)})
}

// handleRequirementDelete ends a requirement (its row stays for the audit).
func (s *Server) handleRequirementDelete(c echo.Context) error {
	r, err := s.findRequirement(c)
	if err != nil {
		return err
	}
	if err := s.Center.DeleteRequirement(ctx(c), scope(c), r.ID, actor(c)); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.requirementsWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	return s.requirementsWith(c, http.StatusOK, page{"Done": t(c, "requirements.deleted", titleOrID(c, s, r.CourseID))})
}
