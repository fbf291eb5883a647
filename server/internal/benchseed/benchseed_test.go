package benchseed

import (
	"context"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/store"
)

// TestSeedSmall seeds a small center through the store and reads it back: every table the
// benchmark relies on is filled as configured.
func TestSeedSmall(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s, err := store.OpenAt(store.Location{Dir: t.TempDir(), DB: pgtest.URL(t)})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		cfg := Config{Agencies: 3, Stations: 12, Officers: 240, Requirements: 4, Attempts: 1000, Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
		if err := s.Bulk(context.Background(), func(exec func(string, ...any) error) error { return Seed(cfg, exec) }); err != nil {
			t.Fatal(err)
		}
		stations, err := s.ListStations(context.Background())
		if err != nil || len(stations) != 12 || stations[0].Officers != 20 {
			t.Fatalf("stations: %v %d %+v", err, len(stations), stations)
		}
		o, err := s.FindOfficer(context.Background(), Badge(239))
		if err != nil || o.StationCode != StationCode(239%12) {
			t.Fatalf("officer: %v %+v", err, o)
		}
	})
}
