package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// handleCertificateOB3 answers the officer's own certificate as an Open Badges 3.0 credential
// (the VC-JWT the center signed and sent down with the certificate), offline.
func (s *Server) handleCertificateOB3(c echo.Context) error {
	cert, err := s.Store.FindCertificate(c.Request().Context(), c.Param("id"))
	if err != nil || cert.Claims.Badge != officer(c).Badge {
		return courses.E(courses.NotFound, "err.not_found")
	}
	if cert.OB3 == "" {
		return courses.E(courses.NotFound, "cert.no_ob3")
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"insignia-%s.jwt\"", cert.Claims.Code))
	return c.Blob(http.StatusOK, "application/vc+jwt", []byte(cert.OB3))
}
