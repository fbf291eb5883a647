package app

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/server/internal/store"
	"aula/sync/auth"
	"aula/sync/protocol"
)

// simNode is a simulated station node: its key, id, outbox sequence and pull cursor.
type simNode struct {
	id     string
	n      int // its number
	key    ed25519.PrivateKey
	seq    int64
	cursor int64
}

// BenchmarkSyncRound1000 measures one sync round of 1,000 station nodes at once against a real
// center on loopback HTTP: each pushes two new attempts (signed, compressed) and pulls, and the
// center applies and re-scores them. It reports the p50 and p99 round time and the errors.
//
// Before the clock starts, every node makes its first sync at the same moment (all 1,000 take
// the course and their roster, as after a national roll-out or a course published to everyone);
// its p99 is reported too (ms-p99-first). The timed rounds are the usual ones: each node sends
// the cursor of its last reply, as a real node does.
//
// It runs on SQLite, on PostgreSQL, and on PostgreSQL with two aula-server processes on the one
// database ("postgres-2centers": the same keys, each node's requests alternating between them
// round after round, as behind a load balancer).
func BenchmarkSyncRound1000(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { syncRound1000(b, "", 1) })
	b.Run("postgres", func(b *testing.B) { syncRound1000(b, pgtest.NewDatabase(b), 1) })
	b.Run("postgres-2centers", func(b *testing.B) { syncRound1000(b, pgtest.NewDatabase(b), 2) })
}

// syncRound1000 is BenchmarkSyncRound1000 with its store at db ("": SQLite) and the given number
// of centers: one in this process, or two aula-server processes.
func syncRound1000(b *testing.B, db string, centers int) {
	const nodes = 1000
	data := b.TempDir()
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: data, DB: db, NoStarterCourses: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Publisher.Publish(context.Background(), os.DirFS("../../../courses/testdata/sample"), "sample", "bench"); err != nil {
		b.Fatal(err)
	}
	sims := make([]*simNode, nodes)
	var rows []store.OfficerRow
	for i := range nodes {
		code := fmt.Sprintf("EST-%04d", i)
		tok := fmt.Sprintf("token-%d", i)
		if _, err := m.Store.CreateStation(context.Background(), code, code, auth.HashToken(tok), "bench"); err != nil {
			b.Fatal(err)
		}
		rows = append(rows, store.OfficerRow{Line: i + 2, Badge: fmt.Sprintf("B-%04d", i), GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: code, PINHash: "x"})
		_, key, _ := ed25519.GenerateKey(nil)
		sims[i] = &simNode{key: key, n: i}
		n, err := m.Sync.Enroll(context.Background(), protocol.EnrollRequest{Token: tok, PublicKey: key.Public().(ed25519.PublicKey)})
		if err != nil {
			b.Fatal(err)
		}
		sims[i].id = n.NodeID
	}
	if _, bad, err := m.Store.ImportOfficers(context.Background(), rows, "bench"); err != nil || len(bad) > 0 {
		b.Fatal(err, bad)
	}
	pkg, err := m.Sync.Course(context.Background(), "curso-de-prueba", 1)
	if err != nil {
		b.Fatal(err)
	}
	quiz := pkg.Course.Quiz
	var urls []string
	if centers == 1 {
		defer serve(b, m)()
		urls = append(urls, "http://"+m.Addr())
	} else {
		for range centers {
			urls = append(urls, e2e.StartOn(b, data, db).URL)
		}
	}
	rounds := 0
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: nodes}, Timeout: 60 * time.Second}
	centerPub := m.Key.Public().(ed25519.PublicKey)

	round := func(s *simNode, badge string) error {
		var recs []protocol.Record
		for range 2 {
			s.seq++
			id, secret := courses.NewID(), fmt.Sprintf("%032x", s.seq)
			paper := courses.BuildPaper(quiz, courses.AttemptSeed(id, secret))
			res := courses.Score(quiz, paper, nil)
			recs = append(recs, protocol.Record{Seq: s.seq, Kind: protocol.KindAttempt, Attempt: &protocol.Attempt{ID: id, Badge: badge,
				Course: "curso-de-prueba", Version: 1, Secret: secret, Started: 1, Submitted: 2, Responses: paper.CanonicalJSON(nil), Score: res.Score}})
		}
		body, _ := protocol.Encode(&protocol.Push{Protocol: protocol.Version, NodeID: s.id, NodeTime: time.Now().Unix(), Records: recs, Cursor: s.cursor})
		req, _ := http.NewRequest("POST", urls[(s.n+rounds)%len(urls)]+"/api/v1/sync", bytes.NewReader(body))
		req.Header.Set("X-Aula-Node", s.id)
		req.Header.Set("X-Aula-Signature", protocol.Sign(s.key, body))
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !protocol.Verify(centerPub, data, resp.Header.Get("X-Aula-Signature")) {
			return fmt.Errorf("status %d: %s", resp.StatusCode, data)
		}
		var reply protocol.Reply
		if err := protocol.Decode(data, &reply); err != nil {
			return err
		}
		if reply.Acked != s.seq {
			return fmt.Errorf("acked %d, sent up to %d", reply.Acked, s.seq)
		}
		if reply.More {
			return fmt.Errorf("more changes than one reply holds")
		}
		s.cursor = reply.Cursor
		return nil
	}
	// all runs one round of every node at the same moment and returns the sorted round times
	// and the number of failed rounds.
	all := func() ([]time.Duration, int) {
		var mu sync.Mutex
		var lat []time.Duration
		errs := 0
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, s := range sims {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				t0 := time.Now()
				err := round(s, fmt.Sprintf("B-%04d", i))
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					errs++
				}
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		rounds++
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		return lat, errs
	}
	pct := func(lat []time.Duration, p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	first, errs := all()
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		l, e := all()
		lat, errs = append(lat, l...), errs+e
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(pct(lat, 0.50), "ms-p50")
	b.ReportMetric(pct(lat, 0.99), "ms-p99")
	b.ReportMetric(pct(first, 0.99), "ms-p99-first")
	b.ReportMetric(float64(errs), "errors")
	if n, _ := m.Store.CountAttempts(context.Background()); n != nodes*2*(b.N+1) {
		b.Fatalf("center holds %d attempts, want %d", n, nodes*2*(b.N+1))
	}
}
