package app

import (
	"io"
	"log/slog"
	"sync"
	"testing"

	"aula/courses"
	"aula/internal/pgtest"
)

// Two center processes started at once on one new PostgreSQL database both start: the starter
// courses are published once, by whichever came first.
func TestTwoCentersStartOnOneNewDatabase(t *testing.T) {
	pgtest.Require(t)
	cfg := Config{Addr: "127.0.0.1:0", Data: t.TempDir(), DB: pgtest.NewDatabase(t)}
	var mains []*Main
	for range 2 {
		m, err := Open(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		mains = append(mains, m)
	}
	errs := make([]error, len(mains))
	var wg sync.WaitGroup
	for i, m := range mains {
		wg.Go(func() { errs[i] = m.PublishStarterCourses() })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v", i, err)
		}
	}
	var n int
	if err := mains[0].Store.SQL().QueryRow(`SELECT count(*) FROM course_versions`).Scan(&n); err != nil || n != len(courses.StarterNames) {
		t.Errorf("%d versions stored (%v), want the %d starter courses once each", n, err, len(courses.StarterNames))
	}
}
