package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"aula/internal/e2e"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// BenchmarkLoginMemory200 sends 200 staff logins at once to a real center on loopback HTTP, 200
// accounts each from a different client behind a proxy the center trusts (so neither the
// per-client rate limit nor the per-account lockout stops any before the password check), and
// reports the process's memory: resident before, peak
// resident (VmHWM) and what the Go runtime holds afterwards, with how the logins were answered.
// Run it alone, so the peak is this burst's: go test -run '^$' -bench LoginMemory -benchtime 1x.
func BenchmarkLoginMemory200(b *testing.B) {
	const logins = 200
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: b.TempDir(), NoStarterCourses: true,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	const pass = "caballo-bateria-grapa"
	h, err := auth.HashSecret(pass)
	if err != nil {
		b.Fatal(err)
	}
	for i := range logins {
		if _, err := m.Store.CreateStaff(context.Background(), fmt.Sprintf("staff%03d", i), store.RoleTrainer, h); err != nil {
			b.Fatal(err)
		}
	}
	defer serve(b, m)()
	url := "http://" + m.Addr() + "/api/v1/auth/login"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: logins}}

	runtime.GC()
	before := procStatus(b, "VmRSS")
	for range b.N {
		answers := e2e.Burst(logins, func(int) *http.Client { return client }, func(i int) *http.Request {
			req, _ := http.NewRequest("POST", url, strings.NewReader(fmt.Sprintf(`{"username":"staff%03d","password":%q}`, i, pass)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.%d.%d", i/250, i%250+1))
			return req
		})
		b.Logf("answers by status: %v", answers)
		b.ReportMetric(float64(answers[http.StatusOK]), "logins-ok")
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(before, "MB-rss-before")
	b.ReportMetric(procStatus(b, "VmHWM"), "MB-rss-peak")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MB-go-sys")
}

// procStatus reads a memory line (in kB) of /proc/self/status, in MB.
func procStatus(b *testing.B, key string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc: cannot read memory use")
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key+":" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
