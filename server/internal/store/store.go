// Package store is the center's store, in SQLite (through internal/sqlitedb, the default) or in
// PostgreSQL (through internal/pgdb): schema migrations per dialect, the writers, and one
// transaction per exported method. The SQL is written once, portable, with ? placeholders;
// dialect.go holds what differs.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Store is the center's database.
type Store struct {
	db  database
	now func() time.Time

	pushOnce sync.Once
	pushes   chan *writeJob
	pushDone chan struct{}
	hot      hotStatements
	zone     *time.Location // calendar days (SetZone); nil: America/Caracas

	attemptGen atomic.Uint64 // bumped after each commit that adds attempts (AttemptGeneration)
}

// Open opens (creating if needed) the SQLite store in dir and applies pending migrations.
func Open(dir string) (*Store, error) { return OpenAt(Location{Dir: dir}) }

// OpenAt opens (creating if needed) the store at loc, in SQLite or PostgreSQL, and applies
// pending migrations.
func OpenAt(loc Location) (*Store, error) {
	db, err := openDatabase(loc)
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

// tx runs fn in one write transaction, detached from ctx's cancellation (see sqlitedb.DB.Tx),
// one at a time (on PostgreSQL across every center process: see pgdb.DB.Tx).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error { return s.db.Tx(ctx, fn) }

// Backup writes a consistent copy of the store to path (VACUUM INTO), safe while the server runs.
// path must not exist yet. A PostgreSQL store refuses (pgdb.ErrBackup): pg_dump copies it.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.db.Backup(ctx, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600) // the copy holds PIN and password hashes
}

// Schema returns the SQL of every table and index, for the schema test.
func (s *Store) Schema(ctx context.Context) (string, error) { return s.db.Schema(ctx) }

func itoa(n int) string { return strconv.Itoa(n) }
