package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// location is where a test's store lives: a new SQLite folder, and in the PostgreSQL run of
// pgtest.Dialects a new database.
func location(t *testing.T) Location {
	t.Helper()
	return Location{Dir: t.TempDir(), DB: pgtest.URL(t)}
}

func open(t *testing.T) *Store {
	t.Helper()
	s, err := OpenAt(location(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Migrations are append-only: a released migration never changes, and every schema change comes
// with a new numbered file. The test pins each file's hash and the resulting schema.
func TestSchemaChangesNeedANewMigration(t *testing.T) {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(names)
	var sums strings.Builder
	for _, n := range names {
		data, _ := migrations.ReadFile(n)
		sum := sha256.Sum256(data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), filepath.Base(n))
	}
	schema, err := open(t).Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		os.WriteFile("testdata/migrations.sum", []byte(sums.String()), 0o644)
		os.WriteFile("testdata/schema.golden", []byte(schema), 0o644)
	}
	wantSums, _ := os.ReadFile("testdata/migrations.sum")
	wantSchema, _ := os.ReadFile("testdata/schema.golden")
	got, want := strings.Split(sums.String(), "\n"), strings.Split(string(wantSums), "\n")
	for i := range min(len(got), len(want)) {
		if want[i] != "" && got[i] != want[i] {
			t.Errorf("released migration changed: %q was %q. Never edit a released migration: add a new numbered file.", got[i], want[i])
		}
	}
	if len(got) != len(want) || schema != string(wantSchema) {
		t.Errorf("the schema or the migration list changed without updating testdata (a new migration file needs `go test ./server/internal/store -update`):\n--- got schema\n%s", schema)
	}
}

func TestMigrationsAreIdempotentAcrossRestarts(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		loc := location(t)
		s, err := OpenAt(loc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateStaff(context.Background(), "ana", RoleAdmin, "h"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = OpenAt(loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.FindStaff(context.Background(), "ana"); err != nil {
			t.Fatalf("data lost across a restart: %v", err)
		}
		if info, _ := os.Stat(filepath.Join(loc.Dir, "aula-server.db")); !pgtest.Postgres(t) && info.Mode().Perm() != 0o600 {
			t.Errorf("database file mode %v, want 0600 (it holds PIN hashes)", info.Mode().Perm())
		}
	})
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	s := open(t)
	if _, err := s.CreateStation(context.Background(), "CCS-01", "Caracas", "hash", "test"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(context.Background(), out); err == nil {
		t.Error("backup overwrote an existing file")
	}
	// The copy opens as a store of its own with the same data.
	dir := t.TempDir()
	data, _ := os.ReadFile(out)
	os.WriteFile(filepath.Join(dir, "aula-server.db"), data, 0o600)
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.FindStation(context.Background(), "CCS-01"); err != nil {
		t.Errorf("backup lacks the station: %v", err)
	}
	var check string
	db, _ := sql.Open("sqlite", "file:"+out)
	defer db.Close()
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

func TestImportOfficersAllOrNoneAndMoves(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		s.CreateStation(context.Background(), "A-1", "Uno", "h1", "t")
		s.CreateStation(context.Background(), "B-2", "Dos", "h2", "t")
		rows := []OfficerRow{
			{Line: 2, Badge: "X1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "A-1", PINHash: "p"},
			{Line: 3, Badge: "X2", GivenNames: "Luis", FamilyNames: "Núñez", Rank: "Oficial", StationCode: "NOPE", PINHash: "p"},
		}
		_, bad, err := s.ImportOfficers(context.Background(), rows, "t")
		if err != nil || len(bad) != 1 || bad[0].Line != 3 {
			t.Fatalf("unknown station: bad=%v err=%v", bad, err)
		}
		if list, _ := s.ListOfficers(context.Background(), OfficerFilter{}); len(list) != 0 {
			t.Fatalf("a failed import wrote %d officers", len(list))
		}
		rows[1].StationCode = "A-1"
		if res, bad, err := s.ImportOfficers(context.Background(), rows, "t"); err != nil || len(bad) > 0 || res.Created != 2 {
			t.Fatalf("import: %+v %v %v", res, bad, err)
		}
		rows[0].StationCode, rows[0].Rank = "B-2", "Supervisor"
		res, _, err := s.ImportOfficers(context.Background(), rows, "t")
		if err != nil || res.Created != 0 || res.Updated != 2 || res.Moved != 1 {
			t.Fatalf("re-import: %+v %v", res, err)
		}
		o, _ := s.FindOfficer(context.Background(), "X1")
		if o.StationCode != "B-2" || o.Rank != "Supervisor" {
			t.Errorf("officer not updated: %+v", o)
		}
		posts, _ := s.Postings(context.Background(), o.ID)
		if len(posts) != 2 || posts[0].StationCode != "A-1" || posts[1].StationCode != "B-2" {
			t.Errorf("postings = %+v, want A-1 then B-2", posts)
		}
		if list, _ := s.ListOfficers(context.Background(), OfficerFilter{}); len(list) != 2 {
			t.Errorf("re-import duplicated officers: %d", len(list))
		}
	})
}

// TestLockoutAfterFiveFailures: a check is reserved before the password is verified, and no more
// than MaxLoginFailures failures and checks under way are allowed at once, so a sixth guess is
// refused while five are being checked; the fifth failure locks the account for LockoutPeriod; a
// check that did not run gives its place back; a success clears the count; a lock that ran out,
// or checks left unreported for a minute, start afresh.
func TestLockoutAfterFiveFailures(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		u, _ := s.CreateStaff(context.Background(), "ana", RoleAdmin, "h")
		reserve := func(wantLocked, wantInFlight bool) {
			t.Helper()
			until, inFlight, err := s.ReserveLogin(context.Background(), u.ID)
			if err != nil || !until.IsZero() != wantLocked || inFlight != wantInFlight {
				t.Fatalf("ReserveLogin = %v, %v, %v; want locked %v, in flight %v", until, inFlight, err, wantLocked, wantInFlight)
			}
		}
		finish := func(o LoginOutcome, times int) {
			for range times {
				if err := s.FinishLogin(context.Background(), u.ID, o); err != nil {
					t.Fatal(err)
				}
			}
		}
		for range MaxLoginFailures {
			reserve(false, false)
		}
		reserve(false, true) // a sixth while five are being checked
		finish(LoginNotChecked, 1)
		reserve(false, false)
		finish(LoginFailed, MaxLoginFailures-1)
		if got, _ := s.FindStaff(context.Background(), "ana"); !got.LockedUntil.IsZero() {
			t.Fatal("locked before the fifth failure")
		}
		finish(LoginFailed, 1)
		if got, _ := s.FindStaff(context.Background(), "ana"); !got.LockedUntil.Equal(now.Add(LockoutPeriod)) {
			t.Fatalf("after %d failures locked until %v, want %v", MaxLoginFailures, got.LockedUntil, now.Add(LockoutPeriod))
		}
		reserve(true, false)
		now = now.Add(LockoutPeriod + time.Second)
		reserve(false, false) // the lock ran out: a fresh count
		finish(LoginOK, 1)
		if got, _ := s.FindStaff(context.Background(), "ana"); !got.LockedUntil.IsZero() {
			t.Error("lock after a success")
		}
		for range MaxLoginFailures {
			reserve(false, false) // never reported: the program stopped
		}
		reserve(false, true)
		now = now.Add(2 * time.Minute)
		reserve(false, false)
	})
}

func TestPublishVersionRules(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		nv := func(version int, files map[string]string) *NewVersion {
			v := &NewVersion{Version: Version{CourseID: "c", Version: version, Title: courses.Text{"es": "C"}, Area: "other", Hours: 1,
				Manifest: []byte("{}"), Signature: []byte("s"), PublishedBy: "t"}, Blobs: map[string][]byte{}}
			for p, body := range files {
				sum := sha256.Sum256([]byte(body))
				h := hex.EncodeToString(sum[:])
				v.Blobs[h] = []byte(body)
				v.Files = append(v.Files, VersionFile{Path: p, SHA256: h, Size: int64(len(body))})
			}
			return v
		}
		if err := s.PublishVersion(context.Background(), nv(1, map[string]string{"a": "same", "b": "one"})); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishVersion(context.Background(), nv(1, map[string]string{"a": "x"})); courses.ErrorCode(err) != courses.Conflict {
			t.Errorf("republishing version 1: %v, want a conflict", err)
		}
		if err := s.PublishVersion(context.Background(), nv(2, map[string]string{"a": "same", "b": "two"})); err != nil {
			t.Fatal(err)
		}
		n, size, _ := s.BlobStats(context.Background())
		if n != 3 || size != int64(len("same")+len("one")+len("two")) {
			t.Errorf("blobs = %d (%d bytes), want 3: a file shared by two versions is stored once", n, size)
		}
	})
}
