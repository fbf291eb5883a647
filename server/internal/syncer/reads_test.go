package syncer

import (
	"context"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// A lesson reading names a course and a lesson the center published, with ids of sane size;
// anything else is set aside with a reason (never written into the officers' progress), and a
// reason never repeats an oversized id in full.
func TestLessonReadsForUnknownCoursesSetAside(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newTestCenter(t)
		pkg, err := e.c.Course(context.Background(), "uso-de-la-fuerza", benchVersion)
		if err != nil {
			t.Fatal(err)
		}
		lesson := pkg.Course.Lessons[0].ID
		huge := strings.Repeat("x", 60<<10)
		reads := []protocol.LessonRead{
			{Badge: "PNB-1", Course: "uso-de-la-fuerza", Lesson: lesson}, // fine
			{Badge: "PNB-1", Course: "no-existe", Lesson: lesson},
			{Badge: "PNB-1", Course: "uso-de-la-fuerza", Lesson: "99-no-existe"},
			{Badge: "PNB-1", Course: huge, Lesson: lesson},
			{Badge: "PNB-1", Course: "uso-de-la-fuerza", Lesson: huge},
			{Badge: huge, Course: "uso-de-la-fuerza", Lesson: lesson},
		}
		var recs []protocol.Record
		for i := range reads {
			recs = append(recs, protocol.Record{Seq: int64(i + 1), Kind: protocol.KindLessonRead, LessonRead: &reads[i]})
		}
		body, _ := protocol.Encode(&protocol.Push{Protocol: 1, NodeID: e.node.ID, NodeTime: time.Now().Unix(), Records: recs})
		p, err := protocol.ReadPush(body)
		if err != nil {
			t.Fatal(err)
		}
		reply, err := e.c.Apply(context.Background(), e.node, p, false)
		if err != nil {
			t.Fatal(err)
		}
		if reply.Acked != int64(len(reads)) {
			t.Errorf("acked %d, want %d", reply.Acked, len(reads))
		}
		set := map[int64]string{}
		for _, r := range reply.Rejected {
			set[r.Seq] = r.Reason
			if len(r.Reason) > 300 {
				t.Errorf("record %d: a %d-byte reason", r.Seq, len(r.Reason))
			}
		}
		if _, ok := set[1]; ok {
			t.Errorf("a reading of a published lesson was set aside: %s", set[1])
		}
		for seq := int64(2); seq <= int64(len(reads)); seq++ {
			if _, ok := set[seq]; !ok {
				t.Errorf("record %d (%.40s…) was not set aside", seq, reads[seq-1].Course+"/"+reads[seq-1].Lesson+"/"+reads[seq-1].Badge)
			}
		}
	})
}
