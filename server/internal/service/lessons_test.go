package service_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// TestLessonReadBeforeFirstAttempt: a reading counts as before an officer's first attempt when
// it came from the same node with a lower sequence, or from another node and reached the center
// earlier; the median reading time is over the readings that count.
func TestLessonReadBeforeFirstAttempt(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		st, db := testStore(t)
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec(`INSERT INTO stations (id, code, name, created_at) VALUES (900, 'T1', 'T', '2026-01-01T00:00:00Z')`)
		const t0, t1, t2 = "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "2026-03-01T12:00:00Z"
		for i, o := range []struct {
			readNode string
			readSeq  int64
			readAt   string
			seconds  int
		}{
			{"N1", 5, t2, 60},   // same node, lower sequence (arrived later: the clock is not compared): before
			{"N1", 12, t0, 600}, // same node, higher sequence: after
			{"N2", 1, t0, 120},  // another node, arrived earlier: before
			{"N2", 1, t2, 900},  // another node, arrived later: after
		} {
			id := int64(100 + i)
			exec(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
				VALUES (?, ?, 'A', 'B', 'Oficial', 900, 'x', ?, ?)`, id, "B"+string(rune('a'+i)), t0, t0)
			exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at,
				node_id, node_seq, secret, responses) VALUES (?, ?, 900, 'bench', 1, 0, 0, ?, ?, 'N1', 10, 's', '[]')`, "A"+string(rune('a'+i)), id, t1, t1)
			exec(`INSERT INTO lessons_read (officer_id, course_id, lesson_id, station_id, read_at, node_id, node_seq, received_at, seconds)
				VALUES (?, 'bench', '01-ley', 900, ?, ?, ?, ?, ?)`, id, t0, o.readNode, o.readSeq, o.readAt, o.seconds)
		}
		cr := benchQuiz()
		cr.Lessons = []courses.Lesson{{ID: "01-ley", Number: 1, Title: courses.Text{"es": "La ley"}}}
		a, err := (&service.Analyzer{Store: st, Course: courseOf(cr)}).Analyze(context.Background(), service.AnalysisFilter{CourseID: "bench", Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		l := a.Lessons[0]
		median := -1.0
		if l.Median != nil {
			median = *l.Median
		}
		if l.Officers != 4 || l.Opened != 2 || median != 90 || l.Measured != 2 {
			t.Errorf("lesson use: %d of %d read before, median %v s over %d readings; want 2 of 4, 90 s over 2", l.Opened, l.Officers, median, l.Measured)
		}
	})
}

// testStore opens a center store in a temporary folder, and the same database for the test to
// write rows as earlier releases or other stations left them.
func testStore(t *testing.T) (*store.Store, *sql.DB) { return openStore(t, t.TempDir()) }

// openStore opens the center store in dir (in the "postgres" run of pgtest.Dialects, in a new
// PostgreSQL database) and the same database, both closed at the end.
func openStore(tb testing.TB, dir string) (*store.Store, *sql.DB) {
	tb.Helper()
	st, err := store.OpenAt(store.Location{Dir: dir, DB: pgtest.URL(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if st.Postgres() {
		return st, st.SQL() // a pool: the test's writes and the store's do not wait on each other
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "aula-server.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return st, db
}
