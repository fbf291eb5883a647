package syncer

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// logins makes badge log in at the node: a failed PIN check, then a good one.
func logins(t *testing.T, st *store.Store, badge string) {
	t.Helper()
	for _, o := range []store.Outcome{store.Failed, store.OK} {
		if _, _, err := st.ReservePIN(context.Background(), badge, "terminal-1"); err != nil {
			t.Fatal(err)
		}
		if err := st.FinishPIN(context.Background(), badge, "terminal-1", o); err != nil {
			t.Fatal(err)
		}
	}
}

// centerChain reads the center's copy of the node's events: how many, and the first broken one.
func centerChain(t *testing.T, c *e2e.Center, nodeID string) (n int, broken int64, rejects int) {
	t.Helper()
	db := c.SQL(t)
	if err := db.QueryRow(`SELECT count(*), coalesce(min(CASE WHEN intact = 0 THEN seq END), 0) FROM node_events WHERE node_id = ?`, nodeID).Scan(&n, &broken); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sync_rejects WHERE node_id = ? AND kind = 'node_event'`, nodeID).Scan(&rejects); err != nil {
		t.Fatal(err)
	}
	return n, broken, rejects
}

// The node's chained events reach the center once each, in order, and verify there.
func TestNodeEventsTravelOnce(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		st := n.Store
		logins(t, st, "PNB-1")
		takeAttempt(t, st, "PNB-1", 0)
		for range 2 { // the second round sends nothing again
			if err := n.Round(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		got, broken, rejects := centerChain(t, c, n.NodeID)
		if got != 3 || broken != 0 || rejects != 0 {
			t.Fatalf("center holds %d events (first broken %d, %d set aside), want 3 intact", got, broken, rejects)
		}
		if left, err := st.UnsentEvents(context.Background()); err != nil || len(left) != 0 {
			t.Errorf("events still unsent after the sync: %v %v", left, err)
		}
		logins(t, st, "PNB-2")
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got, broken, _ := centerChain(t, c, n.NodeID); got != 5 || broken != 0 {
			t.Errorf("center holds %d events (first broken %d) after two more, want 5 intact", got, broken)
		}
	})
}

// An event edited in the node's database before the sync is reported at the center: its event
// is marked broken and set aside in the sync-rejects queue; the events after it still verify.
func TestEditedNodeEventIsCaught(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		st := n.Store
		logins(t, st, "PNB-1")
		logins(t, st, "PNB-2")
		db, err := sql.Open("sqlite", "file:"+filepath.Join(n.DataDir, "aula-node.db")+"?_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`UPDATE node_events SET kind = ? WHERE seq = 1`, protocol.EventLogin); err != nil { // a failed login made to look good
			t.Fatal(err)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		got, broken, rejects := centerChain(t, c, n.NodeID)
		if got != 4 || broken != 1 || rejects != 1 {
			t.Fatalf("center holds %d events, first broken %d, %d set aside; want 4, 1, 1", got, broken, rejects)
		}
	})
}

// A node talking to a center of version 5 or older leaves its events out (that center would
// refuse the field) and keeps them for a center that takes them.
func TestNodeEventsNotSentToAnOlderCenter(t *testing.T) {
	t.Parallel()
	_, n := enrolled(t)
	logins(t, n.Store, "PNB-1")
	n.speaks = protocol.EventsVersion - 1
	p, err := n.push(context.Background(), protocol.MaxBatchRecords, protocol.MaxBatchBytes)
	if err != nil || len(p.Events) != 0 {
		t.Fatalf("push in version %d carries %d events (%v)", n.speaks, len(p.Events), err)
	}
	if body, _ := protocol.Encode(p); body != nil {
		var plain map[string]any
		if err := protocol.Decode(body, &plain); err != nil || plain["ev"] != nil {
			t.Errorf("encoded push has events: %v", plain)
		}
	}
	n.speaks = 0
	if p, err := n.push(context.Background(), protocol.MaxBatchRecords, protocol.MaxBatchBytes); err != nil || len(p.Events) != 2 {
		t.Errorf("push in version %d carries %d events (%v), want 2", protocol.Version, len(p.Events), err)
	}
}
