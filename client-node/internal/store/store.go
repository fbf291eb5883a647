// Package store is the station node's SQLite store (through internal/sqlitedb). Every write is
// synchronous=FULL: an attempt the officer has seen scored is on disk.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"aula/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the node's database.
type Store struct {
	db  *sqlitedb.DB
	now func() time.Time
}

// Open opens (creating if needed) the store in dir and applies pending migrations.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	db, err := sqlitedb.Open(filepath.Join(dir, "aula-node.db"), sub, 4, 512) // a small page cache: nodes run on small PCs
	if err != nil {
		return nil, err
	}
	return &Store{db: db, now: func() time.Time { return time.Now().UTC() }}, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// SetClock replaces the store's clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now returns the store's clock.
func (s *Store) Now() time.Time { return s.now().UTC() }

func (s *Store) stamp() string { return s.Now().Format(time.RFC3339Nano) }

// tx runs fn in one write transaction, detached from ctx's cancellation (see sqlitedb.DB.Tx).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error { return s.db.Tx(ctx, fn) }

// Meta returns a value of the node's key-value settings ("" when unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.Read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta sets a value of the node's key-value settings.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return setMeta(tx, key, value) })
}

func setMeta(tx *sql.Tx, key, value string) error {
	_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Schema returns the SQL of every table and index, for the schema test.
func (s *Store) Schema(ctx context.Context) (string, error) { return s.db.Schema(ctx) }

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// randomSecret returns 16 random bytes in hex (the seed secret of an attempt's paper).
func randomSecret() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// Backup writes a consistent copy of the node's store to path while the node runs. path must
// not exist yet; the copy is owner-only (it holds PIN hashes).
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.db.Backup(ctx, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}
