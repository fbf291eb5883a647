package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
)

// handleCertificateIssue issues one workshop certificate from the certificates page.
func (s *Server) handleCertificateIssue(c echo.Context) error {
	hours, _ := strconv.ParseFloat(strings.ReplaceAll(c.FormValue("hours"), ",", "."), 64)
	cert, err := s.workshopCertificate(c, c.FormValue("badge"), c.FormValue("title"), hours, c.FormValue("date"))
	if err == nil {
		err = s.Store.IssueCertificates(c.Request().Context(), []store.NewCertificate{cert}, currentUser(c).Username)
	}
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.certificatesWith(c, statusOf(err), page{"Error": errText(c, err), "Fields": fieldsOf(c, err)})
	}
	return s.certificatesWith(c, http.StatusCreated, page{"Issued": 1})
}

// handleCertificateImport issues workshop certificates from a CSV of attendees: all or none.
func (s *Server) handleCertificateImport(c echo.Context) error {
	fh, err := c.FormFile("csv")
	if err != nil {
		return s.certificatesWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "import.choose_csv")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	certs, problems := s.workshopCSV(c, f, fh.Filename)
	if len(problems) > 0 {
		return s.certificatesWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "import.nothing_imported"), "Problems": problems})
	}
	if err := s.Store.IssueCertificates(c.Request().Context(), certs, currentUser(c).Username); err != nil {
		return err
	}
	return s.certificatesWith(c, http.StatusCreated, page{"Issued": len(certs)})
}

// handleApprovals shows the approval queue.
func (s *Server) handleApprovals(c echo.Context) error {
	return s.approvalsWith(c, http.StatusOK, page{})
}

func (s *Server) approvalsWith(c echo.Context, status int, p page) error {
	pending, err := s.Store.PendingApprovals(c.Request().Context())
	if err != nil {
		return err
	}
	p["Pending"] = pending
	return s.renderStatus(c, status, "approvals", p)
}

// handleDecide approves or rejects the chosen attempts in bulk.
func (s *Server) handleDecide(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	ids := form["attempt"]
	var approve, reject []string
	switch c.FormValue("decision") {
	case "reject":
		reject = ids
	case "approve_all":
		approve = form["shown"] // every attempt the page showed, none that arrived since
	default:
		approve = ids
	}
	a, r, err := s.decide(c, approve, reject)
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.approvalsWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	return s.approvalsWith(c, http.StatusOK, page{"Done": approvalsDone(c, a, r)})
}

// apiApprovals: GET /api/v1/approvals, the queue.
func (s *Server) apiApprovals(c echo.Context) error {
	pending, err := s.Store.PendingApprovals(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(pending))
	for _, p := range pending {
		out = append(out, map[string]any{"attempt_id": p.AttemptID, "badge": p.Badge, "name": p.OfficerName, "station": p.Station,
			"course_id": p.CourseID, "course_version": p.CourseVersion, "score": p.Score, "submitted_at": p.SubmittedAt.Format(time.RFC3339)})
	}
	return c.JSON(http.StatusOK, out)
}

// apiDecide: POST /api/v1/approvals {"approve": [...], "reject": [...]}.
func (s *Server) apiDecide(c echo.Context) error {
	var in struct {
		Approve []string `json:"approve"`
		Reject  []string `json:"reject"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, r, err := s.decide(c, in.Approve, in.Reject)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"approved": a, "rejected": r})
}

// apiCertificateIssue: POST /api/v1/certificates {"badge","title","hours","date"} (a workshop).
func (s *Server) apiCertificateIssue(c echo.Context) error {
	var in struct {
		Badge string  `json:"badge"`
		Title string  `json:"title"`
		Hours float64 `json:"hours"`
		Date  string  `json:"date"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cert, err := s.workshopCertificate(c, in.Badge, in.Title, in.Hours, in.Date)
	if err != nil {
		return err
	}
	if err := s.Store.IssueCertificates(c.Request().Context(), []store.NewCertificate{cert}, currentUser(c).Username); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"id": cert.Claims.ID, "code": cert.Claims.Code, "token": cert.Token})
}

// apiCertificateImport: POST /api/v1/certificates/import with a CSV body (badge,title,hours,date).
func (s *Server) apiCertificateImport(c echo.Context) error {
	data, err := readBody(c)
	if err != nil {
		return err
	}
	certs, problems := s.workshopCSV(c, strings.NewReader(string(data)), "attendees.csv")
	if len(problems) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": t(c, "import.nothing_imported"), "problems": problems})
	}
	if err := s.Store.IssueCertificates(c.Request().Context(), certs, currentUser(c).Username); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]int{"issued": len(certs)})
}
