package protocol

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
)

// PushReader reads a push one record at a time, so the center can score and write the first
// records of a batch while later ones are still being decoded. It accepts exactly what Decode
// accepts into a Push, with one difference: field names must be spelled as Encode spells them
// (encoding/json would also take "P" for "p").
//
// Its Push holds every field but Records. The fields Encode writes before the records (protocol,
// node, node version, clock, pending) are set by ReadPush; Cursor and Have come after the records
// and are set once Finish has returned.
type PushReader struct {
	Push
	dec      *json.Decoder
	open     bool     // inside the records array
	buffered []Record // records that came before the node's fields (another encoder's order)
	count    int
	err      error
	finished bool
}

// ReadPush starts reading a push written by Encode: it reads up to the records, so the caller can
// check the protocol version and the node before anything else.
func ReadPush(data []byte) (*PushReader, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a sync message: %w", err)
	}
	r := &PushReader{dec: json.NewDecoder(io.LimitReader(zr, MaxMessage))}
	r.dec.DisallowUnknownFields()
	if err := r.delim('{'); err != nil {
		return nil, r.fail(err)
	}
	seen := map[string]bool{}
	for r.dec.More() {
		key, err := r.key()
		if err != nil {
			return nil, r.fail(err)
		}
		if key == "r" && seen[key] {
			return nil, r.fail(fmt.Errorf("the records appear twice"))
		}
		seen[key] = true
		if key != "r" {
			if err := r.field(key); err != nil {
				return nil, r.fail(err)
			}
			continue
		}
		if seen["p"] && seen["n"] {
			if err := r.startRecords(); err != nil {
				return nil, r.fail(err)
			}
			return r, nil // the records are read by Next
		}
		// The records came before the node's own fields: read them all now.
		if err := r.startRecords(); err != nil {
			return nil, r.fail(err)
		}
		for r.open {
			rec, ok := r.next()
			if !ok {
				break
			}
			r.buffered = append(r.buffered, rec)
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	if err := r.delim('}'); err != nil {
		return nil, r.fail(err)
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
	for r.open {
		if _, ok := r.next(); !ok {
			break
		}
	}
	for r.err == nil && r.dec.More() {
		key, err := r.key()
		if err == nil {
			if key == "r" {
				err = fmt.Errorf("the records appear twice")
			} else {
				err = r.field(key)
			}
		}
		if err != nil {
			return r.fail(err)
		}
	}
	if r.err == nil {
		if err := r.delim('}'); err != nil {
			return r.fail(err)
		}
	}
	r.finished = true
	return r.err
}

func (r *PushReader) next() (Record, bool) {
	if !r.open || r.err != nil {
		return Record{}, false
	}
	if !r.dec.More() {
		r.open = false
		if err := r.delim(']'); err != nil {
			r.fail(err)
		}
		return Record{}, false
	}
	var rec Record
	if err := r.dec.Decode(&rec); err != nil {
		r.fail(err)
		return Record{}, false
	}
	return rec, true
}

// startRecords reads the opening of the records array (null means none).
func (r *PushReader) startRecords() error {
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case nil:
		return nil
	case json.Delim('['):
		r.open = true
		return nil
	}
	return fmt.Errorf("the records are not a list")
}

// field decodes one of the push's fields other than the records.
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
	case "h":
		dst = &r.Have
	default:
		return fmt.Errorf("json: unknown field %q", key)
	}
	return r.dec.Decode(dst)
}

func (r *PushReader) key() (string, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return "", err
	}
	key, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("unexpected %v", tok)
	}
	return key, nil
}

func (r *PushReader) delim(want json.Delim) error {
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %v, found %v", want, tok)
	}
	return nil
}

func (r *PushReader) fail(err error) error {
	if r.err == nil {
		r.err = fmt.Errorf("malformed sync message: %w", err)
	}
	r.open = false
	return r.err
}
