package service

import (
	"bytes"
	"context"
	"io"
	"strings"

	"aula/courses"
	"aula/server/internal/roster"
	"aula/server/internal/store"
)

// maxImportBytes bounds the roster file read for a coordinator's scope check (the roster's own
// bound is lower, so a file this size is refused by roster.Parse anyway).
const maxImportBytes = 64 << 20

// ImportOfficers checks and imports a roster CSV: all rows or none. Every problem of the file
// comes back at once, each with its FILE:LINE and a message id (roster.Problem.Text translates
// it); name is the file's name as the user knows it. A coordinator imports only into his
// agency's stations and only officers who are not another agency's: a row against either is a
// problem of its line, and nothing is imported.
func (c *Center) ImportOfficers(ctx context.Context, sc Scope, r io.Reader, name, actor string) (store.ImportResult, []roster.Problem, error) {
	if name == "" || courses.TextProblem(name) != "" {
		name = "officers.csv" // the uploaded file's name is shown back
	}
	if sc.Limited() {
		data, err := io.ReadAll(io.LimitReader(r, maxImportBytes))
		if err != nil {
			return store.ImportResult{}, nil, err
		}
		if problems, err := c.importScopeProblems(ctx, sc, data, name); err != nil || len(problems) > 0 {
			return store.ImportResult{}, problems, err
		}
		r = bytes.NewReader(data)
	}
	return roster.Import(ctx, c.Store, c.PINKey, r, name, actor)
}

// importScopeProblems parses a roster file and lists, by line, every row that names a station
// of another agency or an officer who now belongs to another agency's station (or the file's
// own problems, when it does not parse).
func (c *Center) importScopeProblems(ctx context.Context, sc Scope, data []byte, name string) ([]roster.Problem, error) {
	codes, err := c.Store.StationCodes(ctx)
	if err != nil {
		return nil, err
	}
	rows, problems := roster.Parse(bytes.NewReader(data), name, codes)
	if len(problems) > 0 {
		return problems, nil
	}
	stations, err := c.Store.StationAgencies(ctx)
	if err != nil {
		return nil, err
	}
	officers, err := c.Store.OfficerAgencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		code, badge := strings.ToUpper(row.StationCode), strings.ToUpper(row.Badge)
		if !sc.Holds(stations[code]) {
			problems = append(problems, roster.Problem{File: name, Line: row.Line, ID: "roster.station_other_agency", Args: []any{code}})
		}
		if agency, ok := officers[badge]; ok && !sc.Holds(agency) {
			problems = append(problems, roster.Problem{File: name, Line: row.Line, ID: "roster.badge_other_agency", Args: []any{badge}})
		}
	}
	return problems, nil
}
