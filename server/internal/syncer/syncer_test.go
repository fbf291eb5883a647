package syncer

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/sync/protocol"
)

// A push is read while it is applied; one that turns out malformed after its first records
// (here: an unknown field in its last record, or after the records) changes nothing at all, and
// the same records sent correctly afterwards are all applied.
func TestMalformedPushChangesNothing(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, node, quiz := benchCenter(t)
		recs := attempts(quiz, 0, 300)
		good := protocol.Push{Protocol: 1, NodeID: node.ID, NodeVersion: "test", NodeTime: time.Now().Unix(), Records: recs, Cursor: 0}
		body, err := json.Marshal(good)
		if err != nil {
			t.Fatal(err)
		}
		last := bytes.LastIndex(body, []byte(`{"s":300,`))
		for name, bad := range map[string][]byte{
			"bad last record": append(append(append([]byte{}, body[:last]...), `{"zz":1,`...), body[last+1:]...),
			"bad field after": append(bytes.Clone(body[:len(body)-1]), `,"zz":true}`...),
			"cut short":       body[:len(body)-40],
		} {
			push, err := protocol.ReadPush(gzipped(bad))
			if err != nil {
				t.Fatalf("%s: the start of the message is fine, yet: %v", name, err)
			}
			_, err = c.Apply(context.Background(), node, push, false)
			if courses.ErrorCode(err) != courses.Invalid || !strings.Contains(err.Error(), "malformed sync message") {
				t.Errorf("%s: %v", name, err)
			}
			if n, _ := c.Store.CountAttempts(context.Background()); n != 0 {
				t.Fatalf("%s: %d attempts kept from a malformed message", name, n)
			}
			if got, _ := c.Store.FindNode(context.Background(), node.ID); got.AckedSeq != 0 {
				t.Fatalf("%s: acknowledged %d", name, got.AckedSeq)
			}
		}
		push, err := protocol.ReadPush(gzipped(body))
		if err != nil {
			t.Fatal(err)
		}
		reply, err := c.Apply(context.Background(), node, push, false)
		if err != nil || reply.Acked != 300 {
			t.Fatalf("the good push: %v, %+v", err, reply)
		}
		if n, _ := c.Store.CountAttempts(context.Background()); n != 300 {
			t.Errorf("%d attempts, want 300", n)
		}
	})
}

// A gap in the sequence stops the apply there; the records after it wait for the missing one.
func TestPushStopsAtAGap(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, node, quiz := benchCenter(t)
		recs := attempts(quiz, 0, 200)
		recs = append(recs[:99], recs[100:]...) // seq 100 is missing
		body, err := protocol.Encode(&protocol.Push{Protocol: 1, NodeID: node.ID, Records: recs, Cursor: 7})
		if err != nil {
			t.Fatal(err)
		}
		push, _ := protocol.ReadPush(body)
		reply, err := c.Apply(context.Background(), node, push, false)
		if err != nil || reply.Acked != 99 {
			t.Fatalf("acked %d, %v; want 99", reply.Acked, err)
		}
		if n, _ := c.Store.CountAttempts(context.Background()); n != 99 {
			t.Errorf("%d attempts, want 99", n)
		}
	})
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}
