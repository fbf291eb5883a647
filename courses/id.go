package courses

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"time"
)

var idMu sync.Mutex
var lastMillis int64
var idSeq uint16

// NewID returns a new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids
// made at a station sort roughly by creation and never collide with ids made elsewhere. The time
// part is only for index locality: nothing in Aula orders or merges records by it.
func NewID() string {
	return newID(time.Now())
}

func newID(now time.Time) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	ms := now.UnixMilli()
	idMu.Lock()
	if ms <= lastMillis {
		ms = lastMillis
		idSeq++
	} else {
		lastMillis, idSeq = ms, 0
	}
	seq := idSeq
	idMu.Unlock()
	var t [8]byte
	binary.BigEndian.PutUint64(t[:], uint64(ms))
	copy(b[0:6], t[2:8])
	// 12-bit counter in rand_a keeps ids made in the same millisecond in order.
	b[6] = 0x70 | byte(seq>>8)&0x0f
	b[7] = byte(seq)
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
