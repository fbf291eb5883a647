package store

import (
	"context"
	"crypto/ed25519"
	"testing"

	"aula/courses"
	"aula/internal/pgtest"
)

// An enrollment cut after the center spent the token (the node crashed before it saved the
// answer) is recovered: the same token and the same key get the same node back; the same key
// with a new token too. Another key never gets in with a spent token, and one key cannot serve
// two stations.
func TestEnrollmentRetriedAfterACrash(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		for _, code := range []string{"A-1", "B-2"} {
			if _, err := s.CreateStation(context.Background(), code, code, "tok"+code, "t"); err != nil {
				t.Fatal(err)
			}
		}
		pub, _, _ := ed25519.GenerateKey(nil)
		first, err := s.EnrollNode(context.Background(), "tokA-1", "node-1", pub, "test")
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.EnrollNode(context.Background(), "tokA-1", "node-2", pub, "test")
		if err != nil || again.ID != first.ID {
			t.Fatalf("the same token and key again: %v, %+v; want node %s back", err, again, first.ID)
		}
		other, _, _ := ed25519.GenerateKey(nil)
		if _, err := s.EnrollNode(context.Background(), "tokA-1", "node-3", other, "test"); courses.ErrorCode(err) != courses.Unauthorized {
			t.Errorf("another key with the spent token: %v", err)
		}
		if _, err := s.NewEnrollmentToken(context.Background(), "A-1", "tok2", "admin"); err != nil {
			t.Fatal(err)
		}
		if n, err := s.EnrollNode(context.Background(), "tok2", "node-4", pub, "test"); err != nil || n.ID != first.ID {
			t.Errorf("the same key with a new token: %v, %+v", err, n)
		}
		if _, err := s.EnrollNode(context.Background(), "tokB-2", "node-5", pub, "test"); courses.ErrorCode(err) != courses.Conflict {
			t.Errorf("the key of a node of station A-1 enrolled for B-2: %v", err)
		}
		nodes, _ := s.ListNodes(context.Background())
		if len(nodes) != 1 {
			t.Errorf("%d nodes, want 1", len(nodes))
		}
	})
}
