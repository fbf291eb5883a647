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
	"testing"
	"time"

	"aula/server/internal/benchseed"
	"aula/sync/auth"
)

// BenchmarkNationalCompliance seeds a national center (benchseed.National: 150,000 officers in
// 1,500 stations, 25 agencies, 24 states, 10 requirements, 3,000,000 attempts) and measures,
// through the web UI on loopback HTTP: the p95 of the national dashboard and of an agency's
// compliance page, and the CSV export of every officer × requirement row (time and the peak Go
// heap while it streams). AULA_BENCH_SCALE=0.1 seeds a tenth, for a quick look;
// AULA_BENCH_DIR keeps the seeded center between runs (the seed is skipped once its staff exists).
func BenchmarkNationalCompliance(b *testing.B) {
	cfg := benchseed.National(time.Now().UTC())
	if s := os.Getenv("AULA_BENCH_SCALE"); s != "" {
		var f float64
		fmt.Sscan(s, &f)
		cfg.Stations, cfg.Officers, cfg.Attempts = int(float64(cfg.Stations)*f), int(float64(cfg.Officers)*f), int(float64(cfg.Attempts)*f)
	}
	dir := os.Getenv("AULA_BENCH_DIR") // a folder seeded by an earlier run is reused
	if dir == "" {
		dir = b.TempDir()
	}
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir, NoStarterCourses: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Store.FindStaff(context.Background(), "admin"); err != nil {
		start := time.Now()
		if err := m.Store.Bulk(context.Background(), func(exec func(string, ...any) error) error { return benchseed.Seed(cfg, exec) }); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d officers, %d attempts in %s", cfg.Officers, cfg.Attempts, time.Since(start).Round(time.Second))
		h, _ := auth.HashSecret("una clave segura")
		if _, err := m.Store.CreateStaff(context.Background(), "admin", "admin", h); err != nil {
			b.Fatal(err)
		}
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
	p95 := func(u string, n int) time.Duration {
		var ds []time.Duration
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
		agency := p95(base+"/compliance?agency="+benchseed.AgencyCode(3), loads)
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
		export, size := timed(base + "/compliance/export?format=csv&table=rows")
		close(stop)
		b.ReportMetric(float64(national.Milliseconds()), "ms-p95-national")
		b.ReportMetric(float64(agency.Milliseconds()), "ms-p95-agency")
		b.ReportMetric(export.Seconds(), "s-export-csv")
		b.ReportMetric(float64(size)/1e6, "MB-csv")
		b.ReportMetric(float64(peak.Load())/1e6, "MB-heap-peak")
	}
}
