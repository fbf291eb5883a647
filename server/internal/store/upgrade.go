package store

import (
	"context"
	"database/sql"
	"strings"
)

// FirstChangeOf returns the first change of one of kinds for a station (its own or every
// station's) at or before upTo, and false when there is none: where a node that could not
// receive those kinds must read the feed again from once it can (docs/sync.md, "Rolling
// upgrades").
func (s *Store) FirstChangeOf(ctx context.Context, stationID int64, kinds []string, upTo int64) (int64, bool, error) {
	if len(kinds) == 0 {
		return 0, false, nil
	}
	args := []any{upTo, stationID}
	for _, k := range kinds {
		args = append(args, k)
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(kinds)), ",")
	var first sql.NullInt64
	err := s.db.Read.QueryRowContext(ctx, `SELECT min(seq) FROM changes WHERE seq <= ? AND (station_id IS NULL OR station_id = ?)
		AND kind IN (`+marks+`)`, args...).Scan(&first)
	return first.Int64, first.Valid, err
}
