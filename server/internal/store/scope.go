package store

import (
	"context"
	"database/sql"

	"aula/internal/sqlitedb"
)

// OfficerAgencies maps every officer's badge to the agency code of his station ("" for a
// station without one): a coordinator's import is checked against it.
func (s *Store) OfficerAgencies(ctx context.Context) (map[string]string, error) {
	return s.codeMap(ctx, `SELECT o.badge, coalesce(a.code, '') FROM officers o JOIN stations s ON s.id = o.station_id
		LEFT JOIN agencies a ON a.id = s.agency_id`)
}

// StationAgencies maps every station's code to its agency code ("" for none).
func (s *Store) StationAgencies(ctx context.Context) (map[string]string, error) {
	return s.codeMap(ctx, `SELECT s.code, coalesce(a.code, '') FROM stations s LEFT JOIN agencies a ON a.id = s.agency_id`)
}

// codeMap reads a two-column query of texts into a map.
func (s *Store) codeMap(ctx context.Context, query string) (map[string]string, error) {
	out := map[string]string{}
	_, err := sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (struct{}, error) {
		var k, v string
		err := rows.Scan(&k, &v)
		out[k] = v
		return struct{}{}, err
	}, query)
	return out, err
}
