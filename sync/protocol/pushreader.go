package protocol

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// PushReader reads a push one record at a time, so the center can score and write the first
// records of a batch while later ones are still being decoded. It accepts exactly what Decode
// accepts into a Push (FuzzPushReader), with one difference: field names must be spelled as
// Encode spells them (encoding/json would also take "P" for "p").
//
// Its Push holds every field but Records. The fields Encode writes before the records (protocol,
// node, node version, clock, pending) are set by ReadPush; Cursor and Have come after the records
// and are set once Finish has returned.
type PushReader struct {
	Push
	data     []byte // the decompressed message
	at       int    // where reading continues
	open     bool   // inside the records array
	first    bool   // no record read yet from the open array
	buffered []Record
	seen     map[string]bool // field names read so far
	count    int
	err      error
	finished bool
}

// ReadPush starts reading a push written by Encode: it decompresses it and reads up to the
// records, so the caller can check the protocol version and the node before anything else. It
// takes up to MaxMessage (a USB sync file holds every record not yet acknowledged); an HTTP push
// is read with ReadPushMax.
func ReadPush(data []byte) (*PushReader, error) { return ReadPushMax(data, MaxMessage) }

// ReadPushMax is ReadPush for a message of at most limit bytes once decompressed: a larger one is
// refused with ErrTooLarge as soon as the limit is passed.
func ReadPushMax(data []byte, limit int) (*PushReader, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a sync message: %w", err)
	}
	plain, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("malformed sync message: %w", err)
	}
	if len(plain) > limit {
		return nil, fmt.Errorf("%w (%d KiB once decompressed)", ErrTooLarge, limit>>10)
	}
	r := &PushReader{data: plain}
	if err := r.expect('{'); err != nil {
		return nil, r.fail(err)
	}
	r.skipSpace()
	more := r.peek() != '}'
	if !more {
		r.at++
	}
	for more {
		key, err := r.key()
		if err != nil {
			return nil, r.fail(err)
		}
		if key == "r" {
			if err := r.startRecords(); err != nil {
				return nil, r.fail(err)
			}
			if r.seen["p"] && r.seen["n"] {
				return r, nil // the records are read by Next
			}
			// The records came before the node's own fields: read them all now.
			for rec, ok := r.next(); ok; rec, ok = r.next() {
				r.buffered = append(r.buffered, rec)
			}
			if r.err != nil {
				return nil, r.err
			}
		} else if err := r.field(key); err != nil {
			return nil, r.fail(err)
		}
		if more, err = r.comma('}'); err != nil {
			return nil, r.fail(err)
		}
	}
	r.finished = true
	return r, nil
}

// Next returns the next record. It returns false after the last record, or at the first error,
// which Finish then returns.
func (r *PushReader) Next() (Record, bool) {
	if len(r.buffered) > 0 {
		rec := r.buffered[0]
		r.buffered = r.buffered[1:]
		r.count++
		return rec, true
	}
	rec, ok := r.next()
	if ok {
		r.count++
	}
	return rec, ok
}

// Count returns how many records Next has returned.
func (r *PushReader) Count() int { return r.count }

// Finish reads what follows the records (skipping any record Next has not returned) and returns
// the first error met in the whole message: the caller must not keep what it applied from a
// message that ends badly.
func (r *PushReader) Finish() error {
	if r.finished || r.err != nil {
		return r.err
	}
	for _, ok := r.next(); ok; _, ok = r.next() {
	}
	if r.err != nil {
		return r.err
	}
	more, err := r.comma('}')
	for err == nil && more {
		var key string
		if key, err = r.key(); err != nil {
			break
		}
		if key == "r" {
			err = errors.New(`field "r" appears twice`)
			break
		}
		if err = r.field(key); err == nil {
			more, err = r.comma('}')
		}
	}
	if err != nil {
		return r.fail(err)
	}
	r.finished = true
	return nil
}

// next reads one record of the open array: the node's own form directly, anything else with
// encoding/json.
func (r *PushReader) next() (Record, bool) {
	if !r.open || r.err != nil {
		return Record{}, false
	}
	if !r.first {
		more, err := r.comma(']')
		if err != nil || !more {
			r.open = false
			if err != nil {
				r.fail(err)
			}
			return Record{}, false
		}
	} else if r.skipSpace(); r.peek() == ']' {
		r.open = false
		r.at++
		return Record{}, false
	}
	r.first = false
	var rec Record
	if n := fastAttempt(r.data[r.at:], &rec); n > 0 {
		r.at += n
		return rec, true
	}
	if err := r.value(&rec); err != nil {
		r.fail(err)
		return Record{}, false
	}
	return rec, true
}

