package protocol

import (
	"errors"
	"fmt"
	"strconv"
)

// Headers of a node's signed HTTP requests. X-Aula-Signature signs RequestMessage when
// X-Aula-Counter is present; a node built before counters sends no counter and signs the body
// (a push) or the path (a download) alone.
const (
	HeaderNode      = "X-Aula-Node"
	HeaderSignature = "X-Aula-Signature"
	HeaderCounter   = "X-Aula-Counter"
)

// RecordOverhead bounds what one record adds to its payload in an encoded push: its sequence,
// its kind and the JSON around them ({"s":N,"k":"certificate","ce":…},).
const RecordOverhead = 64

// MaxPushBytes bounds an HTTP push once decompressed: the largest batch a node makes
// (MaxBatchBytes of payload in MaxBatchRecords records), its records' envelopes and the push's
// own fields. The center refuses a larger push before holding it in memory.
const MaxPushBytes = MaxBatchBytes + MaxBatchRecords*RecordOverhead + 4<<10

// ErrTooLarge is returned by ReadPushMax for a push that decompresses beyond its limit.
var ErrTooLarge = errors.New("the sync message is larger than a node's largest batch")

// RequestMessage is what a node signs for an HTTP request with a counter: a fixed label, the
// method, the path, the counter and the body. A signature made for one request fits no other
// request, no other counter, and no USB file (which signs its body alone).
func RequestMessage(method, path string, counter int64, body []byte) []byte {
	return append(fmt.Appendf(nil, "aula-request/1\n%s %s\n%d\n", method, path, counter), body...)
}

// ParseCounter reads an X-Aula-Counter header: 0 when there is none, else a decimal number from 1
// written without sign or leading zeros (one spelling per counter).
func ParseCounter(h string) (int64, error) {
	if h == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(h, 10, 64)
	if err != nil || n < 1 || strconv.FormatInt(n, 10) != h {
		return 0, fmt.Errorf("the %s header must be a number from 1, not %q", HeaderCounter, h)
	}
	return n, nil
}
