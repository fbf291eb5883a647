package syncer

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/server/internal/publish"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// benchCenter is a center with the use-of-force course published with 10 questions per attempt,
// a station with 50 officers and an enrolled node.
func benchCenter(b testing.TB) (*Center, *store.Node, *courses.Quiz) {
	b.Helper()
	e := newTestCenter(b)
	return e.c, e.node, e.quiz
}

// testCenter is benchCenter's center with its data folder and the node's key.
type testCenter struct {
	c       *Center
	node    *store.Node
	quiz    *courses.Quiz
	dir     string
	nodeKey ed25519.PrivateKey
}

func newTestCenter(b testing.TB) *testCenter {
	b.Helper()
	dir := b.TempDir()
	st, err := store.OpenAt(store.Location{Dir: dir, DB: pgtest.URL(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(nil)
	src, _ := courses.StarterCourse("uso-de-la-fuerza")
	mem := fstest.MapFS{}
	fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(src, p)
			if p == "quiz.yaml" {
				data = []byte(strings.Replace(string(data), "draw: 12", "draw: 10", 1))
			}
			mem[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	pub := &publish.Publisher{Store: st, Key: key, Now: time.Now}
	pv, err := pub.Publish(context.Background(), mem, "bench", "bench")
	if err != nil {
		b.Fatal(err)
	}
	benchVersion = pv.Version
	if _, err := st.CreateStation(context.Background(), "CCS-01", "Caracas", "tokenhash", "bench"); err != nil {
		b.Fatal(err)
	}
	var rows []store.OfficerRow
	for i := range 50 {
		rows = append(rows, store.OfficerRow{Line: i + 2, Badge: fmt.Sprintf("PNB-%d", i), GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "CCS-01", PINHash: "x"})
	}
	if _, bad, err := st.ImportOfficers(context.Background(), rows, "bench"); err != nil || len(bad) > 0 {
		b.Fatal(err, bad)
	}
	_, nodeKey, _ := ed25519.GenerateKey(nil)
	node, err := st.EnrollNode(context.Background(), "tokenhash", "node-1", nodeKey.Public().(ed25519.PublicKey), "bench")
	if err != nil {
		b.Fatal(err)
	}
	c := &Center{Store: st, Key: key, Now: time.Now}
	pkg, err := c.Course(context.Background(), "uso-de-la-fuerza", benchVersion)
	if err != nil {
		b.Fatal(err)
	}
	return &testCenter{c: c, node: node, quiz: pkg.Course.Quiz, dir: dir, nodeKey: nodeKey}
}

// benchVersion is the version of the starter course the benchmark center publishes.
var benchVersion int

// attempts makes n submitted attempts as a node would push them (canonical responses).
func attempts(quiz *courses.Quiz, from, n int) []protocol.Record {
	out := make([]protocol.Record, 0, n)
	for i := from; i < from+n; i++ {
		id := courses.NewID()
		secret := fmt.Sprintf("%032x", i*7919+13)
		paper := courses.BuildPaper(quiz, courses.AttemptSeed(id, secret))
		resp := map[string]json.RawMessage{}
		for k, pq := range paper.Questions {
			var v any
			switch {
			case len(pq.Options) > 0:
				v = pq.Options[(i+k)%len(pq.Options)].ID
				if pq.Type == courses.Multiple {
					v = []string{pq.Options[(i+k)%len(pq.Options)].ID}
				}
			case len(pq.Items) > 0:
				ids := []string{}
				for _, it := range pq.Items {
					ids = append(ids, it.ID)
				}
				v = ids
			case len(pq.Left) > 0:
				v = map[string]string{pq.Left[0].ID: pq.Right[i%len(pq.Right)].ID}
			case pq.Type == courses.TrueFalse:
				v = i%2 == 0
			case pq.Type == courses.Numeric:
				v = 33
			default:
				v = "proporcionalidad"
			}
			raw, _ := json.Marshal(v)
			resp[pq.ID] = raw
		}
		res := courses.Score(quiz, paper, resp)
		out = append(out, protocol.Record{Seq: int64(i + 1), Kind: protocol.KindAttempt, Attempt: &protocol.Attempt{
			ID: id, Badge: fmt.Sprintf("PNB-%d", i%50), Course: "uso-de-la-fuerza", Version: benchVersion, Secret: secret,
			Started: 1764229000 + int64(i), Submitted: 1764230000 + int64(i), Responses: paper.CanonicalJSON(resp), Score: res.Score}})
	}
	return out
}

// BenchmarkIngest measures the center applying full pushes (protocol.MaxBatchRecords attempts
// each): decompress and decode, re-score every attempt with the engine, and write them durably
// in one transaction per push.
// It runs on SQLite and on PostgreSQL (pgtest.BenchDialects).
func BenchmarkIngest(b *testing.B) {
	pgtest.BenchDialects(b, func(b *testing.B) { benchIngest(b, protocol.MaxBatchRecords) })
}

// BenchmarkIngest500 is BenchmarkIngest with pushes of 500 attempts (the push size before it
// became 1,000), to show what each push's fixed costs weigh.
func BenchmarkIngest500(b *testing.B) { benchIngest(b, 500) }

func benchIngest(b *testing.B, batch int) {
	c, node, quiz := benchCenter(b)
	recs := attempts(quiz, 0, b.N*batch)
	bodies := make([][]byte, b.N) // encoded by the node, before the clock starts
	for i := range b.N {
		push := &protocol.Push{Protocol: 1, NodeID: node.ID, NodeTime: time.Now().Unix(), Records: recs[i*batch : (i+1)*batch], Cursor: 1 << 40}
		body, err := protocol.Encode(push)
		if err != nil {
			b.Fatal(err)
		}
		bodies[i] = body
	}
	b.ResetTimer()
	c0 := cpuNow()
	for i := range b.N {
		decoded, err := protocol.ReadPush(bodies[i])
		if err != nil {
			b.Fatal(err)
		}
		reply, err := c.Apply(context.Background(), node, decoded, false)
		if err != nil {
			b.Fatal(err)
		}
		if reply.Acked != int64((i+1)*batch) {
			b.Fatalf("acked %d", reply.Acked)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuNow()-c0).Microseconds())/float64(b.N), "cpu-us/push")
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "attempts/s")
}

// BenchmarkWireBytes measures the compressed bytes of a 10-question attempt in a full push.
func BenchmarkWireBytes(b *testing.B) {
	_, _, quiz := benchCenter(b)
	const n = protocol.MaxBatchRecords
	recs := attempts(quiz, 0, n)
	var size int
	for range b.N {
		body, err := protocol.Encode(&protocol.Push{Protocol: 1, NodeID: "0193a8e0-0000-7000-8000-000000000001", NodeTime: time.Now().Unix(), Records: recs})
		if err != nil {
			b.Fatal(err)
		}
		size = len(body)
	}
	b.ReportMetric(float64(size)/n, "bytes/attempt")
}

// BenchmarkIngestStations measures the center taking full pushes from 4 stations at once: one
// station's records are scored while another's are written.
// It runs on SQLite and on PostgreSQL (pgtest.BenchDialects).
func BenchmarkIngestStations(b *testing.B) { pgtest.BenchDialects(b, benchIngestStations) }

func benchIngestStations(b *testing.B) {
	c, node, quiz := benchCenter(b)
	const stations, batch = 4, protocol.MaxBatchRecords
	nodes := []*store.Node{node}
	for i := 1; i < stations; i++ {
		code := fmt.Sprintf("EST-%d", i)
		if _, err := c.Store.CreateStation(context.Background(), code, code, "t"+code, "bench"); err != nil {
			b.Fatal(err)
		}
		var rows []store.OfficerRow
		for k := range 50 {
			rows = append(rows, store.OfficerRow{Line: k + 2, Badge: fmt.Sprintf("PNB-%d", k), GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: code, PINHash: "x"})
		}
		// The same officers move through every station, so each node may write them.
		if _, bad, err := c.Store.ImportOfficers(context.Background(), rows, "bench"); err != nil || len(bad) > 0 {
			b.Fatal(err, bad)
		}
		_, k, _ := ed25519.GenerateKey(nil)
		n, err := c.Store.EnrollNode(context.Background(), "t"+code, fmt.Sprintf("node-%d", i+1), k.Public().(ed25519.PublicKey), "bench")
		if err != nil {
			b.Fatal(err)
		}
		nodes = append(nodes, n)
	}
	bodies := make([][][]byte, stations)
	for s := range stations {
		recs := attempts(quiz, s*b.N*batch, b.N*batch)
		for i := range b.N {
			for k := range batch {
				recs[i*batch+k].Seq = int64(i*batch + k + 1)
			}
			body, err := protocol.Encode(&protocol.Push{Protocol: 1, NodeID: nodes[s].ID, NodeTime: time.Now().Unix(), Records: recs[i*batch : (i+1)*batch], Cursor: 1 << 40})
			if err != nil {
				b.Fatal(err)
			}
			bodies[s] = append(bodies[s], body)
		}
	}
	b.ResetTimer()
	c0 := cpuNow()
	var wg sync.WaitGroup
	for s := range stations {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range b.N {
				p, err := protocol.ReadPush(bodies[s][i])
				if err != nil {
					b.Error(err)
					return
				}
				if _, err := c.Apply(context.Background(), nodes[s], p, false); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64((cpuNow()-c0).Microseconds())/float64(stations*b.N), "cpu-us/push")
	b.ReportMetric(float64(stations*b.N*batch)/b.Elapsed().Seconds(), "attempts/s")
}

// cpuNow returns the CPU time this process has used: the benchmarks report it per push, which
// shows how much the machine's speed moved between runs of the same work.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
