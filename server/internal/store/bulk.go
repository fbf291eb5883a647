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

// Analyze does at once, after a bulk load (a benchmark's seed, migrate-store's copy), what
// PostgreSQL's autovacuum does within minutes: VACUUM ANALYZE, which brings the planner's
// statistics up to date (without them it plans the home page's latest completions or a sync's
// certificates by scanning whole tables) and clears the dead rows of mass updates (the marks of
// the compliance counts after millions of inserts). SQLite plans without statistics, as it always
// has here: nothing is done.
func (s *Store) Analyze(ctx context.Context) error {
	if !s.db.pg {
		return nil
	}
	_, err := s.db.Write.ExecContext(ctx, `VACUUM ANALYZE`)
	return err
}
