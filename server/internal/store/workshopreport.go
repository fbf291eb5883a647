package store

import (
	"context"
	"database/sql"

	"aula/internal/sqlitedb"
)

// WorkshopSummaryRow is the workshops held by one agency or state: held means closed or
// approved. Participants counts officers and guests; ParticipantHours is the hours each of them
// received (hours × participants).
type WorkshopSummaryRow struct {
	Key                             string
	Workshops, Participants, Guests int
	Hours, ParticipantHours         float64
	Approved                        int
}

// WorkshopSummary sums the held workshops matching f by the station's agency (by "agency") or
// state (by "state").
func (s *Store) WorkshopSummary(ctx context.Context, by string, f WorkshopFilter) ([]WorkshopSummaryRow, error) {
	key := `coalesce(s.state, '')`
	if by == "agency" {
		key = `coalesce((SELECT a.code FROM agencies a WHERE a.id = s.agency_id), '')`
	}
	from, args := f.where()
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (WorkshopSummaryRow, error) {
		var w WorkshopSummaryRow
		err := r.Scan(&w.Key, &w.Workshops, &w.Participants, &w.Guests, &w.Hours, &w.ParticipantHours, &w.Approved)
		return w, err
	}, `SELECT k, count(*), sum(n + g), sum(g), sum(hours), sum(hours * (n + g)), sum(approved) FROM (
		SELECT `+key+` AS k, w.hours AS hours, CASE WHEN w.status = 'approved' THEN 1 ELSE 0 END AS approved,
			(SELECT count(*) FROM workshop_attendance x WHERE x.workshop_id = w.id) AS n,
			(SELECT count(*) FROM workshop_guests y WHERE y.workshop_id = w.id) AS g`+from+` AND w.status <> 'scheduled') t
		GROUP BY k ORDER BY k`, args...)
}
