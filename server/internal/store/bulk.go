package store

import (
	"context"
	"database/sql"
)

// Bulk runs fn in one write transaction, giving it a way to run statements: for loading large
// generated data sets (benchmarks, server/internal/benchseed) with multi-row INSERTs. Ordinary
// writes go through the store's methods.
func (s *Store) Bulk(ctx context.Context, fn func(exec func(query string, args ...any) error) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return fn(func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		})
	})
}
