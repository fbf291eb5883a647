package service

import (
	"context"
	"slices"

	"aula/courses"
	"aula/courses/compliance"
	"aula/server/internal/store"
)

// ComplianceOverview returns what the dashboard shows: the summary of ComplianceSummary by one of
// SummaryBy and the trend of ComplianceTrend over months (f's AfterID and Limit are ignored); the
// results are those of the two calls. Like them it reads the counts kept up to date, and walks
// the officers for one officer or another number of months than twelve.
func (c *Center) ComplianceOverview(ctx context.Context, sc Scope, f ComplianceFilter, by string, months int) ([]SummaryRow, []TrendPoint, error) {
	if !slices.Contains(SummaryBy, by) {
		return nil, nil, courses.InvalidFields(map[string]courses.Msg{"by": courses.M("v.summary_by")})
	}
	if err := f.Check(); err != nil {
		return nil, nil, err
	}
	if f.Badge == "" && months == tallyMonths {
		return c.countedOverview(ctx, sc, f, by, months)
	}
	return c.walkOverview(ctx, sc, f, by, months)
}

// walkOverview is ComplianceOverview from one walk over the officers.
func (c *Center) walkOverview(ctx context.Context, sc Scope, f ComplianceFilter, by string, months int) ([]SummaryRow, []TrendPoint, error) {
	today := c.Today()
	points := trendPoints(today, months)
	sum := newSummer(by)
	f.AfterID, f.Limit = 0, 0
	sf, ok := c.storeFilter(sc, f)
	if !ok {
		return sum.rows(), points, nil
	}
	e, err := c.evaluator(ctx, sc, f)
	if err != nil || len(e.reqs) == 0 {
		return sum.rows(), points, err
	}
	err = c.Store.StreamCompliance(ctx, sf, e.courses, func(o *store.ComplianceOfficer) error {
		fa := e.facts(o)
		e.rows(fa, today, false, func(r ComplianceRow) {
			if f.Status == "" || r.Status == f.Status {
				sum.add(r)
			}
		})
		for i := range points {
			e.each(fa, points[i].Day, true, func(_ int, r compliance.Result) {
				if f.Status == "" || r.Status == f.Status {
					points[i].Add(r.Status)
				}
			})
		}
		return nil
	})
	return sum.rows(), points, err
}
