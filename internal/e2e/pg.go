package e2e

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"aula/internal/pgdb"
	"aula/internal/pgtest"
)

var (
	pgTemplateOnce                 sync.Once
	pgTemplateDir, pgTemplateToken string
	pgTemplateDB                   string // the prepared database's name
	pgTemplateErr                  error
)

// centerTemplatePG prepares, once per test process, a center whose store is in PostgreSQL: the
// same commands as centerTemplate run with --db on a database of the AULA_TEST_POSTGRES server,
// which each center then copies (CREATE DATABASE … TEMPLATE). It returns the data folder (the
// keys), the enrollment token and the database's name. The prepared database stays on the test
// server (a throwaway cluster: scripts/pgtest).
func centerTemplatePG(tb testing.TB, server string) (dir, token, db string, err error) {
	pgtest.Require(tb)
	pgTemplateOnce.Do(func() { pgTemplateDir, pgTemplateToken, pgTemplateDB, pgTemplateErr = preparePG(server) })
	return pgTemplateDir, pgTemplateToken, pgTemplateDB, pgTemplateErr
}

func preparePG(server string) (string, string, string, error) {
	base := os.Getenv(pgtest.Env)
	admin, err := pgdb.Connect(base)
	if err != nil {
		return "", "", "", err
	}
	defer admin.Close()
	name := pgtest.Name("aula_template_")
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", "", "", fmt.Errorf("create the template database: %w", err)
	}
	url, err := pgtest.WithDatabase(base, name)
	if err != nil {
		return "", "", "", err
	}
	dir, err := os.MkdirTemp(filepath.Dir(server), "center-pg-")
	if err != nil {
		return "", "", "", err
	}
	if err := os.Remove(dir); err != nil { // makeTemplate renames its work into dir
		return "", "", "", err
	}
	if err := makeTemplate(server, dir, url); err != nil {
		return "", "", "", err
	}
	token, err := os.ReadFile(filepath.Join(dir, "token"))
	return filepath.Join(dir, "data"), string(token), name, err
}

// storeEnv is the environment of an aula-server command on the store at db: this process's,
// with AULA_DB set when db is not "" (nil: unchanged).
func storeEnv(db string) []string {
	if db == "" {
		return nil
	}
	return append(os.Environ(), "AULA_DB="+db)
}

// SQL opens this center's database for a test to read or write directly, in the SQL both
// dialects take (? placeholders, rebound on PostgreSQL): its PostgreSQL database, or the SQLite
// file in its data folder. The pool is closed when tb ends.
func (c *Center) SQL(tb testing.TB) *sql.DB {
	tb.Helper()
	var db *sql.DB
	var err error
	if c.DB != "" {
		db, err = pgdb.Connect(c.DB)
	} else {
		db, err = sql.Open("sqlite", "file:"+filepath.Join(c.Data, "aula-server.db")+"?_pragma=busy_timeout(10000)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
