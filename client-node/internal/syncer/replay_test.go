package syncer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// recorder keeps a copy of every request a node sends, for replaying it later.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	r.reqs, r.body = append(r.reqs, req.Clone(context.Background())), append(r.body, body)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// replay sends request i again as recorded, changed by edit, and returns the status and body.
func (r *recorder) replay(t *testing.T, i int, edit func(*http.Request)) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(r.reqs[i].Method, r.reqs[i].URL.String(), bytes.NewReader(r.body[i]))
	req.Header = r.reqs[i].Header.Clone()
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// find returns the index of the first recorded request whose path contains part.
func (r *recorder) find(t *testing.T, part string) int {
	t.Helper()
	for i, req := range r.reqs {
		if strings.Contains(req.URL.Path, part) {
			return i
		}
	}
	t.Fatalf("no request to %s was recorded", part)
	return -1
}

// A push or a course-file request captured on the wire and sent again later is refused: the
// center answers 409 and changes nothing. Stripping the counter does not help, nor does sending
// the node's USB file as a push.
func TestReplayedRequestsRefused(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c := e2e.NewCenter(t)
		rec := &recorder{}
		n := enrollWith(t, c, c.Token, &http.Client{Transport: rec})
		takeAttempt(t, n.Store, "PNB-1", 1)
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		before := len(centerAttempts(t, c))
		push, blob := rec.find(t, "/api/v1/sync"), rec.find(t, "/blobs/")
		if code, body := rec.replay(t, push, nil); code != http.StatusConflict {
			t.Errorf("a replayed push: %d %.200q, want 409", code, body)
		}
		if code, body := rec.replay(t, blob, nil); code != http.StatusConflict {
			t.Errorf("a replayed course file request: %d %.200q, want 409", code, body)
		}
		if code, body := rec.replay(t, push, func(r *http.Request) { r.Header.Del(protocol.HeaderCounter) }); code != http.StatusUnauthorized {
			t.Errorf("a replayed push without its counter: %d %.200q, want 401", code, body)
		}
		file, _, err := n.Export(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var f protocol.File
		json.Unmarshal(file, &f)
		if code, body := rec.replay(t, push, func(r *http.Request) {
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(f.Body)), int64(len(f.Body))
			r.Header.Del(protocol.HeaderCounter)
			r.Header.Set(protocol.HeaderSignature, f.Signature)
		}); code != http.StatusUnauthorized {
			t.Errorf("the node's USB file sent as a push: %d %.200q, want 401", code, body)
		}
		if got := len(centerAttempts(t, c)); got != before {
			t.Errorf("the center has %d attempts after the replays, had %d", got, before)
		}
		// The node itself goes on syncing.
		takeAttempt(t, n.Store, "PNB-2", 2)
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := len(centerAttempts(t, c)); got != before+1 {
			t.Errorf("the center has %d attempts, want %d", got, before+1)
		}
	})
}

// oldNode is a node built before request counters: it enrolls without saying it sends them and
// signs the body of a push (the path of a download) alone.
type oldNode struct {
	id  string
	key ed25519.PrivateKey
	url string
}

func enrollOld(t *testing.T, c *e2e.Center) *oldNode {
	t.Helper()
	pub, key, _ := ed25519.GenerateKey(nil)
	body, _ := json.Marshal(map[string]any{"token": c.Token, "public_key": pub, "node_version": "old"})
	resp, err := http.Post(c.URL+"/api/v1/nodes/enroll", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r protocol.EnrollReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 200 {
		t.Fatalf("enroll: %d %v", resp.StatusCode, err)
	}
	return &oldNode{id: r.NodeID, key: key, url: c.URL}
}

// push sends an empty push, signed as an old node does, or with a counter when counter > 0.
func (o *oldNode) push(t *testing.T, counter int64) int {
	t.Helper()
	body, _ := protocol.Encode(&protocol.Push{Protocol: protocol.Version, NodeID: o.id, NodeVersion: "old"})
	req, _ := http.NewRequest("POST", o.url+"/api/v1/sync", bytes.NewReader(body))
	req.Header.Set(protocol.HeaderNode, o.id)
	if counter > 0 {
		req.Header.Set(protocol.HeaderCounter, strconvI(counter))
		req.Header.Set(protocol.HeaderSignature, protocol.Sign(o.key, protocol.RequestMessage("POST", "/api/v1/sync", counter, body)))
	} else {
		req.Header.Set(protocol.HeaderSignature, protocol.Sign(o.key, body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func strconvI(n int64) string { b, _ := json.Marshal(n); return string(b) }

// Nodes built before counters keep syncing, as often as they like, until they send a counter
// once (after an upgrade): from then on a request without one is refused, so an attacker cannot
// strip the header from a captured request.
func TestNodesWithoutCountersKeepSyncing(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c := e2e.NewCenter(t)
		old := enrollOld(t, c)
		for range 3 {
			if code := old.push(t, 0); code != 200 {
				t.Fatalf("an old node's push: %d", code)
			}
		}
		if code := old.push(t, 5); code != 200 {
			t.Fatalf("the upgraded node's first push with a counter: %d", code)
		}
		if code := old.push(t, 0); code != http.StatusUnauthorized {
			t.Errorf("a push without a counter after the node sent one: %d, want 401", code)
		}
		if code := old.push(t, 5); code != http.StatusConflict {
			t.Errorf("the counter 5 again: %d, want 409", code)
		}
	})
}

// The center reads a push with a bound on its decompressed size: a small body that expands
// beyond the largest batch a node makes is refused with 413 and a message.
func TestPushExpandingBeyondABatchRefused(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c := e2e.NewCenter(t)
		old := enrollOld(t, c)
		body, _ := protocol.Encode(&protocol.Push{Protocol: protocol.Version, NodeID: old.id, NodeVersion: strings.Repeat("a", 2<<20)})
		req, _ := http.NewRequest("POST", c.URL+"/api/v1/sync", bytes.NewReader(body))
		req.Header.Set(protocol.HeaderNode, old.id)
		req.Header.Set(protocol.HeaderSignature, protocol.Sign(old.key, body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(data), "KiB") {
			t.Errorf("a %d-byte push expanding to 2 MiB: %d %.200q, want 413 with the limit", len(body), resp.StatusCode, data)
		}
	})
}

// Two processes of one node syncing at once (the background loop and `aula-node sync`) take
// counters from the same store: when one overtakes the other, the later request is refused and
// sent again above it. Both finish, and every attempt reaches the center once.
func TestTwoProcessesOfOneNodeSyncAtOnce(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		for i := range 40 {
			takeAttempt(t, n.Store, []string{"PNB-1", "PNB-2"}[i%2], i)
		}
		st2, err := store.Open(n.DataDir)
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		other, err := Open(context.Background(), st2, n.DataDir, quiet)
		if err != nil {
			t.Fatal(err)
		}
		n.BatchRecords, other.BatchRecords = 3, 3
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for k, node := range []*Node{n, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 10 {
					if errs[k] = node.Round(context.Background()); errs[k] == nil {
						return
					}
				}
			}()
		}
		wg.Wait()
		for k, err := range errs {
			if err != nil {
				t.Errorf("process %d did not finish a round in 10 tries: %v", k, err)
			}
		}
		if got := len(centerAttempts(t, c)); got != 40 {
			t.Errorf("the center has %d attempts, want 40", got)
		}
	})
}
