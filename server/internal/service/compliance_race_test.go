package service_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/benchseed"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// TestCountsStayRightWhileChangesArrive: two centers on one database (two processes on
// PostgreSQL, a server and a command on SQLite) bring the counts up to date over and over while
// changes are committed all the time — certificates issued and revoked, officers moved and
// promoted, marks of a push. A change committed while a refresh is under way must not lose its
// mark (the refresh removes only the marks it read, with their n). Afterwards the counts equal
// the walk over every officer.
func TestCountsStayRightWhileChangesArrive(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		ctx := context.Background()
		dir, url := t.TempDir(), pgtest.URL(t)
		open := func() *store.Store {
			st, err := store.OpenAt(store.Location{Dir: dir, DB: url})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
		st1, st2 := open(), open()
		today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
		cfg := benchseed.Config{Agencies: 3, Stations: 9, Officers: 180, Requirements: 6, Attempts: 400, Today: today}
		if err := st1.Bulk(ctx, func(exec func(string, ...any) error) error { return benchseed.Seed(cfg, exec) }); err != nil {
			t.Fatal(err)
		}
		now := func() time.Time { return today.Add(15 * time.Hour) }
		c1, c2 := &service.Center{Store: st1, Now: now}, &service.Center{Store: st2, Now: now}
		if err := c1.RefreshCompliance(ctx); err != nil {
			t.Fatal(err)
		}
		db := st2.SQL()
		stop := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for _, c := range []*service.Center{c1, c2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					if err := c.RefreshCompliance(ctx); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		rng := rand.New(rand.NewPCG(3, 9))
		stamp := func(back int) string { return today.AddDate(0, 0, -back).Add(14 * time.Hour).Format(time.RFC3339) }
		for i := range 120 {
			o := 1 + rng.IntN(cfg.Officers)
			var q string
			var args []any
			switch i % 4 {
			case 0:
				q, args = `INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
					[]any{fmt.Sprintf("r%d", i), fmt.Sprintf("R%07d", i), o, benchseed.CourseID(rng.IntN(cfg.Requirements)), stamp(rng.IntN(700)), today.AddDate(1, 0, 0).Format(time.RFC3339)}
			case 1:
				q, args = `UPDATE certificates SET revoked_at = ? WHERE id = (SELECT min(id) FROM certificates WHERE officer_id = ? AND revoked_at IS NULL)`, []any{stamp(0), o}
			case 2:
				q, args = `UPDATE officers SET station_id = ?, rank = ? WHERE id = ?`, []any{1 + rng.IntN(cfg.Stations), benchseed.Ranks[rng.IntN(len(benchseed.Ranks))], o}
			case 3:
				// What a push writes for a passed attempt: the attempt and its officer's mark.
				tx, err := db.Begin()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := tx.Exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at)
					VALUES (?, ?, 1, ?, 1, 0.9, 1, ?, ?)`, fmt.Sprintf("x%d", i), o, benchseed.CourseID(0), stamp(0), stamp(0)); err != nil {
					t.Fatal(err)
				}
				mark := `INSERT INTO compliance_marks (officer_id, n) VALUES (?, 1) ON CONFLICT (officer_id) DO NOTHING`
				if st2.Postgres() {
					mark = `INSERT INTO compliance_marks (officer_id, n) VALUES (?, 1) ON CONFLICT (officer_id) DO UPDATE SET n = compliance_marks.n + 1`
				}
				if _, err := tx.Exec(mark, o); err != nil {
					t.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		close(stop)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		same(t, ctx, c2, "after the changes")
	})
}
