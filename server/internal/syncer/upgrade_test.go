package syncer

import (
	"context"
	"crypto/ed25519"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// upgradePush applies a push in protocol version p whose cursor was reached in version cp.
func upgradePush(t *testing.T, e *testCenter, p int, cursor int64, cp int, nodeTime int64, recs ...protocol.Record) *protocol.Reply {
	t.Helper()
	body, err := protocol.Encode(&protocol.Push{Protocol: p, NodeID: e.node.ID, NodeTime: nodeTime, Cursor: cursor, CursorProtocol: cp, Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	push, err := protocol.ReadPush(body)
	if err != nil {
		t.Fatal(err)
	}
	node, err := e.c.Store.FindNode(context.Background(), e.node.ID)
	if err != nil {
		t.Fatal(err)
	}
	reply, err := e.c.Apply(context.Background(), node, push, false)
	if err != nil {
		t.Fatal(err)
	}
	if reply.Protocol != p {
		t.Fatalf("a push in version %d got a reply in version %d", p, reply.Protocol)
	}
	return reply
}

func kinds(r *protocol.Reply) map[string]int {
	out := map[string]int{}
	for _, ch := range r.Changes {
		out[ch.Kind]++
	}
	return out
}

// A node one version behind gets replies in its version, without the change kinds it does not
// know, and its cursor moves past them; once it speaks the new version it gets them, because
// its push says its cursor was reached in the old one. Each attempt keeps the node's clock
// offset.
func TestOlderNodeServedInItsVersion(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newTestCenter(t)
		now := time.Unix(1764230400, 0)
		e.c.Now = func() time.Time { return now }
		// Another station's node, revoked: a node_revocation change (version 2) for every station.
		if _, err := e.c.Store.CreateStation(context.Background(), "CCS-02", "Chacao", "tokenhash2", "admin"); err != nil {
			t.Fatal(err)
		}
		_, key2, _ := ed25519.GenerateKey(nil)
		if _, err := e.c.Store.EnrollNode(context.Background(), "tokenhash2", "node-2", key2.Public().(ed25519.PublicKey), "test"); err != nil {
			t.Fatal(err)
		}
		if err := e.c.Store.RevokeNode(context.Background(), "node-2", "admin"); err != nil {
			t.Fatal(err)
		}

		old := upgradePush(t, e, 1, 0, 0, now.Unix()+3600, attempts(e.quiz, 0, 3)...)
		if k := kinds(old); k[protocol.ChangeNodeRevocation] != 0 || k[protocol.ChangeCourse] != 1 || old.Acked != 3 {
			t.Fatalf("version 1 reply: changes %v, acked %d", k, old.Acked)
		}
		if again := upgradePush(t, e, 1, old.Cursor, 0, now.Unix()); len(again.Changes) != 0 || again.Cursor != old.Cursor || again.More {
			t.Fatalf("the old node is sent %d changes again (cursor %d → %d): it would stall", len(again.Changes), old.Cursor, again.Cursor)
		}

		// The node upgraded: its cursor was reached in version 1.
		up := upgradePush(t, e, 2, old.Cursor, 1, now.Unix())
		if k := kinds(up); k[protocol.ChangeNodeRevocation] != 1 || up.Changes[0].Kind != protocol.ChangeNodeRevocation {
			t.Fatalf("after the upgrade: changes %v, want the node revocation first", k)
		}
		if rv := up.Changes[0].Revocation; rv == nil || rv.ID != "node-2" {
			t.Fatalf("node revocation %+v", rv)
		}
		if up.Cursor != old.Cursor {
			t.Errorf("cursor %d after reading again, want %d", up.Cursor, old.Cursor)
		}
		// Once the node says its cursor was reached in version 2, nothing comes again.
		if done := upgradePush(t, e, 2, up.Cursor, 2, now.Unix()); len(done.Changes) != 0 {
			t.Errorf("version 2 cursor: %d changes sent again", len(done.Changes))
		}
		if node, _ := e.c.Store.FindNode(context.Background(), e.node.ID); node.Protocol != 2 {
			t.Errorf("the center noted protocol %d for the node, want 2", node.Protocol)
		}

		list, err := e.c.Store.ListAttempts(context.Background(), store.ResultFilter{}, false)
		if err != nil || len(list) != 3 {
			t.Fatalf("attempts %d, %v", len(list), err)
		}
		for _, a := range list {
			if a.ClockOffset == nil || *a.ClockOffset != 3600 {
				t.Errorf("attempt %s: clock offset %v, want 3600 s", a.ID, a.ClockOffset)
			}
		}
	})
}
