// Package pgdb opens the center's PostgreSQL database: the same database/sql seam as
// internal/sqlitedb (the store's SQL is written once, with ? placeholders that the driver rebinds),
// embedded numbered migrations with their version kept in the database, and the transactions
// the store needs. It is the only importer of github.com/jackc/pgx.
//
// pgx is used through its database/sql driver (stdlib) rather than its native pool: the store's
// queries, scans and prepared statements then stay one code path for both dialects, and the
// driver is the one place that rewrites placeholders.
package pgdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsURL reports whether s names a PostgreSQL database (postgres:// or postgresql://).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// DB is a PostgreSQL database. Read and Write are the same pool: PostgreSQL has no single
// writer, so the store's transactions take the locks they need instead (Tx, and the push's row
// lock in the store).
type DB struct {
	Read  *sql.DB
	Write *sql.DB
}

// Lock keys for pg_advisory_xact_lock: constants shared by every center process on the database.
const (
	migrateLock = 0x4175_6c61_0001 // one process migrates at a time
	writerLock  = 0x4175_6c61_0002 // Tx: the store's ordinary writes, one at a time (as on SQLite)
)

// Open connects to the database at url (postgres://…) and applies every migration in migrations
// (files NNNN_name.sql) newer than the database's schema version, each in its own transaction.
// conns bounds the pool.
func Open(url string, migrations fs.FS, conns int) (*DB, error) {
	pool, err := Connect(url)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(max(2, conns))
	pool.SetMaxIdleConns(max(2, conns))
	db := &DB{Read: pool, Write: pool}
	if err := db.migrate(migrations); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.Write.Close() }

// Tx runs fn in one write transaction that first takes the writer lock, shared by every center
// process on the database: the store's ordinary writes read and then write (the next version
// number, a username still free, …) and were written for SQLite's single writer, so they keep
// running one at a time. Like sqlitedb.DB.Tx it is detached from ctx's cancellation.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.run(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(writerLock)); err != nil {
			return err
		}
		return fn(tx)
	})
}

// TxTrusted runs fn in one transaction without the writer lock: it is the group commit's, whose
// pushes lock the row of each node they apply (SELECT … FOR UPDATE), so that two processes never
// apply one node's records at once while pushes of different nodes run side by side. Foreign
// keys stay checked (PostgreSQL cannot switch them off for one transaction without a superuser).
func (db *DB) TxTrusted(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.run(ctx, fn)
}

func (db *DB) run(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.Write.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// ErrBackup is the answer of Backup: a PostgreSQL database is copied with its own tools.
var ErrBackup = errors.New("backup: this center's store is in PostgreSQL: copy it with pg_dump (or the database's own backups and replicas), see docs/operations.md")

// Backup refuses: see ErrBackup.
func (db *DB) Backup(ctx context.Context, file string) error { return ErrBackup }

// Schema returns every table's columns and every index, for tests that compare the dialects.
func (db *DB) Schema(ctx context.Context) (string, error) {
	rows, err := db.Read.QueryContext(ctx, `SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		b.WriteString(line + "\n")
	}
	return b.String(), rows.Err()
}

// IsUnique reports whether err is a unique violation (SQLSTATE 23505).
func IsUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// Version returns the schema version of the database (0: none applied).
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.Read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

func (db *DB) migrate(migrations fs.FS) error {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	newest := 0
	for _, name := range names {
		n, err := number(name)
		if err != nil {
			return err
		}
		newest = max(newest, n)
	}
	if _, err := db.Write.Exec(`CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)`); err != nil && !IsUnique(err) {
		return fmt.Errorf("schema version table: %w", err)
	}
	for _, name := range names {
		n, _ := number(name)
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return err
		}
		if err := db.run(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(migrateLock)); err != nil {
				return err
			}
			var current int
			if err := tx.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
				return fmt.Errorf("read schema version: %w", err)
			}
			if current > newest {
				return fmt.Errorf("the database's schema (version %d) is newer than this program's (%d): run the newer aula-server", current, newest)
			}
			if n <= current {
				return nil
			}
			if _, err := tx.Exec(string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err := tx.Exec(`INSERT INTO schema_version (version) VALUES (?)`, n)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

func number(name string) (int, error) {
	n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
	if err != nil {
		return 0, fmt.Errorf("migration %s: name must start with its number", name)
	}
	return n, nil
}

// Connect opens a pool on url without migrating (administration and tests).
func Connect(url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	pool := sql.OpenDB(connector{stdlib.GetConnector(*cfg)})
	if err := pool.Ping(); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s:%d/%s: %w", cfg.Host, cfg.Port, cfg.Database, err)
	}
	return pool, nil
}
