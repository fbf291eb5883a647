package service

import "context"

// The walks over the officers, for the tests that hold the counts kept up to date to them.

func (c *Center) WalkOverview(ctx context.Context, sc Scope, f ComplianceFilter, by string, months int) ([]SummaryRow, []TrendPoint, error) {
	return c.walkOverview(ctx, sc, f, by, months)
}

func (c *Center) WalkSummary(ctx context.Context, sc Scope, f ComplianceFilter, by string) ([]SummaryRow, error) {
	return c.walkSummary(ctx, sc, f, by)
}

func (c *Center) WalkTrend(ctx context.Context, sc Scope, f ComplianceFilter, months int) ([]TrendPoint, error) {
	return c.walkTrend(ctx, sc, f, months)
}
