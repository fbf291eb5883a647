package syncer

import (
	"context"
	"errors"
	"testing"

	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// A node newer than its center is told so clearly, keeps working offline (its records wait in
// the outbox), and syncs everything once the center speaks its version.
func TestNodeNewerThanCenter(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		ctx := context.Background()
		n.speaks = protocol.Version + 1
		takeAttempt(t, n.Store, "PNB-1", 1)
		err := n.Round(ctx)
		var ue *protocol.UpgradeError
		if !errors.As(err, &ue) || ue.Upgrade != protocol.UpgradeCenter || ue.Max != protocol.Version || !errors.Is(err, protocol.ErrUpgrade) {
			t.Fatalf("a node newer than the center: %v", err)
		}
		st, err := ReadStatus(context.Background(), n.Store, n)
		if err != nil || st.Upgrade != protocol.UpgradeCenter || st.Pending != 1 || st.LastError == nil {
			t.Fatalf("status %+v (%v): want the center to upgrade and the attempt pending", st, err)
		}
		takeAttempt(t, n.Store, "PNB-2", 2) // officers keep taking courses offline

		n.speaks = 0 // the center was upgraded
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if st, _ := ReadStatus(context.Background(), n.Store, n); st.Upgrade != "" || st.Pending != 0 || st.LastError != nil {
			t.Errorf("status after the upgrade %+v", st)
		}
		if got := centerAttempts(t, c); len(got) != 2 {
			t.Errorf("the center holds %d attempts, want 2", len(got))
		}
	})
}
