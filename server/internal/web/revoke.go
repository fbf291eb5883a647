package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// Revoking a certificate takes two steps, with no JavaScript: the list links to a confirmation
// page that shows the certificate (code, officer, course) and asks for the reason; only its POST
// revokes.

// handleRevokeConfirm shows the confirmation step for one certificate.
func (s *Server) handleRevokeConfirm(c echo.Context) error {
	cert, err := s.Center.CheckCertificate(ctx(c), scope(c), c.Param("id"))
	if err != nil {
		return err
	}
	return s.render(c, "revoke", page{"Cert": cert})
}

// handleRevoke revokes a certificate from its confirmation page; a missing or short reason shows
// the page again with the reason marked. The toast names the certificate by its code.
func (s *Server) handleRevoke(c echo.Context) error {
	cert, err := s.Center.CheckCertificate(ctx(c), scope(c), c.Param("id"))
	if err != nil {
		return err
	}
	err = s.Center.RevokeCertificate(ctx(c), scope(c), cert.ID, c.FormValue("reason"), actor(c))
	switch {
	case err != nil && courses.ErrorCode(err) == courses.Internal:
		return err
	case err != nil:
		return s.renderStatus(c, statusOf(err), "revoke", page{"Cert": cert, "Error": errText(c, err), "Fields": fieldsOf(c, err),
			"Form": map[string]string{"reason": c.FormValue("reason")}})
	}
	return s.certificatesWith(c, http.StatusOK, page{"Revoked": cert})
}
