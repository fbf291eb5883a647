package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// verification is what the public sees of a certificate: no badge, no score. Level and station
// say how far it can be trusted (docs/certificates.md); Refused (a refusal code) and Reason say
// why it is not valid although it is signed (then Status is unknown).
type verification struct {
	Status      string `json:"status"`
	Level       string `json:"level,omitempty"`
	Code        string `json:"code"`
	Name        string `json:"name,omitempty"`
	Course      string `json:"course,omitempty"`
	IssuedOn    string `json:"issued_on,omitempty"`
	ExpiresOn   string `json:"expires_on,omitempty"`
	RevokedOn   string `json:"revoked_on,omitempty"`
	Issuer      string `json:"issuer,omitempty"`
	Station     string `json:"station,omitempty"`
	StationName string `json:"station_name,omitempty"`
	Refused     string `json:"refused,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

// verify answers for a code: the certificate this station holds, or else the signed token the
// link carries (?t=), checked offline with the center's key pinned at enrollment and what this
// station knows (revoked nodes, installed courses, its own roster).
func (s *Server) verify(c echo.Context, raw string) (verification, error) {
	code := certificate.NormalizeCode(raw)
	v := verification{Status: "unknown", Code: raw}
	if code == "" {
		return v, nil
	}
	v.Code = code
	var claims *certificate.Claims
	var end *protocol.Endorsement
	var refusal error
	cert, err := s.Store.FindCertificate(c.Request().Context(), code)
	switch {
	case err == nil:
		if s.Sync == nil {
			return v, fmt.Errorf("a certificate is held but the node is not enrolled")
		}
		claims, end, err = certificate.Verify(cert.Token, s.Sync.CenterKey)
		if err != nil {
			refusal = certificate.AsRefusal(err)
		}
		if cert.Refused != "" {
			refusal = certificate.Refuse(certificate.RefusalCode(cert.Refused), cert.Refused)
		}
	case courses.ErrorCode(err) != courses.NotFound:
		return v, err
	case c.QueryParam("t") == "" || s.Sync == nil:
		return v, nil
	default:
		claims, end, err = certificate.Verify(strings.TrimSpace(c.QueryParam("t")), s.Sync.CenterKey)
		if err != nil {
			refusal = certificate.AsRefusal(err)
		} else if claims.Code != code {
			refusal = certificate.Refuse(certificate.RefusedSignature, "the token is for another code")
		}
	}
	if refusal == nil {
		refusal = s.judge(c.Request().Context(), claims, end)
	}
	var r *certificate.Refusal
	switch {
	case refusal == nil:
		return s.verified(c, claims, end)
	case !errors.As(refusal, &r):
		return v, refusal
	case r.Code == "":
		v.Refused, v.Reason = "center", t(c, "verify.refused_reason")
	default:
		v.Refused, v.Reason = r.Code, t(c, fmt.Sprintf("refused.%s", r.Code))
	}
	return v, nil
}

// judge checks a node-signed token as far as this station can: its node is not revoked; it
// agrees with the course version when it is installed here; and when it comes from this
// station, the officer is on its roster under that name. It returns nil, a *certificate.Refusal
// or an error. A center-signed token needs nothing more.
func (s *Server) judge(ctx context.Context, cl *certificate.Claims, end *protocol.Endorsement) error {
	if end == nil {
		return nil
	}
	if revoked, err := s.Store.NodeRevoked(ctx, end.NodeID); err != nil || revoked {
		if err != nil {
			return err
		}
		return certificate.Refuse(certificate.RefusedRevokedNode, "node "+end.NodeID+" was revoked")
	}
	pkg, err := s.versionOf(ctx, cl.CourseID, cl.Version)
	switch {
	case err == nil:
		c := pkg.Course
		f := certificate.CourseFacts{Title: c.Title, Hours: c.Hours, Issue: c.Certificate.Issue, ValidMonths: c.Certificate.ValidMonths}
		if err := cl.CheckStation(f, s.Now()); err != nil {
			return err
		}
	case courses.ErrorCode(err) != courses.NotFound:
		return err
	}
	var own protocol.Endorsement
	if json.Unmarshal(s.Sync.Endorsement, &own) != nil || own.StationCode != end.StationCode {
		return nil
	}
	o, err := s.Store.FindOfficer(ctx, cl.Badge)
	switch {
	case courses.ErrorCode(err) == courses.NotFound:
		return certificate.Refuse(certificate.RefusedRoster, cl.Badge+" is not on this station's roster")
	case err != nil:
		return err
	case o.Name() != cl.Name:
		return certificate.Refuse(certificate.RefusedFacts, "the name differs from the roster's")
	}
	return nil
}

// verified is a certificate whose token verified and passed judge: valid, expired or revoked,
// confirmed or provisional.
func (s *Server) verified(c echo.Context, cl *certificate.Claims, end *protocol.Endorsement) (verification, error) {
	v := verification{Status: "valid", Level: certificate.LevelOf(end), Code: cl.Code, Name: cl.Name, Course: cl.Title.In(lang(c), "es"),
		IssuedOn: cl.IssuedOn, ExpiresOn: cl.ExpiresOn, Issuer: cl.Issuer}
	v.Station, v.StationName = certificate.Station(cl, end)
	at, _, revoked, err := s.Store.Revoked(c.Request().Context(), cl.ID)
	switch {
	case err != nil:
		return v, err
	case revoked:
		v.Status, v.RevokedOn = "revoked", at.Format(time.DateOnly)
	case cl.Expired(s.Now()):
		v.Status = "expired"
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
