package store

import (
	"context"
	"fmt"
	"testing"

	"aula/courses"
	"aula/internal/pgtest"
)

// The workshop list without a page (the API and the exports) holds every workshop on both
// dialects, newest day first; with a page it holds that page.
func TestListWorkshopsWithoutAPageHoldsEveryOne(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		ctx := context.Background()
		s.CreateStation(ctx, "A-1", "Uno", "h1", "t")
		for i := 1; i <= 3; i++ {
			w := Workshop{ID: fmt.Sprintf("w%d", i), Title: courses.Text{"es": "Taller"}, Area: "use-of-force", Hours: 2,
				Station: "A-1", Day: fmt.Sprintf("2026-03-0%d", i), Trainer: "Ana"}
			if err := s.CreateWorkshop(ctx, w, "admin"); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.ListWorkshops(ctx, WorkshopFilter{})
		if err != nil || len(all) != 3 || all[0].ID != "w3" {
			t.Fatalf("every workshop: %d (%v), want 3, w3 first", len(all), err)
		}
		page, err := s.ListWorkshops(ctx, WorkshopFilter{Paging: Paging{Limit: 2, Offset: 2}})
		if err != nil || len(page) != 1 || page[0].ID != "w1" {
			t.Fatalf("second page of two: %d (%v), want w1 alone", len(page), err)
		}
	})
}
