package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/certpdf"
	"aula/sync/certificate"
)

// certificateFor returns the certificate the node issues on the spot for a passed attempt of a
// course whose policy is automatic, signed by the node's key (which the center endorsed for this
// station); nil otherwise. A node not yet enrolled has no endorsement and issues none.
func (s *Server) certificateFor(ctx context.Context, st *attemptState, res courses.Result) (*store.Certificate, error) {
	c := st.Pkg.Course
	if !res.Passed || c.Certificate.Issue != courses.IssueAutomatic || s.Sync == nil || len(s.Sync.Endorsement) == 0 {
		return nil, nil
	}
	o, err := s.Store.FindOfficer(ctx, st.A.Badge)
	if courses.ErrorCode(err) == courses.NotFound || (err == nil && !o.Active) {
		// Only an officer on this station's roster gets a certificate signed here: the center
		// and every node refuse any other (docs/certificates.md).
		s.Log.Warn("no certificate: the officer is not on this station's roster", "badge", st.A.Badge, "attempt", st.A.ID)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.Now().In(s.zone()) // the day is the station's, not UTC's
	score := res.Score
	claims := certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: o.Name(), Badge: o.Badge,
		CourseID: c.ID, Version: c.Version, Title: c.Title, Hours: c.Hours, Score: &score,
		IssuedOn: now.Format(time.DateOnly), Issuer: s.Sync.Station, NodeID: s.Sync.NodeID}
	if m := c.Certificate.ValidMonths; m > 0 {
		claims.ExpiresOn = now.AddDate(0, m, 0).Format(time.DateOnly)
	}
	tok := certificate.SignByNode(claims, s.Sync.Key, s.Sync.Endorsement, s.Sync.EndorsementSig)
	return &store.Certificate{Claims: claims, Token: tok, AttemptID: st.A.ID, Origin: "node"}, nil
}

// verifyURL is where anyone checks a certificate: the center's public address, with the signed
// token, so the center can check a certificate issued here before this station syncs.
func (s *Server) verifyURL(code, token string) string {
	base := ""
	if s.Sync != nil {
		base = s.Sync.PublicURL
	}
	return certificate.VerifyURL(base, code, token)
}

// handleCertificatePDF serves an officer's own certificate as a PDF (UI and API).
func (s *Server) handleCertificatePDF(c echo.Context) error {
	cert, err := s.Store.FindCertificate(c.Request().Context(), c.Param("id"))
	if err != nil || cert.Claims.Badge != officer(c).Badge {
		return courses.E(courses.NotFound, "err.not_found")
	}
	if cert.Refused != "" {
		return courses.E(courses.Conflict, "cert.refused_pdf")
	}
	l := lang(c)
	cl := cert.Claims
	pdf, err := certpdf.Render(certpdf.Data{Name: cl.Name, Badge: cl.Badge, Title: cl.Title.In(l, "es"), Hours: cl.Hours, Score: cl.Score,
		IssuedOn: cl.IssuedOn, ExpiresOn: cl.ExpiresOn, Issuer: cl.Issuer, Code: cl.Code, VerifyURL: s.verifyURL(cl.Code, cert.Token),
		Provisional: !certificate.CenterSigned(cert.Token), SignatoryName: s.SignatoryName, SignatoryRole: s.SignatoryRole}, l)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=\"certificado-%s.pdf\"", cl.Code))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}
