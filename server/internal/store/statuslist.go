package store

import (
	"context"
	"database/sql"

	"aula/internal/sqlitedb"
)

// StatusIndex returns the certificate's bit in the status lists, giving it the next free one
// the first time.
func (s *Store) StatusIndex(ctx context.Context, certID string) (int64, error) {
	var idx int64
	err := s.db.Read.QueryRowContext(ctx, `SELECT list_index FROM status_entries WHERE certificate_id = ?`, certID).Scan(&idx)
	if err == nil {
		return idx, nil
	}
	if err != sql.ErrNoRows {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO status_entries (certificate_id, list_index)
			SELECT ?, coalesce(max(list_index) + 1, 0) FROM status_entries WHERE true ON CONFLICT (certificate_id) DO NOTHING`, certID); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT list_index FROM status_entries WHERE certificate_id = ?`, certID).Scan(&idx)
	})
	return idx, err
}

// RevokedIndexes returns the status-list bits in [from, to) of revoked certificates.
func (s *Store) RevokedIndexes(ctx context.Context, from, to int64) ([]int64, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (int64, error) {
		var i int64
		err := rows.Scan(&i)
		return i, err
	}, `SELECT e.list_index FROM status_entries e JOIN certificates c ON c.id = e.certificate_id
		WHERE c.revoked_at IS NOT NULL AND e.list_index >= ? AND e.list_index < ?`, from, to)
}
