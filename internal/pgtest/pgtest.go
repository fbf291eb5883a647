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
	return CopyDatabase(t, "")
}

// CopyDatabase creates a database on the AULA_TEST_POSTGRES server as a copy of the database
// named template ("": empty) and returns its URL; it is dropped when t ends.
func CopyDatabase(t testing.TB, template string) string {
	t.Helper()
	Require(t)
	base := os.Getenv(Env)
	admin, err := pgdb.Connect(base)
	if err != nil {
		t.Fatalf("connect to %s: %v", Env, err)
	}
	name := Name("aula_test_")
	create := `CREATE DATABASE ` + name
	if template != "" {
		create += ` TEMPLATE ` + template
	}
	if _, err := admin.Exec(create); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := WithDatabase(base, name)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	return u
}

// Name returns prefix followed by random hex: a new database's name.
func Name(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// WithDatabase returns the URL base with its database replaced by name.
func WithDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}
