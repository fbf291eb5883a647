package syncer

import (
	"bytes"
	"context"
	"errors"
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

// Sync over a link that drops, times out, fails and delivers late duplicates converges, and the
// center ends with exactly the node's records; interrupted course downloads resume with Range.
func TestSyncConvergesOverAFaultyLink(t *testing.T) {
	c, n := enrolled(t)
	// A new version of the course with a 300 KB image, so downloads get cut and resume.
	server, _ := e2e.Binaries(t)
	v2 := filepath.Join(t.TempDir(), "v2")
	copyTree(t, filepath.Join(e2e.Root(), "courses", "testdata", "sample"), v2)
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
	e2e.Must(t, "", server, "course", "publish", "--data", c.Data, v2)

	want := map[string]bool{}
	for i := range 300 {
		takeAttempt(t, n.Store, []string{"PNB-1", "PNB-2"}[i%2], i)
	}
	atts, _ := n.Store.ListAttempts("PNB-1")
	atts2, _ := n.Store.ListAttempts("PNB-2")
	for _, a := range append(atts, atts2...) {
		want[a.ID] = true
	}

	f := &faulty{rnd: rand.New(rand.NewPCG(7, 7)), faults: map[string]int{}}
	n.HTTP = &http.Client{Transport: f, Timeout: 20 * time.Second}
	n.BatchRecords = 20 // many small batches: many chances to fail
	ok := false
	rounds := 0
	for ; rounds < 300 && !ok; rounds++ {
		ok = n.Round(context.Background()) == nil
	}
	if !ok {
		t.Fatalf("sync did not converge in %d rounds over the faulty link (faults: %v)", rounds, f.faults)
	}
	t.Logf("converged after %d rounds; faults injected: %v; range requests: %d", rounds, f.faults, f.ranges)

	// Late duplicates of earlier pushes arrive after everything else: nothing changes.
	for i, body := range f.stale {
		req, _ := http.NewRequest("POST", c.URL+"/api/v1/sync", bytes.NewReader(body))
		req.Header = f.headers[i]
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
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
			t.Fatalf("the center has attempt %s that the node never made", a.ID)
		}
	}
	if len(seen) != len(want) {
		t.Fatalf("center has %d attempts, node made %d", len(seen), len(want))
	}
	if _, err := n.Store.FindVersion("curso-de-prueba", 2); err != nil {
		t.Fatalf("the new course version was not installed: %v", err)
	}
	if f.ranges == 0 {
		t.Error("no interrupted download was resumed with a Range request")
	}
	if len(f.stale) == 0 || f.faults["answer lost"] == 0 || f.faults["dropped mid-answer"] == 0 || f.faults["502"] == 0 || f.faults["timeout"] == 0 {
		t.Errorf("not every kind of fault was exercised: %v, %d late duplicates", f.faults, len(f.stale))
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
