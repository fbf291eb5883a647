package syncer

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"aula/internal/pgtest"
)

// A node whose clock is a year ahead syncs correctly: nothing is ordered or refused by time; the
// center records the offset and warns, and so does the node.
func TestNodeClockAYearOff(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		st := n.Store
		st.SetClock(func() time.Time { return time.Now().UTC().AddDate(1, 0, 0) })
		for i := range 10 {
			takeAttempt(t, st, "PNB-1", i)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatalf("sync with a clock a year ahead: %v", err)
		}
		if got := centerAttempts(t, c); len(got) != 10 {
			t.Fatalf("center has %d attempts, want 10", len(got))
		}
		status, _ := ReadStatus(context.Background(), st, n)
		if status.Pending != 0 || !status.ClockWarning || status.ClockOffsetSec == nil || *status.ClockOffsetSec < 360*24*3600 {
			t.Errorf("node status: %+v", status)
		}
		// And back in time: a clock a year behind also syncs.
		st.SetClock(func() time.Time { return time.Now().UTC().AddDate(-1, 0, 0) })
		for i := range 5 {
			takeAttempt(t, st, "PNB-2", i)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatalf("sync with a clock a year behind: %v", err)
		}
		if got := centerAttempts(t, c); len(got) != 15 {
			t.Fatalf("center has %d attempts, want 15", len(got))
		}
		req, _ := http.NewRequest("GET", c.URL+"/api/v1/stations", nil)
		req.Header.Set("Authorization", "Bearer "+centerToken(t, c))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var stations []struct {
			ClockOffset  *int64 `json:"clock_offset_seconds"`
			ClockWarning bool   `json:"clock_warning"`
		}
		json.NewDecoder(resp.Body).Decode(&stations)
		if len(stations) != 1 || !stations[0].ClockWarning || stations[0].ClockOffset == nil || *stations[0].ClockOffset > -360*24*3600 {
			t.Errorf("center's station list does not warn about the clock: %+v", stations)
		}
	})
}
