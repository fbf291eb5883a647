package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/certpdf"
	"aula/courses/format"
	"aula/server/internal/roster"
	"aula/server/internal/store"
	"aula/sync/certificate"
)

// centerIssuer names the center on the certificates it issues.
const centerIssuer = certificate.CenterIssuer

// workshopCertificate builds a center-signed certificate for an in-person workshop or course.
// title may be a published course id (its title is used) or free text. An officer outside the
// staff member's scope (a coordinator: another agency's) is Forbidden.
func (s *Server) workshopCertificate(c echo.Context, badge, title string, hours float64, day string) (store.NewCertificate, error) {
	fields := map[string]courses.Msg{}
	o, err := s.Store.FindOfficer(c.Request().Context(), strings.ToUpper(strings.TrimSpace(badge)))
	if err != nil {
		fields["badge"] = courses.M("v.badge_unknown", badge)
	} else if !scope(c).Holds(o.Agency) {
		return store.NewCertificate{}, courses.E(courses.Forbidden, "cert.other_agency", o.Badge)
	}
	if id := courses.TextProblem(badge); id != "" {
		fields["badge"] = courses.M(id)
	}
	title = strings.TrimSpace(title)
	if id := courses.TextProblem(title); id != "" {
		fields["title"] = courses.M(id)
	} else if title == "" || len(title) > 200 {
		fields["title"] = courses.M("v.title")
	}
	if hours <= 0 || hours > 1000 {
		fields["hours"] = courses.M("v.hours")
	}
	if d, err := format.ParseDay(day); err != nil {
		fields["date"] = courses.M("v.date")
	} else {
		day = d.Format(time.DateOnly) // 20/11/2026 from a spreadsheet, as the form's 2026-11-20
	}
	if len(fields) > 0 {
		return store.NewCertificate{}, courses.InvalidFields(fields)
	}
	claims := certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: o.Name(), Badge: o.Badge,
		Title: courses.Text{"es": title, "en": title}, Hours: hours, IssuedOn: day, Issuer: centerIssuer}
	if vs, err := s.Store.ListVersions(c.Request().Context(), title); err == nil && len(vs) > 0 {
		claims.CourseID, claims.Version, claims.Title = vs[0].CourseID, vs[0].Version, vs[0].Title
	}
	return store.NewCertificate{Claims: claims, Token: certificate.SignByCenter(claims, s.Key)}, nil
}

// approvalCertificate builds the certificate an approval issues for a passed attempt.
func (s *Server) approvalCertificate(p store.PendingApproval) store.NewCertificate {
	now := s.Now().In(s.zone()) // the day is the center's, not UTC's
	score := p.Score
	claims := certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: p.OfficerName, Badge: p.Badge,
		CourseID: p.CourseID, Version: p.CourseVersion, Title: p.Title, Hours: p.Hours, Score: &score,
		IssuedOn: now.Format(time.DateOnly), Issuer: centerIssuer}
	if p.Months > 0 {
		claims.ExpiresOn = now.AddDate(0, p.Months, 0).Format(time.DateOnly)
	}
	return store.NewCertificate{Claims: claims, Token: certificate.SignByCenter(claims, s.Key), AttemptID: p.AttemptID}
}

// decide approves and rejects attempts of the approval queue in bulk.
func (s *Server) decide(c echo.Context, approve, reject []string) (int, int, error) {
	pending, err := s.Store.PendingApprovals(c.Request().Context())
	if err != nil {
		return 0, 0, err
	}
	byID := map[string]store.PendingApproval{}
	for _, p := range pending {
		byID[p.AttemptID] = p
	}
	var certs []store.NewCertificate
	for _, id := range approve {
		p, ok := byID[id]
		if !ok {
			return 0, 0, courses.E(courses.Conflict, "approvals.not_pending", id)
		}
		certs = append(certs, s.approvalCertificate(p))
	}
	for _, id := range reject {
		if _, ok := byID[id]; !ok {
			return 0, 0, courses.E(courses.Conflict, "approvals.not_pending", id)
		}
	}
	if len(certs) == 0 && len(reject) == 0 {
		return 0, 0, courses.InvalidFields(map[string]courses.Msg{"attempts": courses.M("approvals.choose")})
	}
	return len(certs), len(reject), s.Store.Decide(c.Request().Context(), certs, reject, currentUser(c).Username)
}

// workshopCSV reads badge,title,hours,date rows; every bad row is reported as FILE:LINE and
// nothing is issued unless all are good.
func (s *Server) workshopCSV(c echo.Context, r io.Reader, name string) ([]store.NewCertificate, []string) {
	data, _ := io.ReadAll(io.LimitReader(r, 8<<20))
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	var out []store.NewCertificate
	var problems []string
	header, err := cr.Read()
	if err != nil || strings.Join(header, ",") != "badge,title,hours,date" {
		return nil, []string{name + ":1: " + t(c, "workshop.header")}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) { // no field positions for a line the reader could not parse
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, pe.StartLine, t(c, roster.SyntaxProblem(pe.Err))))
			continue
		}
		line, _ := cr.FieldPos(0)
		if err != nil || len(rec) != 4 {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, t(c, "workshop.fields")))
			continue
		}
		hours, _ := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(rec[2]), ",", "."), 64)
		cert, err := s.workshopCertificate(c, rec[0], rec[1], hours, strings.TrimSpace(rec[3]))
		if err != nil {
			for _, m := range fieldsOf(c, err) {
				problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, m))
			}
			if len(fieldsOf(c, err)) == 0 { // not a field's problem: another agency's officer
				problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, errText(c, err)))
			}
			continue
		}
		out = append(out, cert)
	}
	if len(out) == 0 && len(problems) == 0 {
		problems = append(problems, name+":1: "+t(c, "workshop.empty"))
	}
	return out, problems
}

// certificatePDF renders a certificate the center knows.
func (s *Server) certificatePDF(c echo.Context) error {
	cert, err := s.Store.FindCertificate(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if _, err := s.Center.CheckOfficer(ctx(c), scope(c), cert.Badge); courses.ErrorCode(err) == courses.NotFound {
		return courses.E(courses.NotFound, "cert.unknown", c.Param("id"))
	}
	l := lang(c)
	title := cert.Title.In(l, "es")
	if title == "" {
		title = cert.CourseID
	}
	pdf, err := certpdf.Render(certpdf.Data{Name: cert.OfficerName, Badge: cert.Badge, Title: title, Hours: cert.Hours, Score: cert.Score,
		IssuedOn: cert.IssuedAt.Format(time.DateOnly), ExpiresOn: day(cert.ExpiresAt), Issuer: cert.Issuer, Code: cert.Code,
		VerifyURL: certificate.VerifyURL(s.publicURL(c), cert.Code, cert.Token), Provisional: !certificate.CenterSigned(cert.Token),
		SignatoryName: s.SignatoryName, SignatoryRole: s.SignatoryRole}, l)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=\"certificado-%s.pdf\"", cert.Code))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// publicURL is the center's public address: configured, or the one this request came to.
func (s *Server) publicURL(c echo.Context) string {
	if s.PublicURL != "" {
		return strings.TrimRight(s.PublicURL, "/")
	}
	return c.Scheme() + "://" + c.Request().Host
}
