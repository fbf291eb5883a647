package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// One attempt id arriving from two nodes is kept once, from the node that sent it first; the
// second node's copy is set aside with a reason that names the first node, and the first node
// sending it again changes nothing.
func TestPushedAttemptIsKeptOncePerID(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		var nodes []*Node
		for i, code := range []string{"A-1", "B-2"} {
			if _, err := s.CreateStation(context.Background(), code, code, "tok"+code, "t"); err != nil {
				t.Fatal(err)
			}
			rows := []OfficerRow{{Line: 2, Badge: "X1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: code, PINHash: "p"}}
			if _, bad, err := s.ImportOfficers(context.Background(), rows, "t"); err != nil || len(bad) > 0 {
				t.Fatal(err, bad)
			}
			pub, _, _ := ed25519.GenerateKey(nil)
			n, err := s.EnrollNode(context.Background(), "tok"+code, fmt.Sprintf("node-%d", i), pub, "test")
			if err != nil {
				t.Fatal(err)
			}
			nodes = append(nodes, n)
		}
		push := func(n *Node, seq int64) (int64, []Rejection) {
			t.Helper()
			a := &IncomingAttempt{ID: "0193a8e0-0000-7000-8000-0000000000aa", Badge: "X1", CourseID: "c", Version: 1, Secret: "s",
				Responses: "[0]", Started: time.Unix(1, 0), Submitted: time.Unix(2, 0), NodeScore: 100, Score: 100, Passed: true}
			acked, rejected, err := s.ApplyPush(context.Background(), n.ID, slices.Values([]Incoming{{Seq: seq, Kind: "attempt", Attempt: a, Payload: func() string { return "{}" }}}),
				func() (SyncInfo, error) { return SyncInfo{NodeVersion: "test", NodeTime: time.Now()}, nil })
			if err != nil {
				t.Fatal(err)
			}
			return acked, rejected
		}
		if acked, rej := push(nodes[0], 1); acked != 1 || len(rej) > 0 {
			t.Fatalf("first push: acked %d, rejected %v", acked, rej)
		}
		if acked, rej := push(nodes[0], 1); acked != 1 || len(rej) > 0 {
			t.Fatalf("the same push again: acked %d, rejected %v", acked, rej)
		}
		acked, rej := push(nodes[1], 1)
		if acked != 1 || len(rej) != 1 || !strings.Contains(rej[0].Reason, nodes[0].ID) {
			t.Fatalf("the same attempt from another node: acked %d, rejected %v", acked, rej)
		}
		var n int
		if err := s.db.Read.QueryRow(`SELECT count(*) FROM attempts`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d attempts stored (%v), want 1", n, err)
		}
	})
}

// A push marks, for the compliance counts, the officers of its new passed attempts (and only
// those): attempts have no trigger, the push writes the marks in one statement.
func TestPushMarksItsPassedOfficers(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		ctx := context.Background()
		if _, err := s.CreateStation(ctx, "M-1", "M-1", "tokM", "t"); err != nil {
			t.Fatal(err)
		}
		rows := []OfficerRow{{Line: 2, Badge: "P1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "M-1", PINHash: "p"},
			{Line: 3, Badge: "F1", GivenNames: "Luis", FamilyNames: "Díaz", Rank: "Oficial", StationCode: "M-1", PINHash: "p"}}
		if _, bad, err := s.ImportOfficers(ctx, rows, "t"); err != nil || len(bad) > 0 {
			t.Fatal(err, bad)
		}
		pub, _, _ := ed25519.GenerateKey(nil)
		n, err := s.EnrollNode(ctx, "tokM", "node-m", pub, "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Write.Exec(`DELETE FROM compliance_marks`); err != nil { // the import's marks
			t.Fatal(err)
		}
		var in []Incoming
		for i, who := range []struct {
			badge  string
			passed bool
		}{{"P1", true}, {"F1", false}, {"P1", true}} {
			a := &IncomingAttempt{ID: fmt.Sprintf("0193a8e0-0000-7000-8000-00000000010%d", i), Badge: who.badge, CourseID: "c", Version: 1, Secret: "s",
				Responses: "[0]", Started: time.Unix(1, 0), Submitted: time.Unix(2, 0), Passed: who.passed}
			in = append(in, Incoming{Seq: int64(i + 1), Kind: "attempt", Attempt: a, Payload: func() string { return "{}" }})
		}
		if _, rej, err := s.ApplyPush(ctx, n.ID, slices.Values(in), func() (SyncInfo, error) { return SyncInfo{NodeVersion: "test", NodeTime: time.Now()}, nil }); err != nil || len(rej) > 0 {
			t.Fatal(err, rej)
		}
		var marked []string
		err = eachRow(ctx, s.db.Read, `SELECT o.badge FROM compliance_marks m JOIN officers o ON o.id = m.officer_id ORDER BY o.badge`, nil, func(r *sql.Rows) error {
			var b string
			err := r.Scan(&b)
			marked = append(marked, b)
			return err
		})
		if err != nil || !slices.Equal(marked, []string{"P1"}) {
			t.Fatalf("marked after the push: %v (%v), want [P1]", marked, err)
		}
	})
}

// A push runs with foreign-key checks off (it reads every reference itself); every other write
// still has them.
func TestForeignKeysCheckedAfterAPush(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		if _, err := s.CreateStation(context.Background(), "CCS-01", "Caracas", "tok", "test"); err != nil {
			t.Fatal(err)
		}
		pub, _, _ := ed25519.GenerateKey(nil)
		n, err := s.EnrollNode(context.Background(), "tok", "node-1", pub, "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ApplyPush(context.Background(), n.ID, slices.Values([]Incoming(nil)), func() (SyncInfo, error) { return SyncInfo{NodeTime: time.Now()}, nil }); err != nil {
			t.Fatal(err)
		}
		err = s.tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO lessons_read (officer_id, course_id, lesson_id, station_id, read_at) VALUES (999, 'c', 'l', 999, 'now')`)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") && !strings.Contains(err.Error(), "23503") {
			t.Errorf("a row pointing at no officer was written after a push: %v", err)
		}
	})
}
