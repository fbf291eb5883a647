// Package sqlitedb opens Aula's SQLite databases the same way for the center and the node: pragmas
// in the DSN (busy_timeout first, WAL, synchronous=FULL, foreign keys), one writer connection with
// immediate transactions, a read-only pool, and embedded numbered migrations. It is the only
// importer of modernc.org/sqlite.
package sqlitedb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is a database with its single writer and its readers.
type DB struct {
	Write *sql.DB // one connection: SQLite has one writer, and queueing in Go beats busy-waiting
	Read  *sql.DB // WAL snapshots, query_only
}

// Open opens (creating if needed, owner-only) the database file and applies every migration in
// migrations (files NNNN_name.sql) newer than its user_version, each in its own transaction.
// cacheKiB bounds SQLite's page cache per connection (0: SQLite's default, 2 MiB).
func Open(file string, migrations fs.FS, readers, cacheKiB int) (*DB, error) {
	// Create the file 0600 before SQLite does (it would use 0644; the files hold PIN hashes).
	if f, err := os.OpenFile(file, os.O_CREATE|os.O_RDONLY, 0o600); err == nil {
		f.Close()
	}
	write, err := sql.Open("sqlite", dsn(file, true, cacheKiB))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn(file, false, cacheKiB))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(max(2, readers))
	db := &DB{Write: write, Read: read}
	if err := db.migrate(migrations); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func dsn(file string, writer bool, cacheKiB int) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	if cacheKiB > 0 {
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", cacheKiB))
	}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + file + "?" + q.Encode()
}

// Close closes both pools.
func (db *DB) Close() error { return errors.Join(db.Read.Close(), db.Write.Close()) }

// Tx runs fn in one write transaction. Writes never run cancelled with a request's context
// (context.WithoutCancel keeps its values only): a client that hangs up must not leave modernc's
// connection interrupted, nor half a change.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	ctx = context.WithoutCancel(ctx)
	return run(func() (*sql.Tx, error) { return db.Write.BeginTx(ctx, nil) }, fn)
}

// run begins a transaction, runs fn in it and commits, or rolls back when fn fails.
func run(begin func() (*sql.Tx, error), fn func(*sql.Tx) error) error {
	tx, err := begin()
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

// TxTrusted runs fn in one write transaction with foreign-key checks off. It is for a writer that
// takes every reference from rows it read in the same transaction (the center applying a push,
// which finds each officer and station first): the checks would only repeat its own lookups, two
// index searches per row on the center's busiest path. The connection is held throughout, so no
// other write runs unchecked, and is discarded if the checks cannot be switched back on.
func (db *DB) TxTrusted(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	ctx = context.WithoutCancel(ctx)
	conn, err := db.Write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		if _, e := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); e != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // never reuse it unchecked
			err = errors.Join(err, fmt.Errorf("restore foreign-key checks: %w", e))
		}
	}()
	return run(func() (*sql.Tx, error) { return conn.BeginTx(ctx, nil) }, fn)
}

func (db *DB) migrate(migrations fs.FS) error {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var current int
	if err := db.Write.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	numbers := make([]int, len(names))
	for i, name := range names {
		n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		numbers[i] = n
	}
	if len(numbers) > 0 && current > numbers[len(numbers)-1] {
		return fmt.Errorf("the database's schema (version %d) is newer than this program's (%d): run the newer program", current, numbers[len(numbers)-1])
	}
	for i, name := range names {
		n := numbers[i]
		if n <= current {
			continue
		}
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return err
		}
		if err := db.Tx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", n))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// Schema returns the SQL of every table and index, for schema tests.
func (db *DB) Schema(ctx context.Context) (string, error) {
	rows, err := db.Read.QueryContext(ctx, `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			return "", err
		}
		b.WriteString(q + ";\n")
	}
	return b.String(), rows.Err()
}

// Backup writes a consistent copy of the database to file (VACUUM INTO), safe while others write.
// file must not exist yet.
func (db *DB) Backup(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("backup: %s already exists", file)
	}
	if _, err := db.Write.ExecContext(context.WithoutCancel(ctx), "VACUUM INTO ?", file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// IsUnique reports whether err is a UNIQUE or PRIMARY KEY constraint violation, by its extended
// result code (never by its message).
func IsUnique(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code()
	return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// Queryer runs a query: a *sql.DB, *sql.Tx or *sql.Conn.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// QueryAll runs q on db and returns every row as scan reads it: the one query-and-scan loop of
// both stores.
func QueryAll[T any](ctx context.Context, db Queryer, scan func(*sql.Rows) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
