package service

import (
	"context"
	"sort"
	"time"

	"aula/courses/compliance"
	"aula/server/internal/store"
)

// countedOverview answers ComplianceOverview from the counts kept up to date: the summary by by
// ("" for none) as of today and the trend over months (0 for none), for the officers of scope
// sc matching f (f.Badge aside, which the counts do not hold).
func (c *Center) countedOverview(ctx context.Context, sc Scope, f ComplianceFilter, by string, months int) ([]SummaryRow, []TrendPoint, error) {
	today := c.Today()
	points := trendPoints(today, months)
	sf, ok := c.storeFilter(sc, f)
	if !ok {
		if by == "" {
			return nil, points, nil
		}
		return []SummaryRow{}, points, nil
	}
	if err := c.refresh(ctx, today); err != nil {
		return nil, nil, err
	}
	q := store.TallyQuery{Course: f.Course, Agency: sf.Agency, State: sf.State, Station: sf.Station, Rank: sf.Rank}
	status := -1
	if f.Status != "" {
		status = statusIndex(f.Status)
	}
	sum := []SummaryRow{}
	if by != "" {
		q.Days, q.By = []string{today.Format(time.DateOnly)}, by
		rows, err := c.Store.ReadTally(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			if s := summaryOf(r, status); s.Required > 0 {
				sum = append(sum, s)
			}
		}
		sort.Slice(sum, func(i, j int) bool { return sum[i].Key < sum[j].Key })
	}
	if len(points) > 0 {
		q.Days, q.By, q.AsOf = nil, "day", true
		for _, p := range points {
			q.Days = append(q.Days, p.Day.Format(time.DateOnly))
		}
		rows, err := c.Store.ReadTally(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			for i := range points {
				if points[i].Day.Format(time.DateOnly) == r.Key {
					points[i].Counts = summaryOf(r, status).Counts
				}
			}
		}
	}
	return sum, points, nil
}

// summaryOf reads a group's counts, of one status only when status is its index (else -1).
func summaryOf(r store.TallyRow, status int) SummaryRow {
	t := r.Tally
	s := SummaryRow{Key: r.Key}
	if status < 0 {
		s.Officers = int(t[store.TOfficers])
		s.Counts = compliance.Counts{Required: int(t[store.TRequired]), Compliant: int(t[store.TCompliant]),
			Expiring: int(t[store.TExpiring]), Due: int(t[store.TDue]), Overdue: int(t[store.TOverdue])}
		return s
	}
	n := int(t[store.TCompliant+status])
	s.Officers = int(t[store.TOfficersCompliant+status])
	s.Required = n
	switch compliance.Statuses[status] {
	case compliance.Compliant:
		s.Compliant = n
	case compliance.Expiring:
		s.Expiring = n
	case compliance.Due:
		s.Due = n
	case compliance.Overdue:
		s.Overdue = n
	}
	return s
}
