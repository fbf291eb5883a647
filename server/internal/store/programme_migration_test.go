package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"aula/internal/pgdb"
	"aula/internal/pgtest"
	"aula/internal/sqlitedb"
)

// TestRolesMigrationKeepsStaffAndSessions upgrades a store made before the programme (migrations
// up to 0013, on either dialect) and checks that its accounts and live sessions survive the change
// of the staff table (rebuilt on SQLite, altered on PostgreSQL), and that a coordinator now needs
// an agency.
func TestRolesMigrationKeepsStaffAndSessions(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		dir, url := t.TempDir(), pgtest.URL(t)
		set, folder := migrations, "migrations"
		if url != "" {
			set, folder = migrationsPG, "migrations_pg"
		}
		old := fstest.MapFS{}
		sub, _ := fs.Sub(set, folder)
		names, _ := fs.Glob(sub, "*.sql")
		for _, n := range names {
			if n < "0014" {
				b, _ := fs.ReadFile(sub, n)
				old[n] = &fstest.MapFile{Data: b}
			}
		}
		var db engine
		var w *sql.DB
		if url != "" {
			pg, err := pgdb.Open(url, old, 2)
			if err != nil {
				t.Fatal(err)
			}
			db, w = pg, pg.Write
		} else {
			lite, err := sqlitedb.Open(filepath.Join(dir, "aula-server.db"), old, 2, 0)
			if err != nil {
				t.Fatal(err)
			}
			db, w = lite, lite.Write
		}
		for _, q := range []string{
			`INSERT INTO staff (username, role, password_hash, created_at, token_gen) VALUES ('ana', 'trainer', 'h', '2026-01-01T00:00:00Z', 4)`,
			`INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES ('t1', 1, '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')`,
		} {
			if _, err := w.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		s, err := OpenAt(Location{Dir: dir, DB: url})
		if err != nil {
			t.Fatalf("upgrade: %v", err)
		}
		defer s.Close()
		u, err := s.FindSession(context.Background(), "t1")
		if err != nil || u.Username != "ana" || u.Role != RoleTrainer || u.TokenGen != 4 {
			t.Fatalf("session after upgrade: %+v, %v", u, err)
		}
		_, err = s.db.Write.Exec(`INSERT INTO staff (username, role, password_hash, created_at) VALUES ('coord', 'coordinator', 'h', 'x')`)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), "check") {
			t.Errorf("a coordinator without agency was accepted: %v", err)
		}
	})
}
