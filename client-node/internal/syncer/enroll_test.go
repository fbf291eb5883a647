package syncer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"net/http"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/auth"
	"aula/sync/protocol"
)

// The node made its key and the center spent the token, but the node died before it saved the
// answer: aula-node enroll with the same token gets the same node back, and it syncs.
func TestEnrollmentRecoveredAfterACrash(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c := e2e.NewCenter(t)
		dir := t.TempDir()
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		key, err := auth.LoadOrCreateKey(keyFile(dir))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(protocol.EnrollRequest{Token: c.Token, PublicKey: key.Public().(ed25519.PublicKey), NodeVersion: Version, Counters: true})
		resp, err := http.Post(c.URL+"/api/v1/nodes/enroll", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var lost protocol.EnrollReply
		json.NewDecoder(resp.Body).Decode(&lost)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("first enrollment: %d", resp.StatusCode)
		}
		if id, _ := st.Meta(context.Background(), store.MetaNodeID); id != "" {
			t.Fatal("the node saved an enrollment it never received")
		}

		if _, _, err := Enroll(context.Background(), st, dir, c.URL, c.Token, http.DefaultClient); err != nil {
			t.Fatalf("enrolling again after the crash: %v", err)
		}
		n, err := Open(context.Background(), st, dir, quiet)
		if err != nil {
			t.Fatal(err)
		}
		if n.NodeID != lost.NodeID {
			t.Errorf("node %s, want the node the center made first (%s)", n.NodeID, lost.NodeID)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		// Another key cannot use the spent token.
		other := t.TempDir()
		st2, _ := store.Open(other)
		defer st2.Close()
		if _, _, err := Enroll(context.Background(), st2, other, c.URL, c.Token, http.DefaultClient); err == nil {
			t.Error("another node enrolled with the spent token")
		}
	})
}
