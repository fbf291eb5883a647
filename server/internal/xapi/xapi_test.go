package xapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/npmtest"
	"aula/internal/pgtest"
	"aula/server/internal/cli"
	"aula/server/internal/store"
	"aula/server/internal/xapi"
	"aula/sync/auth"
)

// lrs is a small Learning Record Store: it takes POST /statements while up, keeps each statement
// once by id and counts how many times each id arrived.
type lrs struct {
	mu       sync.Mutex
	up       bool
	byID     map[string]json.RawMessage
	arrivals map[string]int
	order    []string
	bad      []string // requests that broke the protocol
}

func (l *lrs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.up {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	user, pass, _ := r.BasicAuth()
	if r.Method != http.MethodPost || r.URL.Path != "/xapi/statements" || r.Header.Get("X-Experience-API-Version") != "1.0.3" || user != "lrs" || pass != "secreto" {
		l.bad = append(l.bad, r.Method+" "+r.URL.Path)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var sts []json.RawMessage
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &sts); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ids := []string{}
	for _, st := range sts {
		var h struct{ ID string }
		json.Unmarshal(st, &h)
		l.arrivals[h.ID]++
		if _, ok := l.byID[h.ID]; !ok {
			l.byID[h.ID] = st
			l.order = append(l.order, h.ID)
		}
		ids = append(ids, h.ID)
	}
	json.NewEncoder(w).Encode(ids)
}

// seed writes a station, two officers, three attempts (a failure, two passes of one course
// version: one completion) and a workshop attendance.
func seed(t *testing.T, dir string, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.CreateStation(ctx, "CCS-01", "Caracas Centro", auth.HashToken("x"), "test"); err != nil {
		t.Fatal(err)
	}
	db := st.SQL() // either dialect's (on SQLite the store's one writer: no transaction is held)
	now := time.Now().UTC()
	ts := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	for _, q := range []string{
		`INSERT INTO officers (badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at) VALUES ('PNB-1', 'María', 'Pérez', 'Oficial', 1, 'x', '` + ts(0) + `', '` + ts(0) + `')`,
		`INSERT INTO officers (badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at) VALUES ('PNB-2', 'Luis', 'Núñez', 'Oficial', 1, 'x', '` + ts(0) + `', '` + ts(0) + `')`,
		`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at, started_at) VALUES
			('A1', 1, 1, 'uso-de-la-fuerza', 1, 40, 0, '` + ts(-3*time.Hour) + `', '` + ts(-3*time.Hour) + `', '` + ts(-3*time.Hour-20*time.Minute) + `'),
			('A2', 1, 1, 'uso-de-la-fuerza', 1, 85.5, 1, '` + ts(-2*time.Hour) + `', '` + ts(-2*time.Hour) + `', '` + ts(-2*time.Hour-12*time.Minute-30*time.Second) + `'),
			('A3', 1, 1, 'uso-de-la-fuerza', 1, 95, 1, '` + ts(-time.Hour) + `', '` + ts(-time.Hour) + `', NULL),
			('A4', 2, 1, 'uso-de-la-fuerza', 1, 100, 1, '` + ts(-time.Hour) + `', '` + ts(-time.Hour) + `', '` + ts(-time.Hour-5*time.Minute) + `')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := st.CreateWorkshop(ctx, store.Workshop{ID: "W1", Title: courses.Text{"es": "Taller de derechos humanos"}, Area: "human-rights", Hours: 4,
		Station: "CCS-01", Day: now.Format(time.DateOnly), Trainer: "Insp. Rojas"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPaperRoster(ctx, "W1", []string{"PNB-2"}, "admin"); err != nil {
		t.Fatal(err)
	}
}

// xAPI: every record becomes a statement that the xapi-validation package (Learning Locker's,
// from npm) accepts with no warning; with the LRS down for a while, then up, each statement
// arrives exactly once, and the export writes the same statements as JSON lines.
func TestStatementsValidAndDeliveredOnceAfterTheLRSWasDown(t *testing.T) {
	pgtest.Dialects(t, statementsDelivered)
}

func statementsDelivered(t *testing.T) {
	dir, url := t.TempDir(), pgtest.URL(t)
	t.Setenv("AULA_DB", url) // the export command's store in the PostgreSQL run
	st, err := store.OpenAt(store.Location{Dir: dir, DB: url})
	if err != nil {
		t.Fatal(err)
	}
	var closeOnce sync.Once
	closeStore := func() { closeOnce.Do(func() { st.Close() }) }
	defer closeStore()
	seed(t, dir, st)
	key, err := auth.LoadOrCreateKey(filepath.Join(dir, "center.key"))
	if err != nil {
		t.Fatal(err)
	}
	l := &lrs{byID: map[string]json.RawMessage{}, arrivals: map[string]int{}}
	srv := httptest.NewServer(l)
	defer srv.Close()
	clock := time.Now().UTC()
	s := &xapi.Sender{Store: st, Key: key, Base: "https://aula.example", URL: srv.URL + "/xapi", User: "lrs", Password: "secreto",
		Now: func() time.Time { return clock }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()

	n, err := s.Fill(ctx)
	want := 4 + 2 + 1 // attempts; completions (PNB-1 once for two passes, PNB-2); attendance
	if err != nil || n != want {
		t.Fatalf("queued %d statements (%v), want %d", n, err, want)
	}
	if again, _ := s.Fill(ctx); again != 0 {
		t.Errorf("a second fill queued %d more", again)
	}
	for range 3 { // the LRS is down: every round fails and backs off
		if sent, err := s.SendDue(ctx); sent != 0 || err != nil {
			t.Fatalf("LRS down: sent %d, %v", sent, err)
		}
		clock = clock.Add(xapi.Backoff(10))
	}
	l.mu.Lock()
	l.up = true
	l.mu.Unlock()
	if sent, err := s.SendDue(ctx); sent != want || err != nil {
		t.Fatalf("LRS up: sent %d of %d, %v", sent, want, err)
	}
	clock = clock.Add(2 * time.Hour)
	if sent, _ := s.SendDue(ctx); sent != 0 {
		t.Errorf("%d statements sent again", sent)
	}
	queued, delivered, _ := st.XAPICounts(ctx)
	if queued != want || delivered != want || len(l.byID) != want || len(l.bad) > 0 {
		t.Fatalf("outbox %d/%d, LRS holds %d, bad requests %v", delivered, queued, len(l.byID), l.bad)
	}
	for id, n := range l.arrivals {
		if n != 1 {
			t.Errorf("statement %s arrived %d times", id, n)
		}
	}

	// Content: the officer as an account with no name or badge; verbs; scores; station; duration.
	all := string(mustJSON(t, l.byID))
	for _, secret := range []string{"PNB-1", "PNB-2", "María", "Pérez", "mbox"} {
		if strings.Contains(all, secret) {
			t.Errorf("the statements carry %q", secret)
		}
	}
	var a2 xapi.Statement
	json.Unmarshal(l.byID[xapi.UUID5("attempt:A2")], &a2)
	if a2.Verb.ID != "http://adlnet.gov/expapi/verbs/passed" || a2.Result.Score.Scaled != 0.855 || a2.Result.Score.Raw != 85.5 ||
		a2.Result.Duration != "PT0H12M30S" || a2.Context.Platform != "CCS-01" || a2.Context.Language != "es" ||
		a2.Actor.Account.HomePage != "https://aula.example" || !strings.HasPrefix(a2.Object.ID, "https://aula.example/") {
		t.Errorf("attempt A2 statement %+v", a2)
	}

	// Validation with Learning Locker's validator from npm: no warning for any statement.
	npm := npmtest.Install(t, "xapi-validation@2")
	file := filepath.Join(npm, "statements.json")
	var list []json.RawMessage
	for _, id := range l.order {
		list = append(list, l.byID[id])
	}
	os.WriteFile(file, mustJSON(t, list), 0o644)
	out := npmtest.Node(t, npm, `
import { readFileSync } from 'node:fs';
import validation from 'xapi-validation';
const validate = validation.default || validation;
const sts = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let warnings = 0;
for (const st of sts) {
  const w = validate(st);
  if (w.length) { warnings += w.length; console.error(JSON.stringify(st), JSON.stringify(w)); }
}
console.log(JSON.stringify({ statements: sts.length, warnings }));
`, file)
	var res struct{ Statements, Warnings int }
	json.Unmarshal([]byte(out), &res)
	if res.Statements != want || res.Warnings != 0 {
		t.Errorf("xapi-validation: %s", out)
	}

	// The export: the same statements, one per line.
	closeStore()
	path := filepath.Join(t.TempDir(), "xapi.jsonl")
	var o, e bytes.Buffer
	if code := cli.RunWithInput([]string{"xapi", "export", "--data", dir, "--out", path, "--public-url", "https://aula.example"}, nil, &o, &e); code != 0 {
		t.Fatalf("xapi export: %d %s%s", code, o.String(), e.String())
	}
	f, _ := os.Open(path)
	defer f.Close()
	lines := 0
	for sc := bufio.NewScanner(f); sc.Scan(); lines++ {
		var h struct{ ID string }
		json.Unmarshal(sc.Bytes(), &h)
		if _, ok := l.byID[h.ID]; !ok {
			t.Errorf("exported statement %s was not the one sent", h.ID)
		}
	}
	if lines != want {
		t.Errorf("exported %d lines, want %d", lines, want)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
