package service

import (
	"context"

	"aula/server/internal/store"
)

// LedgerStore is what the hours ledger needs from the store.
type LedgerStore interface {
	Ledger(ctx context.Context, badge string) ([]store.LedgerEntry, error)
	HoursSummary(ctx context.Context, by, agency string) ([]store.HoursRow, error)
}

// Transcript is an officer's training record (docs/workshops.md, "The ledger"): every entry, and
// the hours by area, by year and area, and in total.
type Transcript struct {
	Officer     *store.Officer
	Entries     []store.LedgerEntry
	HoursTotal  float64
	HoursByArea map[string]float64
	HoursByYear map[string]map[string]float64 // year → area → hours
}

// Transcript returns the training record of an officer the scope holds.
func (c *Center) Transcript(ctx context.Context, sc Scope, badge string) (*Transcript, error) {
	o, err := c.CheckOfficer(ctx, sc, badge)
	if err != nil {
		return nil, err
	}
	entries, err := c.Store.Ledger(ctx, o.Badge)
	if err != nil {
		return nil, err
	}
	return NewTranscript(o, entries), nil
}

// NewTranscript sums an officer's ledger entries.
func NewTranscript(o *store.Officer, entries []store.LedgerEntry) *Transcript {
	t := &Transcript{Officer: o, Entries: entries, HoursByArea: map[string]float64{}, HoursByYear: map[string]map[string]float64{}}
	for _, e := range entries {
		t.HoursTotal += e.Hours
		t.HoursByArea[e.Area] += e.Hours
		year := e.Day
		if len(year) >= 4 {
			year = year[:4]
		}
		if t.HoursByYear[year] == nil {
			t.HoursByYear[year] = map[string]float64{}
		}
		t.HoursByYear[year][e.Area] += e.Hours
	}
	return t
}

// HoursSummary sums training hours by agency or state ("agency" | "state") and year, within the
// scope.
func (c *Center) HoursSummary(ctx context.Context, sc Scope, by string) ([]store.HoursRow, error) {
	return c.Store.HoursSummary(ctx, by, sc.AgencyFilter())
}
