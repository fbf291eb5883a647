package syncer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// faulty is an http.RoundTripper that misbehaves like a bad rural link: it drops connections
// after some bytes of the answer, loses answers the center already processed, answers 502, times
// out, and keeps copies of pushes to deliver them again later (late duplicates).
type faulty struct {
	mu      sync.Mutex
	rnd     *rand.Rand
	stale   [][]byte // push requests captured for late delivery
	headers []http.Header
	ranges  int
	calls   int
	faults  map[string]int
}

func (f *faulty) note(kind string) {
	f.faults[kind]++
}

func (f *faulty) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	roll := f.rnd.IntN(100)
	// The first requests get one fault of each kind, whatever the dice say.
	if f.calls < 4 {
		roll = []int{5, 15, 25, 45}[f.calls]
	}
	f.calls++
	cut := f.rnd.IntN(4000)
	if strings.Contains(req.URL.Path, "/blobs/") {
		if req.Header.Get("Range") != "" {
			f.ranges++
		} else {
			roll, cut = 45, 50<<10 // a first download of a file always breaks after 50 KB
		}
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		if strings.HasSuffix(req.URL.Path, "/sync") && roll%3 == 0 {
			f.stale = append(f.stale, body)
			f.headers = append(f.headers, req.Header.Clone())
		}
	}
	f.mu.Unlock()
	switch {
	case roll < 12:
		f.note("502")
		return &http.Response{StatusCode: http.StatusBadGateway, Body: io.NopCloser(strings.NewReader(`{"error":"bad gateway"}`)), Header: http.Header{}, Request: req}, nil
	case roll < 20:
		f.note("timeout")
		return nil, context.DeadlineExceeded
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	switch {
	case roll < 35:
		// The center processed the request, but the answer never arrives.
		f.note("answer lost")
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, errors.New("connection reset by peer")
	case roll < 55:
		f.note("dropped mid-answer")
		resp.Body = &cutBody{r: resp.Body, left: cut}
	}
	return resp, nil
}

// cutBody ends an answer with a dropped connection after left bytes.
type cutBody struct {
	r    io.ReadCloser
	left int
}

func (c *cutBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if len(p) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= n
	return n, err
}

func (c *cutBody) Close() error { return c.r.Close() }

// Three stations sync at the same time, each over a link that drops, times out, fails and
// delivers late duplicates; every one converges, and the center ends with exactly the union of
// the nodes' records. Interrupted course downloads resume with Range.
func TestSyncConvergesOverAFaultyLink(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		nodes := []*Node{n}
		badges := [][]string{{"PNB-1", "PNB-2"}}
		for k, code := range []string{"MCB-02", "BAR-03"} {
			out := c.Must(t, "", "station", "add", "--data", c.Data, "--code", code, "--name", code)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			badge := fmt.Sprintf("PNB-%d", 10+k)
			csv := filepath.Join(t.TempDir(), "officers.csv")
			os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\n"+badge+",Ana,Ruiz,Oficial,"+code+",6183\n"), 0o600)
			c.Must(t, "", "officer", "import", "--data", c.Data, "--csv", csv)
			nodes, badges = append(nodes, enrollNode(t, c, lines[len(lines)-1])), append(badges, []string{badge})
		}

		// A new version of the course with a 300 KB image, so downloads get cut and resume.
		v2 := filepath.Join(t.TempDir(), "v2")
		if err := os.CopyFS(v2, os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample"))); err != nil {
			t.Fatal(err)
		}
		big := make([]byte, 300<<10)
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range big {
			big[i] = byte(rng.Uint32())
		}
		os.WriteFile(filepath.Join(v2, "media", "foto.png"), big, 0o644)
		yaml, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
		os.WriteFile(filepath.Join(v2, "course.yaml"), bytes.Replace(yaml, []byte("version: 1"), []byte("version: 2"), 1), 0o644)
		lesson, _ := os.ReadFile(filepath.Join(v2, "lessons", "02-repaso.md"))
		os.WriteFile(filepath.Join(v2, "lessons", "02-repaso.md"), append(lesson, []byte("\n![Foto](../media/foto.png)\n")...), 0o644)
		lessonEn, _ := os.ReadFile(filepath.Join(v2, "lessons", "02-repaso.en.md"))
		os.WriteFile(filepath.Join(v2, "lessons", "02-repaso.en.md"), append(lessonEn, []byte("\n![Photo](../media/foto.png)\n")...), 0o644)
		c.Must(t, "", "course", "publish", "--data", c.Data, v2)

		want := map[string]bool{}
		for k, node := range nodes {
			for i := range 300 / len(nodes) {
				takeAttempt(t, node.Store, badges[k][i%len(badges[k])], k*1000+i)
			}
			for _, b := range badges[k] {
				atts, _ := node.Store.ListAttempts(context.Background(), b)
				for _, a := range atts {
					want[a.ID] = true
				}
			}
		}

		links := make([]*faulty, len(nodes))
		rounds := make([]int, len(nodes))
		converged := make([]bool, len(nodes))
		var wg sync.WaitGroup
		for k, node := range nodes {
			links[k] = &faulty{rnd: rand.New(rand.NewPCG(7, uint64(7+k))), faults: map[string]int{}}
			node.HTTP = &http.Client{Transport: links[k], Timeout: 20 * time.Second}
			node.BatchRecords = 20 // many small batches: many chances to fail
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ; rounds[k] < 300 && !converged[k]; rounds[k]++ {
					converged[k] = node.Round(context.Background()) == nil
				}
			}()
		}
		wg.Wait()
		faults := map[string]int{}
		ranges, stale := 0, 0
		for k, f := range links {
			if !converged[k] {
				t.Fatalf("node %d did not converge in %d rounds over its faulty link (faults: %v)", k, rounds[k], f.faults)
			}
			for kind, n := range f.faults {
				faults[kind] += n
			}
			ranges, stale = ranges+f.ranges, stale+len(f.stale)
		}
		t.Logf("%d stations at once converged after %v rounds; faults injected: %v; range requests: %d; late duplicates: %d", len(nodes), rounds, faults, ranges, stale)

		// Late duplicates of earlier pushes arrive after everything else: each is refused as a replay
		// (409), and nothing changes.
		for _, f := range links {
			for i, body := range f.stale {
				req, _ := http.NewRequest("POST", c.URL+"/api/v1/sync", bytes.NewReader(body))
				req.Header = f.headers[i]
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusConflict {
					t.Errorf("a late duplicate of a push was answered %d, want 409", resp.StatusCode)
				}
			}
		}
		got := centerAttempts(t, c)
		seen := map[string]bool{}
		for _, a := range got {
			if seen[a.ID] {
				t.Fatalf("attempt %s duplicated at the center", a.ID)
			}
			seen[a.ID] = true
			if !want[a.ID] {
				t.Fatalf("the center has attempt %s that no node made", a.ID)
			}
		}
		if len(seen) != len(want) {
			t.Fatalf("center has %d attempts, the nodes made %d", len(seen), len(want))
		}
		for k, node := range nodes {
			if _, err := node.Store.FindVersion(context.Background(), "curso-de-prueba", 2); err != nil {
				t.Fatalf("node %d did not install the new course version: %v", k, err)
			}
		}
		if ranges == 0 {
			t.Error("no interrupted download was resumed with a Range request")
		}
		if stale == 0 || faults["answer lost"] == 0 || faults["dropped mid-answer"] == 0 || faults["502"] == 0 || faults["timeout"] == 0 {
			t.Errorf("not every kind of fault was exercised: %v, %d late duplicates", faults, stale)
		}
	})
}
