package syncer

import (
	"context"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// The summary of a USB import says what it really did: records applied, records the center
// already had, records set aside (new, or set aside before).
func TestImportFileSummaryCountsWhatItDid(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newTestCenter(t)
		recs := attempts(e.quiz, 0, 4)
		recs[2].Attempt.Badge = "NOBODY" // set aside: never on this station's roster
		file := func(recs []protocol.Record) []byte {
			data, err := protocol.WriteFile(protocol.FilePush, e.node.ID, &protocol.Push{Protocol: 1, NodeID: e.node.ID, NodeTime: time.Now().Unix(), Records: recs}, e.nodeKey)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		summary := func(data []byte) string {
			t.Helper()
			_, s, err := e.c.ImportFile(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		first := file(recs)
		if s := summary(first); !strings.Contains(s, "3 records applied, 0 already applied, 1 set aside") {
			t.Errorf("first import: %s", s)
		}
		if s := summary(first); !strings.Contains(s, "0 records applied, 3 already applied, 0 set aside (1 set aside before)") || !strings.Contains(s, "already been applied") {
			t.Errorf("the same file again: %s", s)
		}
		// A node restored from an older copy reused sequences 3 and 4 for new attempts.
		again := attempts(e.quiz, 10, 2)
		again[0].Seq, again[1].Seq = 3, 4
		if s := summary(file(again)); !strings.Contains(s, "2 records applied, 0 already applied") || strings.Contains(s, "already been applied") {
			t.Errorf("new records under reused sequences: %s", s)
		}
		if n, _ := e.c.Store.CountAttempts(context.Background()); n != 5 {
			t.Errorf("%d attempts at the center, want 5", n)
		}
	})
}
