package syncer

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/auth"
	"aula/sync/protocol"
)

func adminPost(t *testing.T, c *e2e.Center, path string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", c.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+centerToken(t, c))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Only enrolled, unrevoked nodes sync, each signing with its own key; a node writes only records
// of officers posted at its station; an old node talking to a newer center is told to upgrade.
func TestSyncAuthorization(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		ctx := context.Background()

		// An impostor with its own key but this node's id is refused.
		_, other, _ := ed25519.GenerateKey(nil)
		impostor := &Node{Store: n.Store, Key: other, CenterKey: n.CenterKey, NodeID: n.NodeID, Server: n.Server, HTTP: http.DefaultClient, Log: quiet}
		if err := impostor.Round(ctx); err == nil || !strings.Contains(err.Error(), "401") {
			t.Errorf("a node with the wrong key synced: %v", err)
		}
		unknown := &Node{Store: n.Store, Key: other, CenterKey: n.CenterKey, NodeID: "no-such-node", Server: n.Server, HTTP: http.DefaultClient, Log: quiet}
		if err := unknown.Round(ctx); err == nil || !strings.Contains(err.Error(), "no conoce este nodo") { // the center answers in Spanish by default
			t.Errorf("an unknown node synced: %v", err)
		}

		// A tampered node holds an officer of another station: the record is set aside, not applied.
		c.Must(t, "", "station", "add", "--data", c.Data, "--code", "MCB-02", "--name", "Maracaibo")
		csv := filepath.Join(t.TempDir(), "b.csv")
		os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-9,Ana,Ruiz,Oficial,MCB-02,9152\n"), 0o600)
		c.Must(t, "", "officer", "import", "--data", c.Data, "--csv", csv)
		h, _ := auth.HashSecret("9152")
		roster := []store.Officer{{Badge: "PNB-1", GivenNames: "María José", FamilyNames: "Pérez Rojas", Rank: "Oficial", PINHash: h},
			{Badge: "PNB-9", GivenNames: "Ana", FamilyNames: "Ruiz", Rank: "Oficial", PINHash: h}}
		if err := n.Store.ReplaceRoster(context.Background(), roster); err != nil {
			t.Fatal(err)
		}
		takeAttempt(t, n.Store, "PNB-9", 1)
		takeAttempt(t, n.Store, "PNB-1", 2)
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		got := centerAttempts(t, c)
		if len(got) != 1 || got[0].Badge != "PNB-1" {
			t.Fatalf("center attempts %+v: want only PNB-1's", got)
		}
		if st, _ := ReadStatus(context.Background(), n.Store, n); st.Pending != 0 {
			t.Errorf("the set-aside record is still pending on the node (%d)", st.Pending)
		}

		// An old node: the center answers 426 with an upgrade message, and nothing is applied.
		push, err := n.push(context.Background(), 10, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		push.Protocol = protocol.Version + 1
		if _, err := n.exchange(ctx, push); !errors.Is(err, protocol.ErrUpgrade) || !strings.Contains(err.Error(), "upgrade") {
			t.Errorf("a newer protocol version: %v", err)
		}

		// A revoked node can no longer sync.
		if code := adminPost(t, c, "/api/v1/nodes/"+n.NodeID+"/revoke"); code != 200 {
			t.Fatalf("revoke: %d", code)
		}
		if err := n.Round(ctx); err == nil || !strings.Contains(err.Error(), "403") {
			t.Errorf("a revoked node synced: %v", err)
		}
	})
}
