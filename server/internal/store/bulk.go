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

// Analyze brings the query planner's statistics up to date after a bulk load (a benchmark's
// seed, migrate-store's copy): PostgreSQL plans the home page's latest completions or a sync's
// certificates by scanning whole tables until its autovacuum has analyzed them. SQLite plans
// without statistics, as it always has here: nothing is done.
func (s *Store) Analyze(ctx context.Context) error {
	if !s.db.pg {
		return nil
	}
	_, err := s.db.Write.ExecContext(ctx, `ANALYZE`)
	return err
}
