package syncer

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
	"aula/internal/pgdb"
	"aula/internal/pgtest"
	"aula/sync/certificate"
)

// twoCenterRounds is how many rounds of TestTwoCentersOneDatabaseWithKills must be cut by a kill.
const twoCenterRounds = 20

// Two aula-server processes on one PostgreSQL database (two ports, copies of one data folder:
// the same keys), as behind a load balancer. A real node pushes through one and then the other,
// round after round; in each round the center receiving the push is killed with SIGKILL at a
// random moment, the node finishes its push through the other center, and the killed one
// restarts. After every round the database holds each attempt and certificate the node made
// exactly once (none refused) and the node's acknowledged sequence is the center's.
func TestTwoCentersOneDatabaseWithKills(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials take a while")
	}
	pgtest.Require(t)
	t.Parallel()
	ctx := context.Background()
	centers, db := postgresCenters(t)
	n := enrollNode(t, centers[0], centers[0].Token)
	n.BatchRecords = 5
	st := n.Store
	rng := rand.New(rand.NewPCG(44, 0))

	made := nodeRecords{}
	made.take(t, n, 100)
	n.Server = centers[1].URL
	t0 := time.Now()
	if err := n.Round(ctx); err != nil {
		t.Fatal(err)
	}
	measured := time.Since(t0)
	span := measured
	cut, round := 0, 0
	for ; cut < twoCenterRounds; round++ {
		if round == 3*twoCenterRounds {
			t.Fatalf("only %d of %d rounds were cut by the kill", cut, round)
		}
		through, other := centers[round%2], centers[1-round%2]
		made.take(t, n, round)
		n.Server = through.URL
		done := make(chan error, 1)
		go func() { done <- n.Round(ctx) }()
		time.Sleep(span/20 + time.Duration(rng.Int64N(int64(span*8/10))))
		through.Kill()
		if <-done != nil {
			cut++
		} else {
			span = span * 3 / 4 // the round was faster than measured: aim earlier
		}
		n.Server = other.URL
		if err := n.Round(ctx); err != nil {
			t.Fatalf("round %d: the push through the other center: %v", round, err)
		}
		through.Start()
		made.check(t, st, db, round)
	}
	t.Logf("a round of 150 attempts (15 with certificates) takes %v here; %d rounds, %d cut by a kill of the center receiving the push; %d attempts and %d certificates, each held once",
		measured, round, cut, made.attempts, made.certificates)
}

// postgresCenters starts two center processes on one new PostgreSQL database holding the e2e
// center (station CCS-01, its officers, the sample course), moved there with migrate-store, and
// returns them with the database's URL.
func postgresCenters(t *testing.T) ([]*e2e.Center, string) {
	t.Helper()
	c := e2e.NewCenter(t)
	c.Stop()
	db := pgtest.NewDatabase(t)
	e2e.Must(t, "", c.Bin, "migrate-store", "--from", c.Data, "--to", db)
	a := e2e.StartOn(t, c.Data, db)
	a.Token = c.Token
	return []*e2e.Center{a, a.Twin(t)}, db
}

// nodeRecords counts what the node made.
type nodeRecords struct{ attempts, certificates int }

// take makes the two officers take 150 attempts between them on the node; every tenth passes with
// every answer right and gets its certificate, as the node's quiz page issues it.
func (m *nodeRecords) take(t *testing.T, n *Node, round int) {
	t.Helper()
	for i := range 150 {
		badge := []string{"PNB-1", "PNB-2"}[i%2]
		if i%10 == 0 {
			passWithCertificate(t, n, badge)
			m.certificates++
		} else {
			takeAttempt(t, n.Store, badge, round*1000+i)
		}
		m.attempts++
	}
}

// check compares the database with the node after a clean sync: every attempt and certificate
// the node made once, nothing refused, the node's acknowledged sequence the center's.
func (m *nodeRecords) check(t *testing.T, st *store.Store, db string, round int) {
	t.Helper()
	pool, err := pgdb.Connect(db)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	count := func(q string) (n, distinct int) {
		if err := pool.QueryRow(q).Scan(&n, &distinct); err != nil {
			t.Fatal(err)
		}
		return
	}
	if n, d := count(`SELECT count(*), count(DISTINCT id) FROM attempts`); n != m.attempts || d != n {
		t.Fatalf("round %d: the database holds %d attempts (%d distinct); the node made %d", round, n, d, m.attempts)
	}
	if n, d := count(`SELECT count(*), count(DISTINCT id) FROM certificates WHERE node_id IS NOT NULL`); n != m.certificates || d != n {
		t.Fatalf("round %d: the database holds %d certificates (%d distinct); the node made %d", round, n, d, m.certificates)
	}
	if n, _ := count(`SELECT count(*), 0 FROM certificate_refusals`); n != 0 {
		t.Fatalf("round %d: %d certificates refused", round, n)
	}
	var centerAcked, pending int
	if err := pool.QueryRow(`SELECT acked_seq FROM nodes`).Scan(&centerAcked); err != nil {
		t.Fatal(err)
	}
	acked, err := st.MetaInt(context.Background(), store.MetaAcked)
	if err != nil {
		t.Fatal(err)
	}
	if pending, err = st.Pending(context.Background()); err != nil {
		t.Fatal(err)
	}
	if int(acked) != centerAcked {
		t.Fatalf("round %d: the node's acknowledged sequence is %d, the center's %d (%d records pending)", round, acked, centerAcked, pending)
	}
}

// passWithCertificate makes an officer pass the sample course on the node with every answer
// right and issues the certificate the node's quiz page would (signed by the node's key).
func passWithCertificate(t *testing.T, n *Node, badge string) {
	t.Helper()
	ctx := context.Background()
	v, err := n.Store.FindVersion(ctx, "curso-de-prueba", 1)
	if err != nil {
		t.Fatal(err)
	}
	files, err := n.Store.VersionFiles(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _ := coursepkg.ReadFiles(files, "x")
	c := pkg.Course
	a, _, err := n.Store.StartAttempt(ctx, badge, c.ID, c.Version, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	paper := courses.BuildPaper(c.Quiz, courses.AttemptSeed(a.ID, a.Secret))
	resp := map[string]json.RawMessage{}
	for id, v := range e2e.RightResponses(c.Quiz, paper) {
		resp[id], _ = json.Marshal(v)
	}
	res := courses.Score(c.Quiz, paper, resp)
	if !res.Passed {
		t.Fatalf("every answer right did not pass: %+v", res)
	}
	o, err := n.Store.FindOfficer(ctx, badge)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	score := res.Score
	claims := certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: o.Name(), Badge: badge,
		CourseID: c.ID, Version: c.Version, Title: c.Title, Hours: c.Hours, Score: &score, IssuedOn: now.Format(time.DateOnly),
		ExpiresOn: now.AddDate(0, c.Certificate.ValidMonths, 0).Format(time.DateOnly), Issuer: n.Station, NodeID: n.NodeID}
	cert := &store.Certificate{Claims: claims, Token: certificate.SignByNode(claims, n.Key, n.Endorsement, n.EndorsementSig), AttemptID: a.ID, Origin: "node"}
	if err := n.Store.FinishAttempt(ctx, a, resp, paper.CanonicalJSON(resp), res, false, cert); err != nil {
		t.Fatal(err)
	}
}
