package store

import (
	"context"
	"crypto/ed25519"
	"slices"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// repeatEnv is a station with officer X1 and an enrolled node.
func repeatEnv(t *testing.T) (*Store, *Node) {
	t.Helper()
	s := open(t)
	return s, enrollX1(t, s)
}

// enrollX1 adds station A-1 with officer X1 and enrolls a node for it.
func enrollX1(t *testing.T, s *Store) *Node {
	t.Helper()
	if _, err := s.CreateStation(context.Background(), "A-1", "A", "tok", "t"); err != nil {
		t.Fatal(err)
	}
	rows := []OfficerRow{{Line: 2, Badge: "X1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "A-1", PINHash: "p"}}
	if _, bad, err := s.ImportOfficers(context.Background(), rows, "t"); err != nil || len(bad) > 0 {
		t.Fatal(err, bad)
	}
	pub, _, _ := ed25519.GenerateKey(nil)
	n, err := s.EnrollNode(context.Background(), "tok", "node-1", pub, "test")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// attemptRec is an attempt record by badge with its payload (the record as received).
func attemptRec(seq int64, id, badge string) Incoming {
	a := &IncomingAttempt{ID: id, Badge: badge, CourseID: "c", Version: 1, Secret: "s", Responses: "[0]",
		Started: time.Unix(1, 0), Submitted: time.Unix(2, 0), NodeScore: 100, Score: 100, Passed: true}
	return Incoming{Seq: seq, Kind: "attempt", Attempt: a, Payload: func() string { return `{"s":1,"a":{"i":"` + id + `","b":"` + badge + `"}}` }}
}

func pushAll(t *testing.T, s *Store, n *Node, recs ...Incoming) (int64, []Rejection) {
	t.Helper()
	acked, rejected, err := s.ApplyPush(context.Background(), n.ID, slices.Values(recs), func() (SyncInfo, error) { return SyncInfo{NodeVersion: "test", NodeTime: time.Now()}, nil })
	if err != nil {
		t.Fatal(err)
	}
	return acked, rejected
}

func rejectsOf(t *testing.T, s *Store) []SyncReject {
	t.Helper()
	list, err := s.ListSyncRejects(context.Background(), "", Paging{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// A node restored from an older copy of its store reuses sequence numbers for new records. A
// record at or below the acknowledged sequence is still checked: a new one that must be set aside
// is kept in the queue with its reason (never dropped), even when an earlier record with the same
// sequence was set aside too; the very same record sent again is not queued twice.
func TestRepeatedSequenceStillSetsAside(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s, n := repeatEnv(t)
		if acked, rej := pushAll(t, s, n, attemptRec(1, "a-1", "X1"), attemptRec(2, "a-2", "NOBODY")); acked != 2 || len(rej) != 1 {
			t.Fatalf("first push: acked %d, rejected %v", acked, rej)
		}
		// The node's disk is restored: seqs 1 and 2 are reused for new records, both set aside.
		acked, rej := pushAll(t, s, n, attemptRec(1, "a-3", "GHOST"), attemptRec(2, "a-4", "GHOST"))
		if acked != 2 || len(rej) != 2 {
			t.Errorf("new records under reused sequences: acked %d, rejected %v; want both set aside", acked, rej)
		}
		if got := rejectsOf(t, s); len(got) != 3 {
			t.Fatalf("%d records set aside, want 3 (a-2, a-3, a-4): %+v", len(got), got)
		}
		// The same records again: nothing new to set aside.
		if _, rej := pushAll(t, s, n, attemptRec(1, "a-3", "GHOST"), attemptRec(2, "a-4", "GHOST")); len(rej) != 0 {
			t.Errorf("the same set-aside records again were reported as new: %v", rej)
		}
		if got := rejectsOf(t, s); len(got) != 3 {
			t.Fatalf("%d records set aside after a resend, want 3", len(got))
		}
	})
}

// A push counts what it really did: records written, records the center already held, records
// newly set aside and records set aside before.
func TestPushCountsWhatItDid(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s, n := repeatEnv(t)
		push := func(recs ...Incoming) PushCounts {
			t.Helper()
			res, err := s.ApplyNodePush(context.Background(), n.ID, NoCheck, slices.Values(recs), func() (SyncInfo, error) { return SyncInfo{NodeTime: time.Now()}, nil })
			if err != nil {
				t.Fatal(err)
			}
			return res.PushCounts
		}
		first := []Incoming{attemptRec(1, "a-1", "X1"), attemptRec(2, "a-2", "NOBODY"), attemptRec(3, "a-3", "X1")}
		if got := push(first...); got != (PushCounts{Applied: 2, SetAside: 1}) {
			t.Errorf("first push: %+v", got)
		}
		if got := push(first...); got != (PushCounts{AlreadyApplied: 2, AlreadySetAside: 1}) {
			t.Errorf("the same push again: %+v", got)
		}
		// A restored node: seq 2 and 3 reused for new records, then seq 4 is new.
		if got := push(attemptRec(2, "a-5", "X1"), attemptRec(3, "a-6", "GHOST"), attemptRec(4, "a-7", "X1")); got != (PushCounts{Applied: 2, SetAside: 1}) {
			t.Errorf("reused sequences: %+v", got)
		}
		if n, _ := s.CountAttempts(context.Background()); n != 4 {
			t.Errorf("%d attempts, want 4 (a-1, a-3, a-5, a-7)", n)
		}
	})
}