// startRecords reads the opening of the records array (null means none).
func (r *PushReader) startRecords() error {
	r.skipSpace()
	if r.peek() == '[' {
		r.at++
		r.open, r.first = true, true
		return nil
	}
	var none *struct{}
	if err := r.value(&none); err != nil || none != nil {
		return errors.New("the records are not a list")
	}
	return nil
}

// field decodes one of the push's fields other than the records: plain digits and plain strings
// directly (a thousand stations send a small push each at the same moment), anything else with
// encoding/json.
func (r *PushReader) field(key string) error {
	var dst any
	switch key {
	case "p":
		dst = &r.Protocol
	case "n":
		dst = &r.NodeID
	case "nv":
		dst = &r.NodeVersion
	case "t":
		dst = &r.NodeTime
	case "q":
		dst = &r.Pending
	case "c":
		dst = &r.Cursor
	case "cp":
		dst = &r.CursorProtocol
	case "h":
		dst = &r.Have
	case "ev":
		dst = &r.Events
	default:
		return fmt.Errorf("json: unknown field %q", key)
	}
	r.skipSpace()
	c := cursor{b: r.data, i: r.at, ok: true}
	switch d := dst.(type) {
	case *int:
		if n := c.int(); c.ok && n <= 1<<31-1 && r.endsValue(c.i) {
			*d, r.at = int(n), c.i
			return nil
		}
	case *int64:
		if n := c.int(); c.ok && r.endsValue(c.i) {
			*d, r.at = n, c.i
			return nil
		}
	case *string:
		if str := c.str(); c.ok {
			*d, r.at = str, c.i
			return nil
		}
	}
	return r.value(dst)
}

// endsValue reports whether a number that stops at i is complete: what follows can only be
// whitespace, a comma or the closing brace (else encoding/json reads it, and decides).
func (r *PushReader) endsValue(i int) bool {
	if i >= len(r.data) {
		return false
	}
	switch r.data[i] {
	case ',', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// value decodes the JSON value at the reading position into dst with encoding/json (unknown
// fields refused) and moves past it.
func (r *PushReader) value(dst any) error {
	dec := json.NewDecoder(bytes.NewReader(r.data[r.at:]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	r.at += int(dec.InputOffset())
	return nil
}

// key reads a field name of the push and its colon. A field given twice is refused: the version
// and the node are checked before the records, and must not change after them.
func (r *PushReader) key() (string, error) {
	r.skipSpace()
	if r.peek() != '"' {
		return "", fmt.Errorf("expected a field name at byte %d", r.at)
	}
	c := cursor{b: r.data, i: r.at, ok: true}
	key := c.str() // a plain name directly, anything else with encoding/json
	if c.ok {
		r.at = c.i
	} else if err := r.value(&key); err != nil {
		return "", err
	}
	if r.seen[key] {
		return "", fmt.Errorf("field %q appears twice", key)
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[key] = true
	return key, r.expect(':')
}

// comma reads what follows a member or element: a comma (more follow) or the closing delimiter.
func (r *PushReader) comma(closing byte) (bool, error) {
	r.skipSpace()
	switch r.peek() {
	case ',':
		r.at++
		return true, nil
	case closing:
		r.at++
		return false, nil
	case 0:
		return false, io.ErrUnexpectedEOF
	}
	return false, fmt.Errorf("expected ',' or '%c' at byte %d", closing, r.at)
}

func (r *PushReader) expect(c byte) error {
	r.skipSpace()
	if r.peek() != c {
		if r.at >= len(r.data) {
			return io.ErrUnexpectedEOF
		}
		return fmt.Errorf("expected '%c' at byte %d", c, r.at)
	}
	r.at++
	return nil
}

// peek returns the byte at the reading position, 0 at the end.
func (r *PushReader) peek() byte {
	if r.at < len(r.data) {
		return r.data[r.at]
	}
	return 0
}

func (r *PushReader) skipSpace() {
	for r.at < len(r.data) {
		switch r.data[r.at] {
		case ' ', '\t', '\n', '\r':
			r.at++
		default:
			return
		}
	}
}

func (r *PushReader) fail(err error) error {
	if r.err == nil {
		r.err = fmt.Errorf("malformed sync message: %w", err)
	}
	r.open = false
	return r.err
}
