package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// verification is what the public may know about a certificate: no badge, no score. Level and
// station say how far it can be trusted (docs/certificates.md); Refused (a refusal code) and
// Reason say why the center refused a certificate a station issued (then Status is unknown).
type verification struct {
	Status      string `json:"status"`
	Level       string `json:"level,omitempty"`
	Code        string `json:"code"`
	Name        string `json:"name,omitempty"`
	CourseID    string `json:"course_id,omitempty"`
	Course      string `json:"course,omitempty"`
	IssuedAt    string `json:"issued_at,omitempty"`
	ExpiresAt   string `json:"expires_at,omitempty"`
	RevokedAt   string `json:"revoked_at,omitempty"`
	Issuer      string `json:"issuer,omitempty"`
	Station     string `json:"station,omitempty"`
	StationName string `json:"station_name,omitempty"`
	Refused     string `json:"refused,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

// verify answers for the code in the path: the center's record when it holds the certificate;
// else its refusal when it refused it; else, when the link carries the signed token (?t=), the
// token checked against the center's key and records: provisional, or refused.
func (s *Server) verify(c echo.Context) (verification, error) {
	raw := c.Param("code")
	code := certificate.NormalizeCode(raw)
	if code == "" {
		code = raw
	}
	cert, err := s.Store.FindCertificate(c.Request().Context(), code)
	if err == nil && cert.NodeID != "" && !certificate.CenterSigned(cert.Token) {
		// Received before the center checked station certificates, and refused since.
		if r, err := s.Store.FindRefusal(c.Request().Context(), cert.ID); err != nil || r != nil {
			if err != nil {
				return verification{}, err
			}
			return s.refused(c, verification{Status: store.CertUnknown, Code: cert.Code}, r.Reason), nil
		}
	}
	if err == nil {
		return s.heldVerification(c, cert), nil
	}
	if courses.ErrorCode(err) != courses.NotFound {
		return verification{}, err
	}
	if g, err := s.Store.FindGuestCertificate(c.Request().Context(), code); err == nil {
		// A workshop guest's certificate: his name and the workshop, never his identity document.
		return verification{Status: store.CertValid, Level: certificate.Confirmed, Code: g.Code, Name: g.Name,
			Course: g.Title.In(lang(c), "es"), IssuedAt: g.IssuedOn, Issuer: centerIssuer}, nil
	} else if courses.ErrorCode(err) != courses.NotFound {
		return verification{}, err
	}
	unknown := verification{Status: store.CertUnknown, Code: raw} // as the person typed it
	refusal, err := s.Store.FindRefusal(c.Request().Context(), code)
	if err != nil {
		return unknown, err
	}
	if refusal != nil {
		return s.refused(c, unknown, refusal.Reason), nil
	}
	tok := strings.TrimSpace(c.QueryParam("t"))
	if tok == "" {
		return unknown, nil
	}
	claims, end, err := certificate.Verify(tok, s.pub())
	if err != nil || claims.Code != code {
		return s.refused(c, unknown, certificate.RefusedSignature), nil
	}
	if end != nil {
		var r *certificate.Refusal
		if err := s.Store.JudgeToken(c.Request().Context(), claims, end); errors.As(err, &r) {
			return s.refused(c, unknown, r.Code), nil
		} else if err != nil {
			return unknown, err
		}
	}
	return s.tokenVerification(c, claims, end), nil
}

// heldVerification is a certificate the center holds: confirmed, unless it is a station's
// certificate accepted before the center checked them (its token is still the node's own).
func (s *Server) heldVerification(c echo.Context, cert *store.Certificate) verification {
	v := verification{Status: cert.Status, Level: certificate.Confirmed, Code: cert.Code, Name: cert.OfficerName, CourseID: cert.CourseID,
		IssuedAt: cert.IssuedAt.Format(time.DateOnly), Issuer: cert.Issuer, Course: cert.Title.In(lang(c), "es")}
	if ver, err := s.Store.FindVersion(c.Request().Context(), cert.CourseID, cert.CourseVersion); err == nil && v.Course == "" {
		v.Course = ver.Title.In(lang(c), "es")
	}
	if !cert.ExpiresAt.IsZero() {
		v.ExpiresAt = cert.ExpiresAt.Format(time.DateOnly)
	}
	if !cert.RevokedAt.IsZero() {
		v.RevokedAt = cert.RevokedAt.Format(time.DateOnly)
	}
	if cert.NodeID != "" {
		if n, err := s.Store.FindNode(c.Request().Context(), cert.NodeID); err == nil {
			v.Station, v.StationName = n.StationCode, n.StationName
		}
		if !certificate.CenterSigned(cert.Token) {
			v.Level = certificate.Provisional
		}
	}
	return v
}

// tokenVerification is a certificate known only by its verified token.
func (s *Server) tokenVerification(c echo.Context, cl *certificate.Claims, end *protocol.Endorsement) verification {
	v := verification{Status: store.CertValid, Level: certificate.LevelOf(end), Code: cl.Code, Name: cl.Name, CourseID: cl.CourseID,
		Course: cl.Title.In(lang(c), "es"), IssuedAt: cl.IssuedOn, ExpiresAt: cl.ExpiresOn, Issuer: cl.Issuer}
	if cl.Expired(s.Now()) {
		v.Status = store.CertExpired
	}
	v.Station, v.StationName = certificate.Station(cl, end)
	return v
}

// refused is a certificate the center refused: never valid.
func (s *Server) refused(c echo.Context, v verification, reason string) verification {
	v.Refused, v.Reason = reason, t(c, fmt.Sprintf("refused.%s", reason))
	return v
}

// handleVerifyPage is the public verification page.
func (s *Server) handleVerifyPage(c echo.Context) error {
	v, err := s.verify(c)
	if err != nil {
		return err
	}
	return s.render(c, "verify", page{"V": v})
}

// handleVerifyAPI is the public verification endpoint.
func (s *Server) handleVerifyAPI(c echo.Context) error {
	v, err := s.verify(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

// handleVerifyForm: GET /verify, public: a box to type a code; with ?code= it goes to that
// code's page.
func (s *Server) handleVerifyForm(c echo.Context) error {
	if raw := strings.TrimSpace(c.QueryParam("code")); raw != "" {
		code := certificate.NormalizeCode(raw)
		if code == "" {
			return s.renderStatus(c, http.StatusUnprocessableEntity, "verify", page{"Error": t(c, "verify.bad_code"), "Typed": raw})
		}
		return c.Redirect(http.StatusSeeOther, "/verify/"+code)
	}
	return s.render(c, "verify", page{})
}
