package service_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/pgdb"
	"aula/internal/pgtest"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// benchQuiz is 12 single questions of four options, shuffled: each attempt holds all 12.
func benchQuiz() *courses.Course {
	q := &courses.Quiz{PassMark: 70, Shuffle: true, Review: courses.ReviewScore}
	for i := range 12 {
		qq := courses.Question{ID: fmt.Sprintf("p%02d", i+1), Type: courses.Single, Points: 1, Prompt: courses.Text{"es": "¿?"}}
		for o := range 4 {
			qq.Options = append(qq.Options, courses.Option{Text: courses.Text{"es": strconv.Itoa(o)}, Correct: o == 0})
		}
		q.Questions = append(q.Questions, qq)
	}
	return &courses.Course{ID: "bench", Version: 1, Language: "es", Languages: []string{"es"}, Quiz: q}
}

// benchStore fills a center store with n officers and one first attempt each of the bench course
// (random canonical responses), once per folder: AULA_BENCH_DIR keeps a SQLite store between runs
// (and between the b.N rounds of one run, each of which calls benchStore again).
// Inside pgtest.BenchDialects' "postgres" run, the store is a new PostgreSQL database, filled
// through the same statements.
func benchStore(b *testing.B, n int) *store.Store {
	var st *store.Store
	var db *sql.DB
	if pgtest.Postgres(b) {
		st, db = openPostgres(b)
	} else {
		dir := os.Getenv("AULA_BENCH_DIR")
		if dir == "" {
			dir = b.TempDir()
		}
		st, db = openStore(b, dir)
	}
	var have int
	_ = db.QueryRow(`SELECT count(*) FROM attempts WHERE course_id = 'bench'`).Scan(&have)
	if have == n {
		backfill(b, st)
		return st
	}
	start := time.Now()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
	}
	exec(`INSERT INTO stations (id, code, name, created_at) VALUES (900, 'BENCH', 'Bench', '2026-01-01T00:00:00Z') ON CONFLICT DO NOTHING`)
	off, _ := tx.Prepare(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at)
		VALUES (?, ?, 'A', 'B', 'Oficial', 900, 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	att, _ := tx.Prepare(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at,
		node_id, node_seq, secret, responses) VALUES (?, ?, 900, 'bench', 1, 0, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'N1', ?, 'secret', ?)`)
	rng := rand.New(rand.NewPCG(1, 2))
	resp := make([]byte, 0, 32)
	for i := range n {
		id := int64(1_000_000 + i)
		if _, err := off.Exec(id, "B"+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
		resp = append(resp[:0], '[')
		for k := range 12 {
			if k > 0 {
				resp = append(resp, ',')
			}
			o := 0 // right two times in three
			if rng.IntN(3) == 0 {
				o = 1 + rng.IntN(3)
			}
			resp = strconv.AppendInt(resp, int64(o), 10)
		}
		resp = append(resp, ']')
		if _, err := att.Exec("A"+strconv.Itoa(i), id, i, string(resp)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.Logf("filled %d attempts in %v", n, time.Since(start))
	backfill(b, st)
	return st
}

// backfill scores the attempts filled without items (as received before migration 0020), once
// and outside the measures; its cost (once per center) is logged.
func backfill(b *testing.B, st *store.Store) {
	start, cpu := time.Now(), cpuTime()
	done, err := (&service.Analyzer{Store: st, Course: courseOf(benchQuiz())}).BackfillItems(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if done > 0 {
		b.Logf("backfill: %d attempts scored in %v (%v CPU)", done, time.Since(start), cpuTime()-cpu)
	}
}

// BenchmarkAnalysisMillion: the item analysis of one course version with 1,000,000 first
// attempts of 12 questions, streamed from the store (each run computes it again: no cache).
// Reports the peak heap (sampled every 50 ms) besides the time per analysis.
// It runs on SQLite and on PostgreSQL (pgtest.BenchDialects); AULA_BENCH_ATTEMPTS sets a smaller n.
func BenchmarkAnalysisMillion(b *testing.B) { pgtest.BenchDialects(b, benchAnalysis) }

func benchAnalysis(b *testing.B) {
	n := benchAttempts()
	st := benchStore(b, n)
	course := courseOf(benchQuiz())
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		z := &service.Analyzer{Store: st, Course: course}
		a, err := z.Analyze(context.Background(), service.AnalysisFilter{CourseID: "bench", Version: 1})
		if err != nil {
			b.Fatal(err)
		}
		if a.Attempts != n {
			b.Fatalf("%d attempts analysed, want %d", a.Attempts, n)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op") // user+system time of the process: less noisy than wall time on a shared machine
	close(stop)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(base.HeapAlloc)/(1<<20), "base-heap-MiB")
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAnalysisMillionScan: the reading stage alone (the store streaming the 1,000,000 rows
// of precomputed items), to tell the two stages' shares of BenchmarkAnalysisMillion's time; with
// order, also where and when each attempt arrived (read when a course has lesson readings).
func BenchmarkAnalysisMillionScan(b *testing.B) { pgtest.BenchDialects(b, benchScan) }

func benchScan(b *testing.B) {
	n := benchAttempts()
	st := benchStore(b, n)
	for _, order := range []bool{false, true} {
		b.Run(map[bool]string{false: "items", true: "items+order"}[order], func(b *testing.B) {
			cpu0 := cpuTime()
			for range b.N {
				rows, bytes := 0, 0
				scan := store.VersionScan{CourseID: "bench", Version: 1, First: true, Order: order}
				err := st.EachVersionAttempt(context.Background(), scan, func(a *store.AnalysisAttempt) error {
					rows++
					bytes += len(a.Items)
					return nil
				})
				if err != nil || rows != n {
					b.Fatalf("%d rows (%v), want %d", rows, err, n)
				}
				b.ReportMetric(float64(bytes)/float64(rows), "item-bytes/attempt")
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// openPostgres opens a center store in a new PostgreSQL database (dropped when b ends), or in the
// database AULA_BENCH_PG_DB names (a URL: kept, so filled once between runs, as AULA_BENCH_DIR for
// SQLite), and a plain connection to it, for benchStore's inserts.
func openPostgres(b *testing.B) (*store.Store, *sql.DB) {
	url := os.Getenv("AULA_BENCH_PG_DB")
	if url == "" {
		url = pgtest.URL(b)
	}
	st, err := store.OpenAt(store.Location{Dir: b.TempDir(), DB: url})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	db, err := pgdb.Connect(url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return st, db
}

// courseOf is an Analyzer's Course function that always gives cr.
func courseOf(cr *courses.Course) func(context.Context, string, int) (*coursepkg.Package, error) {
	return func(context.Context, string, int) (*coursepkg.Package, error) {
		return &coursepkg.Package{Course: cr}, nil
	}
}

// benchAttempts is how many attempts the benchmarks analyse: 1,000,000, or AULA_BENCH_ATTEMPTS.
func benchAttempts() int {
	if n, err := strconv.Atoi(os.Getenv("AULA_BENCH_ATTEMPTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}
