package web

import (
	"context"
	"strings"

	"aula/sync/jws"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/credential"
	"aula/server/internal/store"
	"aula/sync/certificate"
)

// vcJWT is the media type of a credential signed as a JWT.
const vcJWT = "application/vc+jwt"

// certificateOB3: GET /api/v1/certificates/{id}/ob3 (and the staff page's download): the
// certificate as an Open Badges 3.0 OpenBadgeCredential, a VC-JWT signed with the center's key.
// A certificate a station issued that the center has not confirmed yet has none (409).
func (s *Server) certificateOB3(c echo.Context) error {
	cert, err := s.Store.FindCertificate(ctx(c), c.Param("id"))
	if err != nil {
		return err
	}
	if _, err := s.Center.CheckOfficer(ctx(c), scope(c), cert.Badge); courses.ErrorCode(err) == courses.NotFound {
		return courses.E(courses.NotFound, "cert.unknown", c.Param("id"))
	}
	token, err := s.ob3Token(ctx(c), s.publicURL(c), cert)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"insignia-%s.jwt\"", cert.Code))
	return c.Blob(http.StatusOK, vcJWT, []byte(token))
}

// ob3Token signs cert's OpenBadgeCredential, its ids under base (the center's public address).
func (s *Server) ob3Token(ctx context.Context, base string, cert *store.Certificate) (string, error) {
	if !certificate.CenterSigned(cert.Token) {
		return "", courses.E(courses.Conflict, "ob3.not_confirmed", cert.Code)
	}
	idx, err := s.Store.StatusIndex(ctx, cert.ID)
	if err != nil {
		return "", err
	}
	b := credential.Badge{BaseURL: base, IssuerName: "Aula", CertID: cert.ID, Badge: cert.Badge,
		Name: cert.Title.In("es", "es"), Hours: cert.Hours, CourseID: cert.CourseID, Version: cert.CourseVersion,
		Language: "es", IssuedAt: cert.IssuedAt, ExpiresAt: cert.ExpiresAt, StatusIndex: idx}
	if b.Name == "" {
		b.Name = cert.CourseID
	}
	if cert.CourseID != "" {
		if v, err := s.Store.FindVersion(ctx, cert.CourseID, cert.CourseVersion); err == nil {
			b.Area = v.Area
		}
		b.Description = Message("es", "ob3.course_description", b.Name, cert.CourseVersion, hoursText(cert.Hours))
		b.Criteria = Message("es", "ob3.course_criteria", b.Name, cert.CourseVersion)
	} else {
		b.Description = Message("es", "ob3.other_description", b.Name, hoursText(cert.Hours), cert.Issuer)
		b.Criteria = Message("es", "ob3.other_criteria", b.Name)
	}
	return jws.Sign(s.Key, credential.Credential(s.Key, b))
}

// CertificateOB3 is the Open Badges credential of a confirmed certificate, its ids under base
// (the center's public address), for the sync reply that carries it down to the officer's
// station; "" when the certificate is not confirmed.
func (s *Server) CertificateOB3(ctx context.Context, base, certID string) (string, error) {
	cert, err := s.Store.FindCertificate(ctx, certID)
	if err != nil {
		return "", err
	}
	if !certificate.CenterSigned(cert.Token) {
		return "", nil
	}
	return s.ob3Token(ctx, strings.TrimRight(base, "/"), cert)
}

func hoursText(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// apiStatusList: GET /api/v1/status-lists/{n} (public): the Bitstring Status List credential
// (revocation) of certificates n×131072 to (n+1)×131072−1, a VC-JWT signed with the center's key.
func (s *Server) apiStatusList(c echo.Context) error {
	n, err := strconv.ParseInt(c.Param("n"), 10, 64)
	if err != nil || n < 0 {
		return courses.E(courses.NotFound, "ob3.no_list", c.Param("n"))
	}
	from := n * credential.StatusListSize
	revoked, err := s.Store.RevokedIndexes(ctx(c), from, from+credential.StatusListSize)
	if err != nil {
		return err
	}
	for i := range revoked {
		revoked[i] -= from
	}
	token, err := credential.SignStatusList(s.Key, credential.StatusList(s.publicURL(c), n, revoked, s.Now()))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, vcJWT, []byte(token))
}

// apiIssuer: GET /api/v1/issuer (public): the issuer profile of the center's credentials, with
// its public key.
func (s *Server) apiIssuer(c echo.Context) error {
	base := s.publicURL(c)
	return c.JSON(http.StatusOK, map[string]any{
		"@context": []string{credential.ContextVC2, credential.ContextOB3},
		"id":       credential.IssuerID(base), "type": []string{"Profile"}, "name": "Aula", "url": base,
		"publicKeyJwk": jws.PublicJWK(s.Key),
	})
}
