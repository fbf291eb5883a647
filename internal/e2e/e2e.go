// Package e2e runs Aula's real programs for end-to-end tests: it builds aula-server and aula-node
// once per change of their sources, prepares a center data folder (a station, officers and a
// course) through the same commands an operator types, and starts centers on copies of it on free
// loopback ports.
package e2e

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"aula/internal/pgtest"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// Root is the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Binaries returns the paths of aula-server and aula-node built from the current sources: built
// at most once per change of the sources, and shared by every test process (see buildCached).
func Binaries(tb testing.TB) (server, node string) {
	tb.Helper()
	buildOnce.Do(func() { binDir, buildErr = buildCached() })
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return filepath.Join(binDir, "aula-server"), filepath.Join(binDir, "aula-node")
}

// Run runs a program to completion and returns its output and exit code.
func Run(tb testing.TB, stdin string, bin string, args ...string) (string, string, int) {
	tb.Helper()
	return run(tb, nil, stdin, bin, args...)
}

func run(tb testing.TB, env []string, stdin string, bin string, args ...string) (string, string, int) {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.Stdin = &out, &errb, strings.NewReader(stdin)
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		tb.Fatalf("run %s: %v", bin, err)
	}
	return out.String(), errb.String(), code
}

// Must runs a program and fails the test unless it exits 0.
func Must(tb testing.TB, stdin string, bin string, args ...string) string {
	tb.Helper()
	return must(tb, nil, stdin, bin, args...)
}

func must(tb testing.TB, env []string, stdin string, bin string, args ...string) string {
	tb.Helper()
	out, errs, code := run(tb, env, stdin, bin, args...)
	if code != 0 {
		tb.Fatalf("%s %s: exit %d\n%s%s", filepath.Base(bin), strings.Join(args, " "), code, out, errs)
	}
	return out
}

// FreeAddr returns a free loopback address.
func FreeAddr(tb testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Center is a running aula-server.
type Center struct {
	Bin, Data, Addr, URL string
	DB                   string // its store's PostgreSQL URL; "": SQLite in Data
	Token                string // the station's one-time enrollment token
	cmd                  *exec.Cmd
	tb                   testing.TB
}

// Officers and PINs of the test station CCS-01.
const OfficersCSV = "badge,given_names,family_names,rank,station_code,pin\n" +
	"PNB-1,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
	"PNB-2,Luis,Núñez,Oficial,CCS-01,7395\n"

// NewCenter starts a center on a copy of a prepared data folder (station CCS-01 with two
// officers, the sample course, no starter courses; see centerTemplate) of its own. In the
// "postgres" run of pgtest.Dialects its store is a copy of a prepared PostgreSQL database instead
// (see centerTemplatePG), and the center is started with --db.
func NewCenter(tb testing.TB) *Center {
	tb.Helper()
	server, _ := Binaries(tb)
	var template, token, db string
	var err error
	if pgtest.Postgres(tb) {
		var tmplDB string
		template, token, tmplDB, err = centerTemplatePG(tb, server)
		if err == nil {
			db = pgtest.CopyDatabase(tb, tmplDB)
		}
	} else {
		template, token, err = centerTemplate(server)
	}
	if err != nil {
		tb.Fatal(err)
	}
	c := &Center{Bin: server, Data: filepath.Join(tb.TempDir(), "center"), DB: db, Addr: FreeAddr(tb), Token: token, tb: tb}
	c.URL = "http://" + c.Addr
	if err := copyDir(c.Data, template); err != nil {
		tb.Fatal(err)
	}
	c.Start()
	tb.Cleanup(c.Stop)
	return c
}

// Start starts (or restarts) the center process and waits until it answers.
func (c *Center) Start() {
	c.tb.Helper()
	args := []string{"serve", "--addr", c.Addr, "--data", c.Data, "--no-starter-courses"}
	if c.DB != "" {
		args = append(args, "--db", c.DB)
	}
	c.cmd = exec.Command(c.Bin, args...)
	var logs bytes.Buffer
	c.cmd.Stdout, c.cmd.Stderr = &logs, &logs
	if err := c.cmd.Start(); err != nil {
		c.tb.Fatal(err)
	}
	for range 200 {
		if resp, err := http.Get(c.URL + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	c.tb.Fatalf("the center did not start:\n%s", logs.String())
}

// Run runs an aula-server command on this center's store (AULA_DB names its PostgreSQL
// database; pass --data c.Data as usual) and returns its output and exit code.
func (c *Center) Run(tb testing.TB, stdin string, args ...string) (string, string, int) {
	tb.Helper()
	return run(tb, storeEnv(c.DB), stdin, c.Bin, args...)
}

// Must runs an aula-server command on this center's store, as Run, and fails the test unless it
// exits 0.
func (c *Center) Must(tb testing.TB, stdin string, args ...string) string {
	tb.Helper()
	return must(tb, storeEnv(c.DB), stdin, c.Bin, args...)
}

// Kill stops the center with SIGKILL (a crash) and waits for it.
func (c *Center) Kill() {
	if c.cmd != nil && c.cmd.Process != nil {
		_ = c.cmd.Process.Signal(syscall.SIGKILL)
		_ = c.cmd.Wait()
		c.cmd = nil
	}
}

// Stop stops the center gracefully.
func (c *Center) Stop() {
	if c.cmd != nil && c.cmd.Process != nil {
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		_ = c.cmd.Wait()
		c.cmd = nil
	}
}

// Burst sends n requests at once, request(i) through client(i), and counts the answers by
// status (0: no answer). Benchmarks use it to send a crowd of logins.
func Burst(n int, client func(i int) *http.Client, request func(i int) *http.Request) map[int]int {
	var mu sync.Mutex
	answers := map[int]int{}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			code := 0
			if resp, err := client(i).Do(request(i)); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				code = resp.StatusCode
			}
			mu.Lock()
			answers[code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return answers
}
