// Package pgtest runs tests on both of the center's dialects. AULA_TEST_POSTGRES is the URL of a
// PostgreSQL server where tests may CREATE DATABASE (scripts/pgtest starts a throwaway one);
// without it the PostgreSQL runs are skipped, or fail when CI is set, so that CI never passes
// having run one dialect only.
package pgtest

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"aula/internal/pgdb"
)

// Env is the variable that holds the test server's URL.
const Env = "AULA_TEST_POSTGRES"

// Dialects runs fn as two subtests, "sqlite" and "postgres". Inside them, Postgres(t) tells which
// one runs and URL(t) gives the PostgreSQL run its fresh database.
func Dialects(t *testing.T, fn func(t *testing.T)) {
	t.Helper()
	t.Run("sqlite", fn)
	t.Run("postgres", func(t *testing.T) {
		Require(t)
		fn(t)
	})
}

// Postgres reports whether t runs inside the "postgres" subtest of Dialects.
func Postgres(t testing.TB) bool { return strings.Contains(t.Name()+"/", "/postgres/") }

// Require skips t when AULA_TEST_POSTGRES is not set, or fails it when CI is set.
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv(Env) != "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not set: CI must run the PostgreSQL tests (scripts/pgtest start DIR)", Env)
	}
	t.Skipf("%s is not set: the PostgreSQL run is skipped (scripts/pgtest start DIR starts a server)", Env)
}

// URL returns "" in the SQLite run, and in the PostgreSQL run the URL of a new, empty database,
// dropped when t ends.
func URL(t testing.TB) string {
	t.Helper()
	if !Postgres(t) {
		return ""
	}
	return NewDatabase(t)
}

// NewDatabase creates an empty database on the AULA_TEST_POSTGRES server and returns its URL; the
// database is dropped (its connections ended) when t ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	Require(t)
	base := os.Getenv(Env)
	admin, err := pgdb.Connect(base)
	if err != nil {
		t.Fatalf("connect to %s: %v", Env, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "aula_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}
