package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sort"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/benchseed"
	"aula/server/internal/service"
	"aula/sync/auth"
)

// BenchmarkNationalCompliance seeds a national center (benchseed.National: 150,000 officers in
// 1,500 stations, 25 agencies, 24 states, 10 requirements, 3,000,000 attempts) and measures,
// through the web UI on loopback HTTP: the p95 of the national dashboard and of an agency's
// compliance page, and the CSV export of every officer × requirement row (time and the peak Go
// heap while it streams). AULA_BENCH_SCALE=0.1 seeds a tenth, for a quick look;
// AULA_BENCH_DIR keeps the seeded center between runs (the seed is skipped once its staff exists).
//
// It runs on SQLite and on PostgreSQL side by side (pgtest.BenchDialects; the PostgreSQL center is
// seeded afresh on each run, in a new database of AULA_TEST_POSTGRES).
func BenchmarkNationalCompliance(b *testing.B) { pgtest.BenchDialects(b, benchNationalCompliance) }

func benchNationalCompliance(b *testing.B) {
	cfg := benchseed.National(time.Now().UTC())
	if s := os.Getenv("AULA_BENCH_SCALE"); s != "" {
		var f float64
		fmt.Sscan(s, &f)
		cfg.Stations, cfg.Officers, cfg.Attempts = int(float64(cfg.Stations)*f), int(float64(cfg.Officers)*f), int(float64(cfg.Attempts)*f)
	}
	dir, db := os.Getenv("AULA_BENCH_DIR"), pgtest.URL(b) // a folder seeded by an earlier run is reused
	if dir == "" || db != "" {
		dir = b.TempDir()
	}
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir, DB: db, NoStarterCourses: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Store.FindStaff(context.Background(), "admin"); err != nil {
		start := time.Now()
		if err := m.Store.Bulk(context.Background(), func(exec func(string, ...any) error) error { return benchseed.Seed(cfg, exec) }); err != nil {
			b.Fatal(err)
		}
		if err := m.Store.Analyze(context.Background()); err != nil { // as PostgreSQL's autovacuum soon would
			b.Fatal(err)
		}
		b.Logf("seeded %d officers, %d attempts in %s", cfg.Officers, cfg.Attempts, time.Since(start).Round(time.Second))
		h, _ := auth.HashSecret("una clave segura")
		if _, err := m.Store.CreateStaff(context.Background(), "admin", "admin", h); err != nil {
			b.Fatal(err)
		}
	}
	// The counts the dashboard reads, rebuilt from nothing (as after the upgrade that brings them or
	// a change of the requirements), before the server starts keeping them.
	if _, err := m.Store.SQL().Exec(`DELETE FROM compliance_basis`); err != nil {
		b.Fatal(err)
	}
	counts := &service.Center{Store: m.Store, Zone: m.Config.Zone, Now: time.Now}
	t0 := time.Now()
	if err := counts.RefreshCompliance(context.Background()); err != nil {
		b.Fatal(err)
	}
	rebuild := time.Since(t0)
	if err := m.Store.Analyze(context.Background()); err != nil { // autovacuum after the marks of the seed
		b.Fatal(err)
	}
	defer serve(b, m)()
	base := "http://" + m.Addr()
	c := staffClient(b, base, "admin", "una clave segura")
	timed := func(u string) (time.Duration, int64) {
		t0 := time.Now()
		res, err := c.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", u, res.StatusCode)
		}
		return time.Since(t0), n
	}
	// cpu is the CPU time the process (server and client) has used: on a shared machine the wall
	// time moves with the other jobs, the CPU per request much less.
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var cpuPer time.Duration // CPU per load of the last p95
	p95 := func(u string, n int) time.Duration {
		var ds []time.Duration
		c0 := cpu()
		defer func() { cpuPer = (cpu() - c0) / time.Duration(n) }()
		for range n {
			d, _ := timed(u)
			ds = append(ds, d)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[(len(ds)*95+99)/100-1]
	}
	loads := 20 // AULA_BENCH_LOADS: loads of each page for its p95
	if s := os.Getenv("AULA_BENCH_LOADS"); s != "" {
		fmt.Sscan(s, &loads)
	}
	b.ResetTimer()
	for range b.N {
		national := p95(base+"/compliance", loads)
		nationalCPU := cpuPer
		agency := p95(base+"/compliance?agency="+benchseed.AgencyCode(3), loads)
		agencyCPU := cpuPer
		home := p95(base+"/", 5) // the page after the login: totals and the latest completions
		// A station of that agency: its officers' rows, 50 officers a page, and its chart by course.
		station := p95(base+"/compliance?agency="+benchseed.AgencyCode(3)+"&station="+benchseed.StationCode(3), loads)
		// The export, with the heap sampled every 10 ms while it streams.
		runtime.GC()
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
				}
			}
		}()
		// The process's peak resident memory (Go heap, SQLite's pages, everything) is reset first,
		// so that VmHWM tells the export's peak (Linux: 5 into clear_refs).
		_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		export, size := timed(base + "/compliance/export?format=csv&table=rows")
		close(stop)
		rss := procStatus(b, "VmHWM")
		// What a station's sync brings: a certificate and a passed attempt for each of 100
		// officers of one station, then the counts brought up to date.
		results := benchResults(b, m)
		t0 := time.Now()
		if err := counts.RefreshCompliance(context.Background()); err != nil {
			b.Fatal(err)
		}
		refresh := time.Since(t0)
		// Midnight: tomorrow's counts added up from the stored facts (and today's, the trend's
		// last point, kept or dropped as the days counted say).
		tomorrow := &service.Center{Store: m.Store, Zone: m.Config.Zone, Now: func() time.Time { return time.Now().Add(24 * time.Hour) }}
		t0 = time.Now()
		if err := tomorrow.RefreshCompliance(context.Background()); err != nil {
			b.Fatal(err)
		}
		newDay := time.Since(t0)
		b.ReportMetric(newDay.Seconds(), "s-count-new-day")
		b.ReportMetric(float64(home.Milliseconds()), "ms-p95-home")
		b.ReportMetric(float64(station.Milliseconds()), "ms-p95-station")
		b.ReportMetric(rebuild.Seconds(), "s-count-rebuild")
		b.ReportMetric(float64(refresh.Milliseconds()), "ms-count-sync")
		b.Logf("counts: rebuilt in %s; %d results of one station brought up to date in %s", rebuild.Round(time.Millisecond), results, refresh.Round(time.Millisecond))
		b.ReportMetric(float64(national.Milliseconds()), "ms-p95-national")
		b.ReportMetric(float64(agency.Milliseconds()), "ms-p95-agency")
		b.ReportMetric(float64(nationalCPU.Milliseconds()), "cpu-ms-national")
		b.ReportMetric(float64(agencyCPU.Milliseconds()), "cpu-ms-agency")
		b.ReportMetric(export.Seconds(), "s-export-csv")
		b.ReportMetric(float64(size)/1e6, "MB-csv")
		b.ReportMetric(float64(peak.Load())/1e6, "MB-heap-peak")
		b.ReportMetric(rss, "MB-rss-peak-export")
	}
}

// benchResults writes, as one station's sync would, a certificate and a passed attempt for 100
// officers of station 1 (new ones on each call) and returns how many rows it wrote.
func benchResults(b *testing.B, m *Main) int {
	var n int
	if err := m.Store.SQL().QueryRow(`SELECT count(*) FROM certificates WHERE id LIKE 'bench-%'`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	later := time.Now().UTC().AddDate(2, 0, 0).Format(time.RFC3339)
	rows, err := m.Store.SQL().Query(`SELECT id FROM officers WHERE station_id = 1 AND active = 1 ORDER BY id LIMIT 100`)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	err = m.Store.Bulk(context.Background(), func(exec func(string, ...any) error) error {
		for i, id := range ids {
			k := fmt.Sprintf("bench-%d", n+i)
			if err := exec(`INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
				k, "X"+k, id, benchseed.CourseID(i%10), now, later); err != nil {
				return err
			}
			if err := exec(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at)
				VALUES (?, ?, 1, ?, 1, 0.9, 1, ?, ?)`, k, id, benchseed.CourseID(i%10), now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return 2 * len(ids)
}
