package web_test

import (
	"context"
	"testing"

	"aula/sync/auditchain"
	"aula/sync/protocol"
)

// chainedEvents returns n node events chained from the start, as a node writes them.
func chainedEvents(n int) []protocol.NodeEvent {
	prev := auditchain.Genesis
	var out []protocol.NodeEvent
	for i := 1; i <= n; i++ {
		e := protocol.NodeEvent{Seq: int64(i), At: "2026-12-02T09:00:00Z", Kind: protocol.EventLogin, Badge: "PNB-1"}
		en := e.Entry()
		auditchain.Seal(prev, &en)
		e.Prev, e.Hash, prev = en.Prev, en.Hash, en.Hash
		out = append(out, e)
	}
	return out
}

// The auditor's page shows each station's event chain: intact, or the first event that did not
// verify; the Sync rejects page gives the reason in Spanish.
func TestAuditPageShowsStationChains(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	evs := chainedEvents(4)
	if acked, err := e.store.AddNodeEvents(ctx, "nodo-a", evs[:2]); err != nil || acked != 2 {
		t.Fatalf("first events: %d %v", acked, err)
	}
	if acked, err := e.store.AddNodeEvents(ctx, "nodo-a", evs); err != nil || acked != 4 { // the first two again: kept once
		t.Fatalf("all events: %d %v", acked, err)
	}
	bad := chainedEvents(3)
	bad[1].Badge = "PNB-2" // edited after it was chained
	if _, err := e.store.AddNodeEvents(ctx, "nodo-b", bad); err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	b.loginAs(adminUser, adminPass)
	mustContain(t, "audit page", b.get("/audit").Body.String(), "Estación nodo-a: 4 eventos, cadena íntegra",
		"Estación nodo-b: 3 eventos, cadena rota desde el evento 2")
	mustContain(t, "sync rejects page", b.get("/sync/rejects").Body.String(), "El evento 2 del registro encadenado de la estación no coincide con su huella")
}
