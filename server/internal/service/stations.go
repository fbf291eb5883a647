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
	return c.CreateStationIn(ctx, Scope{}, store.NewStation{Code: code, Name: name}, actor)
}

// CreateStationIn is CreateStation with an agency (a code that must exist) and a state, both
// optional. A coordinator registers stations in his own agency only.
func (c *Center) CreateStationIn(ctx context.Context, sc Scope, n store.NewStation, actor string) (*store.Station, string, error) {
	n.Code, n.Name = strings.ToUpper(strings.TrimSpace(n.Code)), strings.TrimSpace(n.Name)
	n.Agency, n.State = strings.ToUpper(strings.TrimSpace(n.Agency)), strings.TrimSpace(n.State)
	if sc.Limited() && n.Agency == "" {
		n.Agency = sc.Agency
	}
	if !sc.Holds(n.Agency) {
		return nil, "", courses.E(courses.Forbidden, "err.forbidden")
	}
	problems := msgs(roster.StationProblems(n.Code, n.Name))
	if len(n.State) > 100 {
		problems["state"] = courses.M("v.state")
	}
	if n.Agency != "" {
		if _, err := c.Store.FindAgency(ctx, n.Agency); courses.ErrorCode(err) == courses.NotFound {
			problems["agency"] = courses.M("agency.unknown", n.Agency)
		} else if err != nil {
			return nil, "", err
		}
	}
	if len(problems) > 0 {
		return nil, "", courses.InvalidFields(problems)
	}
	tok := auth.NewEnrollCode()
	st, err := c.Store.CreateStationIn(ctx, n, auth.HashEnrollCode(tok), actor)
	return st, tok, err
}

// NewEnrollmentToken gives an existing station a new one-time enrollment token; the previous one
// no longer works. A station outside the scope is NotFound.
func (c *Center) NewEnrollmentToken(ctx context.Context, sc Scope, code, actor string) (*store.Station, string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if _, err := c.CheckStation(ctx, sc, code); err != nil {
		return nil, "", err
	}
	tok := auth.NewEnrollCode()
	st, err := c.Store.NewEnrollmentToken(ctx, code, auth.HashEnrollCode(tok), actor)
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
