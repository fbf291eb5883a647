package protocol

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
)

// A node's HTTP push is bounded where it is decompressed: a message that expands beyond the
// largest batch a node sends is refused before it is held in memory, whatever its compressed size.
func TestReadPushMaxRefusesALargePush(t *testing.T) {
	bomb := gz(`{"p":1,"n":"n1","nv":"` + strings.Repeat("a", MaxPushBytes) + `","c":0}`)
	if len(bomb) > 8<<10 {
		t.Fatalf("the test push is %d bytes compressed", len(bomb))
	}
	if _, err := ReadPushMax(bomb, MaxPushBytes); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a push of %d KiB decompressed: %v, want ErrTooLarge", MaxPushBytes>>10, err)
	}
	// The largest batch a node makes fits: MaxBatchRecords records of MaxBatchBytes in all.
	payload := strings.Repeat("x", MaxBatchBytes/MaxBatchRecords-len(`{"b":"","c":"c","l":"l","t":0}`))
	p := &Push{Protocol: Version, NodeID: strings.Repeat("n", 36), NodeVersion: strings.Repeat("v", 64), Pending: 1 << 30, Cursor: 1 << 62, NodeTime: -1 << 62}
	for i := range MaxBatchRecords {
		p.Records = append(p.Records, Record{Seq: 1<<62 + int64(i), Kind: KindLessonRead, LessonRead: &LessonRead{Badge: payload, Course: "c", Lesson: "l"}})
	}
	full, _ := Encode(p)
	if _, err := ReadPushMax(full, MaxPushBytes); err != nil {
		t.Errorf("a full batch was refused: %v", err)
	}
	if MaxPushBytes > MaxBatchBytes+MaxBatchBytes/4 {
		t.Errorf("MaxPushBytes is %d, far above the batch limit %d", MaxPushBytes, MaxBatchBytes)
	}
}

// A signed request with a counter fits only that request: another counter, path, method or body
// does not verify, nor does the plain body signature a USB file carries.
func TestRequestMessageBindsEverything(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(nil)
	body := []byte("cuerpo")
	sig := Sign(key, RequestMessage("POST", "/api/v1/sync", 7, body))
	if !Verify(pub, RequestMessage("POST", "/api/v1/sync", 7, body), sig) {
		t.Fatal("the request does not verify")
	}
	for name, msg := range map[string][]byte{
		"counter":   RequestMessage("POST", "/api/v1/sync", 8, body),
		"path":      RequestMessage("POST", "/api/v1/sync/blobs/x", 7, body),
		"method":    RequestMessage("GET", "/api/v1/sync", 7, body),
		"body":      RequestMessage("POST", "/api/v1/sync", 7, []byte("otro")),
		"body only": body,
	} {
		if Verify(pub, msg, sig) {
			t.Errorf("the signature also fits another %s", name)
		}
	}
	if bytes.HasPrefix(RequestMessage("GET", "/x", 1, nil), []byte{0x1f, 0x8b}) {
		t.Error("a request message could be taken for a gzip body")
	}
	for h, ok := range map[string]bool{"": true, "1": true, "9223372036854775807": true, "0": false, "-1": false, "+3": false, "07": false, "1e3": false, "9223372036854775808": false} {
		if _, err := ParseCounter(h); (err == nil) != ok {
			t.Errorf("ParseCounter(%q): %v", h, err)
		}
	}
}
