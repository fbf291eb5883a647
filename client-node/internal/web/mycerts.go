package web

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/store"
	"aula/sync/certificate"
)

// certRow is one line of "Mis certificados".
type certRow struct {
	Cert    store.Certificate
	Course  string
	Issued  time.Time
	Expires time.Time // zero: does not expire
	Level   string    // provisional | confirmed | refused
	Expired bool
}

// handleCertificates lists the officer's certificates: code, course, date, level (provisional
// until the center confirms it) and a link to the PDF.
func (s *Server) handleCertificates(c echo.Context) error {
	certs, err := s.Store.CertificatesOf(context.Background(), officer(c).Badge)
	if err != nil {
		return err
	}
	l := lang(c)
	rows := make([]certRow, 0, len(certs))
	for _, ct := range certs {
		r := certRow{Cert: ct, Course: ct.Claims.Title.In(l, "es"), Level: "provisional"}
		r.Issued, _ = time.Parse(time.DateOnly, ct.Claims.IssuedOn)
		if ct.Claims.ExpiresOn != "" {
			r.Expires, _ = time.Parse(time.DateOnly, ct.Claims.ExpiresOn)
		}
		r.Expired = ct.Claims.Expired(s.Now())
		switch {
		case ct.Refused != "":
			r.Level = "refused"
		case certificate.CenterSigned(ct.Token):
			r.Level = "confirmed"
		}
		rows = append(rows, r)
	}
	return s.render(c, "certificates", page{"Rows": rows})
}
