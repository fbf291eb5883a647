package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"aula/internal/pgdb"
	"aula/internal/sqlitedb"
)

// The center's schema, once per dialect: migrations/ for SQLite and migrations_pg/ for
// PostgreSQL, with the same numbers and the same tables and columns (TestEveryMigrationHasAPort).
var (
	//go:embed migrations/*.sql
	migrations embed.FS
	//go:embed migrations_pg/*.sql
	migrationsPG embed.FS
)

// engine is what differs between the dialects beyond the SQL text itself: the transactions, the
// backup and the schema dump. *sqlitedb.DB and *pgdb.DB are the two.
type engine interface {
	Tx(ctx context.Context, fn func(*sql.Tx) error) error
	TxTrusted(ctx context.Context, fn func(*sql.Tx) error) error
	Backup(ctx context.Context, file string) error
	Schema(ctx context.Context) (string, error)
	Close() error
}

// database is the store's handle on either dialect: Read for queries, the engine for writes
// (Write is its pool, for SQL).
type database struct {
	Read, Write *sql.DB
	engine
	pg bool
}

// Location says where the store is: a PostgreSQL URL (postgres://… or postgresql://…) in DB,
// else the SQLite file aula-server.db in Dir. Dir is created either way (keys and files live
// there).
type Location struct {
	Dir string
	DB  string
}

// ErrNotPostgres is returned for a --db that is not a PostgreSQL URL.
var ErrNotPostgres = errors.New("--db must be a PostgreSQL URL (postgres://… or postgresql://…); leave it out for SQLite in the data folder")

// openDatabase opens the database at loc and applies its dialect's pending migrations.
func openDatabase(loc Location) (database, error) {
	if err := os.MkdirAll(loc.Dir, 0o700); err != nil {
		return database{}, fmt.Errorf("create data folder: %w", err)
	}
	if loc.DB != "" {
		if !pgdb.IsURL(loc.DB) {
			return database{}, ErrNotPostgres
		}
		sub, _ := fs.Sub(migrationsPG, "migrations_pg")
		db, err := pgdb.Open(loc.DB, sub, 16)
		if err != nil {
			return database{}, err
		}
		return database{Read: db.Read, Write: db.Write, engine: db, pg: true}, nil
	}
	sub, _ := fs.Sub(migrations, "migrations")
	db, err := sqlitedb.Open(filepath.Join(loc.Dir, "aula-server.db"), sub, 8, 0)
	if err != nil {
		return database{}, err
	}
	return database{Read: db.Read, Write: db.Write, engine: db}, nil
}

// isUnique reports whether err is a uniqueness violation in either dialect (by error code).
func isUnique(err error) bool { return sqlitedb.IsUnique(err) || pgdb.IsUnique(err) }

// forUpdate is the suffix that locks the rows a SELECT reads until the transaction ends: on
// PostgreSQL, where several center processes may write at once; SQLite has one writer, and no
// such clause.
func (d database) forUpdate() string {
	if d.pg {
		return " FOR UPDATE"
	}
	return ""
}

// SQL returns the store's writable connection pool, for tests and tools that read or write its
// tables directly (in the SQL both dialects take: ? placeholders are rebound on PostgreSQL). On
// SQLite it is the single writer: do not hold a transaction on it while calling the store.
func (s *Store) SQL() *sql.DB { return s.db.Write }

// Postgres reports whether the store is in PostgreSQL.
func (s *Store) Postgres() bool { return s.db.pg }

// rowsWritten is a query for a count that grows with every row the transaction writes, so that
// a record sent again is told apart from a record that changed something: SQLite counts on the
// connection (which the group commit holds), PostgreSQL in its statistics of the transaction.
func (d database) rowsWritten() string {
	if d.pg {
		return `SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables`
	}
	return `SELECT total_changes()`
}
