package syncer

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/pgtest"
)

func TestEnrollAndRound(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		st := n.Store
		if v, err := st.FindVersion(context.Background(), "curso-de-prueba", 1); err != nil || v == nil {
			t.Fatalf("course not installed after the first round: %v", err)
		}
		o, err := st.FindOfficer(context.Background(), "PNB-1")
		if err != nil || !o.Active || o.GivenNames != "María José" {
			t.Fatalf("roster not installed: %+v %v", o, err)
		}
		// The token is spent.
		st2, _ := store.Open(t.TempDir())
		defer st2.Close()
		if _, _, err := Enroll(context.Background(), st2, t.TempDir(), c.URL, c.Token, http.DefaultClient); err == nil {
			t.Error("a spent token enrolled a second node")
		}

		scores := map[string]float64{}
		for i := range 30 {
			badge := []string{"PNB-1", "PNB-2"}[i%2]
			scores[badge+string(rune('a'+i))] = takeAttempt(t, st, badge, i)
		}
		if err := st.MarkRead(context.Background(), "PNB-1", "curso-de-prueba", "01-bienvenida"); err != nil {
			t.Fatal(err)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := centerAttempts(t, c)
		if len(got) != 30 {
			t.Fatalf("center has %d attempts, want 30", len(got))
		}
		status, _ := ReadStatus(context.Background(), st, n)
		if status.Pending != 0 || status.LastSuccess == nil {
			t.Errorf("status after sync: %+v", status)
		}
		// The center's /metrics shows the sync and the station's last sync.
		resp, err := http.Get(c.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		m, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, want := range []string{`aula_sync_requests_total{outcome="ok"}`, `aula_sync_records_total{outcome="applied"} 31`, `aula_station_last_sync_timestamp_seconds{station="CCS-01"}`} {
			if !strings.Contains(string(m), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		if resp, err := http.Get(c.URL + "/readyz"); err != nil || resp.StatusCode != 200 {
			t.Errorf("/readyz: %v", err)
		}
		// A second round sends nothing again and changes nothing.
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := centerAttempts(t, c); len(got) != 30 {
			t.Fatalf("a repeated round changed the center: %d attempts", len(got))
		}
	})
}
