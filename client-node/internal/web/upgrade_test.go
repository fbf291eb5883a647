package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"aula/client-node/internal/store"
)

// A node newer than its center keeps serving officers, and its sync page says in their language
// which program to upgrade (docs/sync.md, "Rolling upgrades").
func TestSyncPageSaysWhichProgramToUpgrade(t *testing.T) {
	n := newNode(t, false)
	if err := n.st.SetMetas(context.Background(), map[string]string{store.MetaNodeID: "n1", store.MetaStationCode: "CCS-01", store.MetaUpgrade: "center"}); err != nil {
		t.Fatal(err)
	}
	c := n.client()
	c.login("PNB-1", "1234")
	resp, body := c.get("/sync")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "más nueva que la del centro") || !strings.Contains(body, "sigue funcionando sin conexión") {
		t.Errorf("sync page (%d) does not say the center must be upgraded:\n%s", resp.StatusCode, body)
	}
	if resp, _ := c.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("the courses page answered %d", resp.StatusCode)
	}
	if err := n.st.SetMeta(context.Background(), store.MetaUpgrade, "node"); err != nil {
		t.Fatal(err)
	}
	if _, body := c.get("/sync"); !strings.Contains(body, "actualice aula-node en este equipo") {
		t.Errorf("sync page does not say the node must be upgraded:\n%s", body)
	}
}
