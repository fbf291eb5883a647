package web

import (
	"fmt"
	"net/http"
	"strings"
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
func (s *Server) certificateFor(st *attemptState, res courses.Result) (*store.Certificate, error) {
	c := st.Pkg.Course
	if !res.Passed || c.Certificate.Issue != courses.IssueAutomatic || s.Sync == nil || len(s.Sync.Endorsement) == 0 {
		return nil, nil
	}
	o, err := s.Store.FindOfficer(st.A.Badge)
	if err != nil {
		return nil, err
	}
	now := s.Now()
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

// certStatus is a certificate's status as this station knows it.
func (s *Server) certStatus(c *store.Certificate) (string, time.Time, error) {
	at, _, revoked, err := s.Store.Revoked(c.Claims.ID)
	switch {
	case err != nil:
		return "", at, err
	case revoked:
		return "revoked", at, nil
	case c.Claims.Expired(s.Now()):
		return "expired", at, nil
	}
	return "valid", at, nil
}

// verifyURL is where anyone checks a certificate: the center's public address.
func (s *Server) verifyURL(code string) string {
	base := ""
	if s.Sync != nil {
		base = s.Sync.PublicURL
	}
	return strings.TrimRight(base, "/") + "/verify/" + code
}

// handleCertificatePDF serves an officer's own certificate as a PDF (UI and API).
func (s *Server) handleCertificatePDF(c echo.Context) error {
	cert, err := s.Store.FindCertificate(c.Param("id"))
	if err != nil || cert.Claims.Badge != officer(c).Badge {
		return courses.Errorf(courses.NotFound, "%s", t(c, "err.not_found"))
	}
	l := lang(c)
	cl := cert.Claims
	pdf, err := certpdf.Render(certpdf.Data{Name: cl.Name, Badge: cl.Badge, Title: cl.Title.In(l, "es"), Hours: cl.Hours, Score: cl.Score,
		IssuedOn: cl.IssuedOn, ExpiresOn: cl.ExpiresOn, Issuer: cl.Issuer, Code: cl.Code, VerifyURL: s.verifyURL(cl.Code)}, l)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=\"certificado-%s.pdf\"", cl.Code))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// verification is what the public sees of a certificate: no badge, no score.
type verification struct {
	Status    string `json:"status"`
	Code      string `json:"code"`
	Name      string `json:"name,omitempty"`
	Course    string `json:"course,omitempty"`
	IssuedOn  string `json:"issued_on,omitempty"`
	ExpiresOn string `json:"expires_on,omitempty"`
	RevokedOn string `json:"revoked_on,omitempty"`
	Issuer    string `json:"issuer,omitempty"`
}

func (s *Server) verify(c echo.Context, raw string) (verification, error) {
	code := certificate.NormalizeCode(raw)
	v := verification{Status: "unknown", Code: raw}
	if code == "" {
		return v, nil
	}
	v.Code = code
	cert, err := s.Store.FindCertificate(code)
	if courses.ErrorCode(err) == courses.NotFound {
		return v, nil
	}
	if err != nil {
		return v, err
	}
	status, revokedAt, err := s.certStatus(cert)
	if err != nil {
		return v, err
	}
	cl := cert.Claims
	v = verification{Status: status, Code: cl.Code, Name: cl.Name, Course: cl.Title.In(lang(c), "es"), IssuedOn: cl.IssuedOn,
		ExpiresOn: cl.ExpiresOn, Issuer: cl.Issuer}
	if status == "revoked" {
		v.RevokedOn = revokedAt.Format(time.DateOnly)
	}
	return v, nil
}

// handleVerifyPage: GET /verify/{code}, public.
func (s *Server) handleVerifyPage(c echo.Context) error {
	v, err := s.verify(c, c.Param("code"))
	if err != nil {
		return err
	}
	return s.render(c, "verify", page{"V": v})
}

// handleVerifyAPI: GET /api/v1/verify/{code}, public.
func (s *Server) handleVerifyAPI(c echo.Context) error {
	v, err := s.verify(c, c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

// handleTokenPage: GET and POST /verify, public: checks a certificate token offline against the
// center's key pinned at enrollment. It needs no connection and no record of the certificate.
func (s *Server) handleTokenPage(c echo.Context) error {
	data := page{}
	tok := strings.TrimSpace(c.FormValue("token"))
	if c.Request().Method == http.MethodPost && tok != "" {
		data["Token"] = tok
		if s.Sync == nil {
			data["Error"] = t(c, "verify.no_key")
		} else if claims, _, err := certificate.Verify(tok, s.Sync.CenterKey); err != nil {
			data["Error"] = t(c, "verify.bad_token")
		} else {
			data["Claims"] = claims
			data["Title"] = claims.Title.In(lang(c), "es")
			data["Expired"] = claims.Expired(s.Now())
			if _, _, revoked, err := s.Store.Revoked(claims.ID); err == nil && revoked {
				data["Revoked"] = true
			}
		}
	}
	return s.render(c, "token", data)
}
