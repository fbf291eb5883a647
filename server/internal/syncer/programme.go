package syncer

import (
	"context"
	"strconv"
	"time"

	"aula/courses/compliance"
	"aula/courses/format"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// programme builds a station's required training for its node (a requirements change, protocol
// version 3, docs/sync.md "Programme"): the requirements whose agency and station scope takes in
// the station, and for each active officer there his first days and his completions of required
// courses, wherever they were earned. Days are the center's calendar days.
func (c *Center) programme(ctx context.Context, node *store.Node) (*protocol.Programme, error) {
	st, err := c.Store.FindStation(ctx, node.StationCode)
	if err != nil {
		return nil, err
	}
	reqs, err := c.Store.ListRequirements(ctx, "")
	if err != nil {
		return nil, err
	}
	now := time.Now()
	if c.Now != nil {
		now = c.Now()
	}
	p := &protocol.Programme{Agency: st.Agency, State: st.State, Requirements: []protocol.Requirement{}, AsOf: now.Unix()}
	var courseIDs []string
	for _, r := range reqs {
		scope := compliance.Requirement{Agency: r.Agency, Station: r.Station}
		if !compliance.Applies(scope, compliance.Officer{Agency: st.Agency, Station: st.Code}) {
			continue
		}
		pr := protocol.Requirement{ID: r.ID, CourseID: r.CourseID, Agency: r.Agency, Station: r.Station, Rank: r.Rank, DueDate: r.DueDate, WindowDays: r.WindowDays}
		if r.DueDays != nil {
			pr.DueDays = *r.DueDays
		}
		p.Requirements = append(p.Requirements, pr)
		courseIDs = append(courseIDs, r.CourseID)
	}
	if len(p.Requirements) == 0 {
		return p, nil
	}
	zone, _ := format.Zone("")
	dayOf := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		if u := t.UTC(); u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 {
			return u.Format(time.DateOnly)
		}
		return compliance.Day(t, zone).Format(time.DateOnly)
	}
	err = c.Store.StreamCompliance(ctx, store.ComplianceFilter{Station: st.Code}, courseIDs, func(o *store.ComplianceOfficer) error {
		op := protocol.OfficerProgramme{Badge: o.Badge, Applied: map[string]string{}}
		for id, day := range o.Applied {
			op.Applied[strconv.FormatInt(id, 10)] = day
		}
		for _, h := range o.Held {
			op.Done = append(op.Done, protocol.Completion{CourseID: h.CourseID, Version: h.Version, Completed: dayOf(h.Completed),
				Expires: dayOf(h.Expires), Revoked: !h.Revoked.IsZero()})
		}
		p.Officers = append(p.Officers, op)
		return nil
	})
	return p, err
}
