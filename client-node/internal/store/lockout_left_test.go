package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// The tries left count down with each wrong PIN, reach 0 at the lock, come back when the lock
// runs out; UnlockBadge ends a lock at once.
func TestFailuresLeftAndUnlock(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "node"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	fail := func() {
		t.Helper()
		if r, _, err := st.ReservePIN(context.Background(), "PNB-1", "10.0.0.1"); err != nil || r != NotRefused {
			t.Fatalf("reserve: %v %v", r, err)
		}
		if err := st.FinishPIN(context.Background(), "PNB-1", "10.0.0.1", Failed); err != nil {
			t.Fatal(err)
		}
	}
	left := func() int {
		t.Helper()
		n, err := st.FailuresLeft(context.Background(), "PNB-1")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := left(); n != MaxFailures {
		t.Fatalf("no failures: %d left", n)
	}
	for i := 1; i <= MaxFailures; i++ {
		fail()
		if n := left(); n != MaxFailures-i {
			t.Fatalf("after %d failures: %d left", i, n)
		}
	}
	if r, _, _ := st.ReservePIN(context.Background(), "PNB-1", "10.0.0.2"); r != BadgeLocked {
		t.Fatalf("after %d failures: %v, want locked", MaxFailures, r)
	}
	now = now.Add(LockoutPeriod + time.Second)
	if n := left(); n != MaxFailures {
		t.Errorf("after the lock ran out: %d left", n)
	}
	now = now.Add(-LockoutPeriod)
	if ok, err := st.UnlockBadge(context.Background(), " pnb-1 "); err != nil || !ok {
		t.Fatalf("unlock: %v %v", ok, err)
	}
	if r, _, _ := st.ReservePIN(context.Background(), "PNB-1", "10.0.0.2"); r != NotRefused || left() != MaxFailures {
		t.Errorf("after unlock: %v, %d left", r, left())
	}
	if ok, _ := st.UnlockBadge(context.Background(), "PNB-9"); ok {
		t.Error("unlocking a badge that was not locked reports a change")
	}
}
