package syncer

import (
	"context"

	"aula/server/internal/store"
	"aula/sync/protocol"
)

// workshop builds a workshop change (protocol version 4, docs/workshops.md): the workshop as the
// center holds it now and, once approved, each attending officer's certificate id.
func (c *Center) workshop(ctx context.Context, id string) (*protocol.Workshop, error) {
	w, err := c.Store.FindWorkshop(ctx, id)
	if err != nil {
		return nil, err
	}
	pw := &protocol.Workshop{ID: w.ID, Title: w.Title, Area: w.Area, Hours: w.Hours, Date: w.Day, Trainer: w.Trainer,
		CourseID: w.CourseID, Status: w.Status}
	if w.Status == store.WorkshopApproved {
		credits, err := c.Store.WorkshopCredits(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, cr := range credits {
			pw.Credits = append(pw.Credits, protocol.WorkshopCred{Badge: cr[0], CertID: cr[1]})
		}
	}
	return pw, nil
}
