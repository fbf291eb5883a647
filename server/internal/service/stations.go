package service

import (
	"context"
	"strings"

	"aula/courses"
	"aula/server/internal/roster"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// CreateStation registers a station and returns it with its one-time enrollment code (groups of
// four, auth.NewEnrollCode), which is shown once and stored only as a hash. A bad code or name is an Invalid error per field.
func (c *Center) CreateStation(ctx context.Context, code, name, actor string) (*store.Station, string, error) {
	code, name = strings.ToUpper(strings.TrimSpace(code)), strings.TrimSpace(name)
	if problems := roster.StationProblems(code, name); len(problems) > 0 {
		return nil, "", courses.InvalidFields(msgs(problems))
	}
	tok := auth.NewEnrollCode()
	st, err := c.Store.CreateStation(ctx, code, name, auth.HashEnrollCode(tok), actor)
	return st, tok, err
}

// NewEnrollmentToken gives an existing station a new one-time enrollment token; the previous one
// no longer works.
func (c *Center) NewEnrollmentToken(ctx context.Context, code, actor string) (*store.Station, string, error) {
	tok := auth.NewEnrollCode()
	st, err := c.Store.NewEnrollmentToken(ctx, strings.ToUpper(strings.TrimSpace(code)), auth.HashEnrollCode(tok), actor)
	return st, tok, err
}

// msgs turns field → message id into field → message.
func msgs(ids map[string]string) map[string]courses.Msg {
	out := make(map[string]courses.Msg, len(ids))
	for k, id := range ids {
		out[k] = courses.M(id)
	}
	return out
}
