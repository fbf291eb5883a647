package service

import (
	"context"
	"strings"

	"aula/courses"
)

// RevokeCertificate revokes a certificate with a reason (5 to 500 characters of plain text).
func (c *Center) RevokeCertificate(ctx context.Context, id, reason, actor string) error {
	reason = strings.TrimSpace(reason)
	if p := courses.TextProblem(reason); p != "" {
		return courses.InvalidFields(map[string]courses.Msg{"reason": courses.M(p)})
	}
	if len(reason) < 5 || len(reason) > 500 {
		return courses.InvalidFields(map[string]courses.Msg{"reason": courses.M("v.reason")})
	}
	return c.Store.RevokeCertificate(ctx, id, reason, actor)
}
