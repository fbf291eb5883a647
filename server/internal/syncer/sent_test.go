package syncer

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"aula/internal/sqlitedb"
	"aula/sync/protocol"
)

// When the center cannot note which changes it sent a node, it sends no reply: a node that took
// changes the center does not know it sent would be sent everything again at its next round.
// The push itself is kept, and the next round goes through.
func TestReplyNotSentWhenSentCursorCannotBeNoted(t *testing.T) {
	e := newTestCenter(t)
	db, err := sqlitedb.Open(filepath.Join(e.dir, "aula-server.db"), fstest.MapFS{}, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Write.Exec(`CREATE TRIGGER full_disk BEFORE UPDATE OF sent_cursor ON nodes BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	recs := attempts(e.quiz, 0, 3)
	push := func() (*protocol.Reply, error) {
		body, _ := protocol.Encode(&protocol.Push{Protocol: 1, NodeID: e.node.ID, NodeTime: time.Now().Unix(), Records: recs})
		p, err := protocol.ReadPush(body)
		if err != nil {
			t.Fatal(err)
		}
		return e.c.Apply(context.Background(), e.node, p, false)
	}
	if reply, err := push(); err == nil {
		t.Fatalf("a reply with %d changes was sent though the center could not note it", len(reply.Changes))
	}
	if _, err := db.Write.Exec(`DROP TRIGGER full_disk`); err != nil {
		t.Fatal(err)
	}
	reply, err := push()
	if err != nil || reply.Acked != 3 || len(reply.Changes) == 0 {
		t.Fatalf("the next round: %v, %+v", err, reply)
	}
	if node, _ := e.c.Store.FindNode(context.Background(), e.node.ID); node.SentCursor != reply.Cursor {
		t.Errorf("sent cursor %d, reply cursor %d", node.SentCursor, reply.Cursor)
	}
}
