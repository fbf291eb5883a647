package service

import (
	"context"
	"strings"

	"aula/courses"
	"aula/server/internal/store"
)

// RevokeCertificate revokes a certificate with a reason (5 to 500 characters of plain text). A
// certificate of an officer outside the scope is NotFound.
func (c *Center) RevokeCertificate(ctx context.Context, sc Scope, id, reason, actor string) error {
	if sc.Limited() {
		if _, err := c.CheckCertificate(ctx, sc, id); err != nil {
			return err
		}
	}
	reason = strings.TrimSpace(reason)
	if p := courses.TextProblem(reason); p != "" {
		return courses.InvalidFields(map[string]courses.Msg{"reason": courses.M(p)})
	}
	if len(reason) < 5 || len(reason) > 500 {
		return courses.InvalidFields(map[string]courses.Msg{"reason": courses.M("v.reason")})
	}
	return c.Store.RevokeCertificate(ctx, id, reason, actor)
}

// CheckCertificate returns a certificate (by id or code) whose officer is within the scope, or a
// NotFound error, as for a certificate that does not exist.
func (c *Center) CheckCertificate(ctx context.Context, sc Scope, id string) (*store.Certificate, error) {
	cert, err := c.Store.FindCertificate(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := c.CheckOfficer(ctx, sc, cert.Badge); courses.ErrorCode(err) == courses.NotFound {
		return nil, courses.E(courses.NotFound, "cert.unknown", id)
	} else if err != nil {
		return nil, err
	}
	return cert, nil
}
