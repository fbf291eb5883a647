package service

import (
	"context"
	"io"

	"aula/courses"
	"aula/server/internal/roster"
	"aula/server/internal/store"
)

// ImportOfficers checks and imports a roster CSV: all rows or none. Every problem of the file
// comes back at once, each with its FILE:LINE and a message id (roster.Problem.Text translates
// it); name is the file's name as the user knows it.
func (c *Center) ImportOfficers(ctx context.Context, r io.Reader, name, actor string) (store.ImportResult, []roster.Problem, error) {
	if name == "" || courses.TextProblem(name) != "" {
		name = "officers.csv" // the uploaded file's name is shown back
	}
	return roster.Import(ctx, c.Store, c.PINKey, r, name, actor)
}
