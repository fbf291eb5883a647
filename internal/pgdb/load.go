package pgdb

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Loader fills tables in one transaction with COPY, the fast way into PostgreSQL, and reads them
// back before it commits (aula-server migrate-store). Its SQL uses PostgreSQL's own $1
// placeholders: it runs on pgx's connection, not through the rebinding driver.
type Loader struct{ tx pgx.Tx }

// Load runs fn in one transaction on one connection, holding the writer lock that every center
// process's ordinary writes take (see Tx): a center started meanwhile waits for the load to end.
// The transaction commits when fn returns nil; otherwise nothing is written.
func (db *DB) Load(ctx context.Context, fn func(*Loader) error) error {
	c, err := db.Write.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Raw(func(dc any) error {
		cn, ok := dc.(*conn)
		if !ok {
			return fmt.Errorf("pgdb: unexpected connection %T", dc)
		}
		tx, err := cn.Conn.Conn().Begin(ctx)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) // a no-op after Commit
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writerLock)); err != nil {
			return err
		}
		if err := fn(&Loader{tx: tx}); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	})
}

// Copy writes rows into table's columns with COPY: next returns one row's values at a time, then
// nil at the end. It returns how many rows were written.
func (l *Loader) Copy(ctx context.Context, table string, columns []string, next func() ([]any, error)) (int64, error) {
	return l.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromFunc(next))
}

// Exec runs one statement.
func (l *Loader) Exec(ctx context.Context, sql string, args ...any) error {
	_, err := l.tx.Exec(ctx, sql, args...)
	return err
}

// Each runs a query and calls fn with each row's values: int64 for the integer types, float64
// for the floating ones, string, []byte, bool or nil.
func (l *Loader) Each(ctx context.Context, sql string, fn func([]any) error, args ...any) error {
	rows, err := l.tx.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		for i, v := range vals {
			switch x := v.(type) {
			case int16:
				vals[i] = int64(x)
			case int32:
				vals[i] = int64(x)
			case float32:
				vals[i] = float64(x)
			}
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Quote returns name as a quoted SQL identifier.
func Quote(name string) string { return pgx.Identifier{name}.Sanitize() }
