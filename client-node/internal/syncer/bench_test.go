package syncer

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// fillOutbox writes n submitted attempts straight into the node's outbox (one transaction), as
// n officers' quizzes would have left them.
func fillOutbox(b testing.TB, n *Node, count int) {
	b.Helper()
	v, err := n.Store.FindVersion(context.Background(), "curso-de-prueba", 1)
	if err != nil {
		b.Fatal(err)
	}
	files, _ := n.Store.VersionFiles(context.Background(), v.ID)
	pkg, _ := coursepkg.ReadFiles(files, "x")
	quiz := pkg.Course.Quiz
	db, err := sql.Open("sqlite", "file:"+filepath.Join(n.DataDir, "aula-node.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, _ := tx.Prepare(`INSERT INTO outbox (kind, record_id, payload, created_at) VALUES ('attempt', ?, ?, ?)`)
	for i := range count {
		id, secret := courses.NewID(), fmt.Sprintf("%032x", i)
		paper := courses.BuildPaper(quiz, courses.AttemptSeed(id, secret))
		resp := map[string]json.RawMessage{}
		for _, pq := range paper.Questions {
			if len(pq.Options) > 0 {
				resp[pq.ID] = json.RawMessage(`"` + pq.Options[i%len(pq.Options)].ID + `"`)
			}
		}
		res := courses.Score(quiz, paper, resp)
		payload, _ := json.Marshal(protocol.Attempt{ID: id, Badge: []string{"PNB-1", "PNB-2"}[i%2], Course: "curso-de-prueba", Version: 1,
			Secret: secret, Started: 1764229000, Submitted: 1764230000, Responses: paper.CanonicalJSON(resp), Score: res.Score})
		if _, err := stmt.Exec(id, payload, time.Now().UTC().Format(time.RFC3339)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSync10k measures one sync of 10,000 pending attempts to a real center over loopback
// HTTP: full pushes (protocol.MaxBatchRecords), each applied and re-scored by the center in one
// transaction.
func BenchmarkSync10k(b *testing.B) {
	for range b.N {
		b.StopTimer()
		c, n := enrolledB(b)
		fillOutbox(b, n, 10000)
		b.StartTimer()
		if err := n.Round(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got := len(centerAttemptsB(b, c)); got != 10000 {
			b.Fatalf("center has %d attempts", got)
		}
		c.Stop()
	}
}

// counting counts the bytes of every answer body, by kind of request.
type counting struct {
	mu    sync.Mutex
	bytes map[string]int
	blobs []string
}

func (c *counting) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	kind := "sync"
	if strings.Contains(req.URL.Path, "/blobs/") {
		kind = "files"
		c.blobs = append(c.blobs, req.URL.Path[strings.LastIndex(req.URL.Path, "/")+1:])
	}
	c.mu.Lock()
	c.bytes[kind] += len(body)
	c.mu.Unlock()
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	return resp, nil
}

// A course update where one lesson changed downloads only the files whose content changed: that
// lesson and course.yaml (its version number), plus the signed manifest in the sync reply.
func TestCourseUpdateTransfersOnlyChangedFiles(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		v2 := filepath.Join(t.TempDir(), "v2")
		if err := os.CopyFS(v2, os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample"))); err != nil {
			t.Fatal(err)
		}
		yaml, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
		os.WriteFile(filepath.Join(v2, "course.yaml"), []byte(strings.Replace(string(yaml), "version: 1", "version: 2", 1)), 0o644)
		lesson := filepath.Join(v2, "lessons", "02-repaso.md")
		old, _ := os.ReadFile(lesson)
		changed := append(old, []byte("\nUn párrafo nuevo para la versión 2 del curso, con lo que cambió.\n")...)
		os.WriteFile(lesson, changed, 0o644)
		c.Must(t, "", "course", "publish", "--data", c.Data, v2)

		ct := &counting{bytes: map[string]int{}}
		n.HTTP = &http.Client{Transport: ct}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		yaml2, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
		want := len(changed) + len(yaml2)
		t.Logf("changed files %d bytes (lesson %d + course.yaml %d); downloaded files %d bytes in %d requests; sync replies %d bytes (with the manifest)",
			want, len(changed), len(yaml2), ct.bytes["files"], len(ct.blobs), ct.bytes["sync"])
		if len(ct.blobs) != 2 || ct.bytes["files"] != want {
			t.Errorf("downloaded %d files, %d bytes; want exactly the changed lesson and course.yaml (%d bytes)", len(ct.blobs), ct.bytes["files"], want)
		}
		if _, err := n.Store.FindVersion(context.Background(), "curso-de-prueba", 2); err != nil {
			t.Fatal(err)
		}
	})
}

// enrolledB and centerAttemptsB are enrolled and centerAttempts for benchmarks.
func enrolledB(b *testing.B) (*e2e.Center, *Node) { return enrolledTB(b) }

func centerAttemptsB(b *testing.B, c *e2e.Center) []string {
	var ids []string
	for _, a := range centerAttempts(b, c) {
		ids = append(ids, a.ID)
	}
	return ids
}

// BenchmarkCourseUpdate measures what a course update costs on the wire when one lesson
// changed: the bytes of the files downloaded over the bytes of the files that changed (the
// lesson and course.yaml's version number), and the sync replies (with the signed manifest).
func BenchmarkCourseUpdate(b *testing.B) {
	for i := range b.N {
		b.StopTimer()
		c, n := enrolledB(b)
		v2 := filepath.Join(b.TempDir(), "v2")
		if err := os.CopyFS(v2, os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample"))); err != nil {
			b.Fatal(err)
		}
		yaml, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
		os.WriteFile(filepath.Join(v2, "course.yaml"), []byte(strings.Replace(string(yaml), "version: 1", "version: 2", 1)), 0o644)
		lesson := filepath.Join(v2, "lessons", "01-bienvenida.md")
		old, _ := os.ReadFile(lesson)
		changed := append(old, []byte(fmt.Sprintf("\nPárrafo nuevo número %d de la versión 2.\n", i))...)
		os.WriteFile(lesson, changed, 0o644)
		c.Must(b, "", "course", "publish", "--data", c.Data, v2)
		yaml2, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
		ct := &counting{bytes: map[string]int{}}
		n.HTTP = &http.Client{Transport: ct}
		b.StartTimer()
		if err := n.Round(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(ct.bytes["files"])/float64(len(changed)+len(yaml2)), "x-changed-bytes")
		b.ReportMetric(float64(ct.bytes["files"]), "file-bytes")
		b.ReportMetric(float64(ct.bytes["sync"]), "reply-bytes")
		c.Stop()
	}
}
