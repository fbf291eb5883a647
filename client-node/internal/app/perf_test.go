package app

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/store"
	"aula/courses"
	"aula/internal/e2e"
	"aula/sync/auth"
)

// perfData prepares a node data folder with the starter courses, the sample course and a roster
// of count officers (badge T-<n>, PIN 1234).
func perfData(b *testing.B, count int) string {
	b.Helper()
	dir := b.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	_, key, _ := ed25519.GenerateKey(nil)
	nodetest.Install(b, st, os.DirFS(nodetest.SampleDir()), key)
	for _, name := range courses.StarterNames {
		fsys, _ := courses.StarterCourse(name)
		nodetest.Install(b, st, fsys, key)
	}
	h, _ := auth.HashPIN("1234")
	var roster []store.Officer
	for i := range count {
		roster = append(roster, store.Officer{Badge: fmt.Sprintf("T-%d", i), GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", PINHash: h})
	}
	if err := st.ReplaceRoster(context.Background(), roster); err != nil {
		b.Fatal(err)
	}
	return dir
}

// startNode starts a real aula-node process and returns when /healthz answers, with the time it
// took.
func startNode(b *testing.B, dir string) (*exec.Cmd, string, time.Duration) {
	_, nodeBin := e2e.Binaries(b)
	addr := e2e.FreeAddr(b)
	cmd := exec.Command(nodeBin, "serve", "--data", dir, "--addr", addr)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	for {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return cmd, "http://" + addr, time.Since(start)
		}
		if time.Since(start) > 10*time.Second {
			cmd.Process.Kill()
			b.Fatal("the node did not start")
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkNodeStartup measures a real aula-node process from exec to answering /healthz.
func BenchmarkNodeStartup(b *testing.B) {
	dir := perfData(b, 5)
	var total time.Duration
	for range b.N {
		cmd, _, d := startNode(b, dir)
		total += d
		cmd.Process.Kill()
		cmd.Wait()
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/start")
}

// BenchmarkNodeIdleRSS measures the resident memory of an idle node after it has served an
// officer's pages.
func BenchmarkNodeIdleRSS(b *testing.B) {
	dir := perfData(b, 5)
	var rss float64
	for range b.N {
		cmd, base, _ := startNode(b, dir)
		c := terminal(b, base, "T-0")
		for _, p := range []string{"/", "/courses/uso-de-la-fuerza", "/courses/uso-de-la-fuerza/lessons/01-la-vida-primero"} {
			get(b, c, base+p)
		}
		time.Sleep(time.Second)
		rss = vmRSS(b, cmd.Process.Pid)
		cmd.Process.Kill()
		cmd.Wait()
	}
	b.ReportMetric(rss, "MB-rss")
}

func vmRSS(b *testing.B, pid int) float64 { return procMB(b, pid, "VmRSS") }

// procMB reads a memory line (in kB) of a process's /proc status, in MB.
func procMB(b *testing.B, pid int, key string) float64 {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		b.Skip("no /proc: cannot read memory use")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key+":" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// terminal logs an officer in and returns a client that keeps the session cookie.
func terminal(b *testing.B, base, badge string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/login")
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	u, _ := url.Parse(base)
	csrf := ""
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "_csrf" {
			csrf = ck.Value
		}
	}
	resp, err = c.PostForm(base+"/login", url.Values{"_csrf": {csrf}, "badge": {badge}, "pin": {"1234"}})
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Request.URL.Path != "/" {
		b.Fatalf("login of %s ended at %s", badge, resp.Request.URL.Path)
	}
	return c
}

func get(b *testing.B, c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d", u, resp.StatusCode)
	}
}

// BenchmarkTerminals measures page latency with 50 terminals in use at once, each clicking to a
// new page every 100-300 ms (officers read for minutes; this is far busier): the course list, a
// course, two lessons and the quiz page, again and again, after a first pass.
func BenchmarkTerminals(b *testing.B) { terminals(b, 100*time.Millisecond) }

// BenchmarkTerminalsSaturated is the same with no pause at all: 50 requests always in flight on
// the node's cores, the worst case.
func BenchmarkTerminalsSaturated(b *testing.B) { terminals(b, 0) }

func terminals(b *testing.B, think time.Duration) {
	const terminals = 50
	dir := perfData(b, terminals)
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if err := m.Listen(); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	defer func() { cancel(); <-done }()
	base := "http://" + m.Addr()
	// Sessions are made directly: logins from one address are rate-limited, and this measures pages.
	clients := make([]*http.Client, terminals)
	u, _ := url.Parse(base)
	for i := range clients {
		tok := auth.RandomToken(32)
		if err := m.Store.CreateSession(context.Background(), auth.HashToken(tok), fmt.Sprintf("T-%d", i)); err != nil {
			b.Fatal(err)
		}
		jar, _ := cookiejar.New(nil)
		jar.SetCookies(u, []*http.Cookie{{Name: "aula_officer", Value: tok, Path: "/"}})
		clients[i] = &http.Client{Jar: jar}
	}
	pages := []string{"/", "/courses/uso-de-la-fuerza", "/courses/uso-de-la-fuerza/lessons/01-la-vida-primero",
		"/courses/derechos-humanos-funcion-policial/lessons/02-derechos-en-custodia", "/courses/uso-de-la-fuerza/quiz"}
	// Warm-up: every officer has opened every page once (first readings are written then).
	for i := range clients {
		for _, p := range pages {
			get(b, clients[i], base+p)
		}
	}
	time.Sleep(200 * time.Millisecond)
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	var wg sync.WaitGroup
	for i := range terminals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			for k := range b.N {
				if think > 0 {
					time.Sleep(think + time.Duration(rng.Int64N(int64(2*think))))
				}
				p := pages[(i+k)%len(pages)]
				t0 := time.Now()
				get(b, clients[i], base+p)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "ms-p50")
	b.ReportMetric(pct(0.99), "ms-p99")
}
