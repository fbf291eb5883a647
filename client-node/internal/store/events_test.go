package store

import (
	"context"
	"testing"

	"aula/sync/auditchain"
	"aula/sync/protocol"
)

// A PIN check's outcome is logged in its own transaction, chained after the node's last event;
// an abandoned check logs nothing.
func TestPINChecksAreChained(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, o := range []Outcome{Failed, OK, NotChecked} {
		if _, _, err := s.ReservePIN(ctx, "PNB-1", "t1"); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishPIN(ctx, "PNB-1", "t1", o); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := s.EventsAfter(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Kind != protocol.EventLoginFailed || evs[1].Kind != protocol.EventLogin || evs[1].Badge != "PNB-1" {
		t.Fatalf("events %+v, want a failed login then a login", evs)
	}
	var w auditchain.Walker
	for _, e := range evs {
		if err := w.Next(e.Entry()); err != nil {
			t.Fatal(err)
		}
	}
}
