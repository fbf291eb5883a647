// Package store is the center's SQLite store (through internal/sqlitedb): schema migrations, the
// single writer, and one transaction per exported method.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"aula/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the center's database.
type Store struct {
	db  *sqlitedb.DB
	now func() time.Time

	pushOnce sync.Once
	pushes   chan *writeJob
	pushDone chan struct{}
	hot      hotStatements
	zone     *time.Location // calendar days (SetZone); nil: America/Caracas
}

// Open opens (creating if needed) the store in dir and applies pending migrations.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	db, err := sqlitedb.Open(filepath.Join(dir, "aula-server.db"), sub, 8, 0)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, now: func() time.Time { return time.Now().UTC() }}
	if err := s.prepareHot(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.foldOfficers(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("fill the officers' search keys: %w", err)
	}
	if err := s.chainLegacy(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("chain the audit trail: %w", err)
	}
	return s, nil
}

// Close stops the group committer and closes the store.
func (s *Store) Close() error {
	s.pushOnce.Do(func() { s.pushDone = make(chan struct{}) }) // never started: nothing to stop
	close(s.pushDone)
	for _, st := range s.hot.all() {
		if st != nil {
			st.Close()
		}
	}
	return s.db.Close()
}

// SetClock replaces the store's clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339) }

// tx runs fn in one write transaction, detached from ctx's cancellation (see sqlitedb.DB.Tx).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error { return s.db.Tx(ctx, fn) }

// Backup writes a consistent copy of the store to path (VACUUM INTO), safe while the server runs.
// path must not exist yet.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.db.Backup(ctx, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600) // the copy holds PIN and password hashes
}

// Schema returns the SQL of every table and index, for the schema test.
func (s *Store) Schema(ctx context.Context) (string, error) { return s.db.Schema(ctx) }

func itoa(n int) string { return strconv.Itoa(n) }
