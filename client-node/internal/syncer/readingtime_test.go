package syncer

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// TestReadingTimeReachesCenter: the time a lesson page was open before the officer marked it read,
// measured on the node (capped at 30 minutes; not measured when the page marked read is not the
// one opened last), arrives at a real center by sync and is kept with the reading.
func TestReadingTimeReachesCenter(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		ctx := context.Background()
		now := time.Now().UTC()
		n.Store.SetClock(func() time.Time { return now })
		read := func(badge, lesson string, open bool, took time.Duration) {
			t.Helper()
			if open {
				if err := n.Store.SetPosition(ctx, badge, "curso-de-prueba", lesson); err != nil {
					t.Fatal(err)
				}
			}
			now = now.Add(took)
			if err := n.Store.MarkRead(ctx, badge, "curso-de-prueba", lesson); err != nil {
				t.Fatal(err)
			}
		}
		read("PNB-1", "01-bienvenida", true, 95*time.Second+400*time.Millisecond)
		read("PNB-1", "02-repaso", true, 3*time.Hour) // left open over lunch: capped
		read("PNB-2", "02-repaso", true, 10*time.Second)
		read("PNB-2", "01-bienvenida", false, time.Minute) // his page open is 02-repaso: not measured
		// An older center (a push of a version before the field) is not sent it.
		n.speaks = protocol.ReadingTimeVersion - 1
		old, err := n.push(ctx, 100, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range old.Records {
			if r.LessonRead != nil && r.LessonRead.Seconds != nil {
				t.Errorf("a version-%d push carries a reading time: %+v", old.Protocol, r.LessonRead)
			}
		}
		n.speaks = 0
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := c.SQL(t).Query(`SELECT o.badge, r.lesson_id, r.seconds FROM lessons_read r JOIN officers o ON o.id = r.officer_id WHERE r.course_id = 'curso-de-prueba'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string]sql.NullInt64{}
		for rows.Next() {
			var badge, lesson string
			var sec sql.NullInt64
			if err := rows.Scan(&badge, &lesson, &sec); err != nil {
				t.Fatal(err)
			}
			got[badge+"/"+lesson] = sec
		}
		want := map[string]sql.NullInt64{
			"PNB-1/01-bienvenida": {Int64: 95, Valid: true},
			"PNB-1/02-repaso":     {Int64: protocol.MaxReadingSeconds, Valid: true},
			"PNB-2/02-repaso":     {Int64: 10, Valid: true},
			"PNB-2/01-bienvenida": {},
		}
		if len(got) != len(want) {
			t.Fatalf("center holds %v, want %v", got, want)
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: center keeps %+v seconds, want %+v", k, got[k], w)
			}
		}
	})
}
