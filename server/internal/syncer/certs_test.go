package syncer

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/server/internal/publish"
	"aula/server/internal/store"
	"aula/sync/auth"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// stationNode is a center with a one-question course (answer true to pass; certificates issued
// at stations, valid 12 months), station CCS-01 with officer PNB-1, and an enrolled node whose
// key and endorsement the test holds, to sign certificates as that node would.
type stationNode struct {
	c        *Center
	node     *store.Node
	key      ed25519.PrivateKey
	end      []byte
	endSig   string
	seq      int64
	today    string
	title    courses.Text
	expiryOn string
}

func newStationNode(t *testing.T) *stationNode {
	t.Helper()
	st, err := store.OpenAt(store.Location{Dir: t.TempDir(), DB: pgtest.URL(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(nil)
	mem := fstest.MapFS{}
	sample := filepath.Join("..", "..", "..", "courses", "testdata", "sample")
	fs.WalkDir(os.DirFS(sample), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(filepath.Join(sample, p))
			mem[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	mem["quiz.yaml"] = &fstest.MapFile{Data: []byte(`pass_mark: 50
attempts: 0
draw: 0
shuffle: false
review: score
questions:
  - id: verdad
    type: true_false
    prompt: {es: "El agua moja.", en: "Water is wet."}
    answer: true
`)}
	if _, err := (&publish.Publisher{Store: st, Key: key, Now: time.Now}).Publish(context.Background(), mem, "", "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateStation(context.Background(), "CCS-01", "Caracas", auth.HashToken("tok"), "test"); err != nil {
		t.Fatal(err)
	}
	rows := []store.OfficerRow{{Line: 2, Badge: "PNB-1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "CCS-01", PINHash: "x"}}
	if _, bad, err := st.ImportOfficers(context.Background(), rows, "test"); err != nil || len(bad) > 0 {
		t.Fatal(err, bad)
	}
	c := &Center{Store: st, Key: key, Now: time.Now}
	pub, nodeKey, _ := ed25519.GenerateKey(nil)
	reply, err := c.Enroll(context.Background(), protocol.EnrollRequest{Token: "tok", PublicKey: pub, NodeVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	node, _ := st.FindNode(context.Background(), reply.NodeID)
	now := time.Now().UTC()
	return &stationNode{c: c, node: node, key: nodeKey, end: reply.Endorsement, endSig: reply.EndorsementSig,
		today: now.Format(time.DateOnly), expiryOn: now.AddDate(0, 12, 0).Format(time.DateOnly),
		title: courses.Text{"es": "Curso de prueba", "en": "Test course"}}
}

// attempt is a submitted attempt record: passed when answer is true.
func (s *stationNode) attempt(answer bool) protocol.Record {
	s.seq++
	resp, _ := json.Marshal([]bool{answer})
	return protocol.Record{Seq: s.seq, Kind: protocol.KindAttempt, Attempt: &protocol.Attempt{ID: courses.NewID(), Badge: "PNB-1",
		Course: "curso-de-prueba", Version: 1, Secret: "s3cr3t", Started: 1, Submitted: 2, Responses: resp, Score: 100}}
}

// claims are what the node would state for an attempt passed with 100.
func (s *stationNode) claims() certificate.Claims {
	score := 100.0
	return certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: "Ana Pérez", Badge: "PNB-1", CourseID: "curso-de-prueba",
		Version: 1, Title: s.title, Hours: 1, Score: &score, IssuedOn: s.today, ExpiresOn: s.expiryOn, Issuer: "CCS-01 — Caracas", NodeID: s.node.ID}
}

// cert is a certificate record signed with the node's real key.
func (s *stationNode) cert(cl certificate.Claims, attemptID string) protocol.Record {
	s.seq++
	return protocol.Record{Seq: s.seq, Kind: protocol.KindCert,
		Cert: &protocol.Cert{Token: certificate.SignByNode(cl, s.key, s.end, s.endSig), AttemptID: attemptID}}
}

func (s *stationNode) push(t *testing.T, recs ...protocol.Record) *protocol.Reply {
	t.Helper()
	body, err := protocol.Encode(&protocol.Push{Protocol: protocol.Version, NodeID: s.node.ID, NodeVersion: "test", NodeTime: time.Now().Unix(), Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	p, err := protocol.ReadPush(body)
	if err != nil {
		t.Fatal(err)
	}
	reply, err := s.c.Apply(context.Background(), s.node, p, false)
	if err != nil {
		t.Fatal(err)
	}
	return reply
}

// The center takes a certificate a node pushes only when an attempt of the same officer and
// course version, from that node, backs it and the center's re-score passed it, and when what it
// states agrees with the center's records. It countersigns it and sends the countersigned token
// down to the station. Any other is set aside in the sync-rejects queue with its reason, never
// stored as a certificate (so never shown as valid).
func TestCenterChecksEveryPushedCertificate(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := newStationNode(t)
		passed, failed, passed2 := s.attempt(true), s.attempt(false), s.attempt(true)
		good := s.claims()
		forFailed := s.claims()
		noAttempt := s.claims()
		second := s.claims()
		inventedHours := s.claims()
		inventedHours.Hours = 40
		inventedName := s.claims()
		inventedName.Name = "Juan Inventado"
		otherBadge := s.claims()
		otherBadge.Badge, otherBadge.Name = "PNB-9", "Nadie"
		recs := []protocol.Record{passed, failed, passed2,
			s.cert(good, passed.Attempt.ID),
			s.cert(forFailed, failed.Attempt.ID),
			s.cert(noAttempt, courses.NewID()),
			s.cert(second, passed.Attempt.ID),
			s.cert(inventedHours, passed2.Attempt.ID),
			s.cert(inventedName, passed2.Attempt.ID),
			s.cert(otherBadge, passed2.Attempt.ID),
		}
		reply := s.push(t, recs...)
		if reply.Acked != s.seq {
			t.Fatalf("acked %d of %d", reply.Acked, s.seq)
		}

		cert, err := s.c.Store.FindCertificate(context.Background(), good.Code)
		if err != nil {
			t.Fatalf("the backed certificate was not kept: %v", err)
		}
		if claims, end, err := certificate.Verify(cert.Token, s.c.Key.Public().(ed25519.PublicKey)); err != nil || end != nil ||
			claims.ID != good.ID || claims.Issuer != "CCS-01 — Caracas" || cert.NodeID != s.node.ID {
			t.Errorf("the kept certificate is not the center's countersignature: %v, endorsement %v, %+v", err, end, claims)
		}
		var down *protocol.Cert
		for _, ch := range reply.Changes {
			if ch.Kind == protocol.ChangeCert && ch.Cert != nil {
				down = ch.Cert
			}
		}
		if down == nil || down.Token != cert.Token {
			t.Errorf("the countersigned token was not sent down to the station: %+v", reply.Changes)
		}

		refused := map[string]string{forFailed.Code: "(attempt)", noAttempt.Code: "(attempt)", second.Code: "(attempt)",
			inventedHours.Code: "(facts)", inventedName.Code: "(facts)", otherBadge.Code: "officer PNB-9"}
		for code, want := range refused {
			if _, err := s.c.Store.FindCertificate(context.Background(), code); courses.ErrorCode(err) != courses.NotFound {
				t.Errorf("certificate %s was kept: %v", code, err)
			}
			found := false
			for _, rj := range reply.Rejected {
				if strings.Contains(rj.Reason, code) || (want == "officer PNB-9" && strings.Contains(rj.Reason, want)) {
					found = true
					if !strings.Contains(rj.Reason, want) {
						t.Errorf("certificate %s set aside as %q, want %q in it", code, rj.Reason, want)
					}
				}
			}
			if !found {
				t.Errorf("certificate %s was not set aside: %+v", code, reply.Rejected)
			}
		}
		list, err := s.c.Store.ListSyncRejects(context.Background(), "", store.Paging{})
		if err != nil || len(list) != len(refused) {
			t.Fatalf("%d records in the sync-rejects queue (%v), want %d", len(list), err, len(refused))
		}
		// The same push again changes nothing.
		if again := s.push(t, recs...); len(again.Rejected) != 0 {
			t.Errorf("a repeated push was judged again: %+v", again.Rejected)
		}
	})
}
