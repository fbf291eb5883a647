package auditchain

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
)

// ReadHeads reads a heads file: JSON lines, one Head per line (what aula-node audit heads
// writes), or one JSON array of heads.
func ReadHeads(r io.Reader) ([]Head, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var hs []Head
		if err := json.Unmarshal(data, &hs); err != nil {
			return nil, fmt.Errorf("not a list of heads: %w", err)
		}
		return hs, nil
	}
	var hs []Head
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var h Head
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
			return nil, fmt.Errorf("line %d: not a head: %w", line, err)
		}
		hs = append(hs, h)
	}
	return hs, sc.Err()
}

// Rewritten reports a head a station saw that the center's chain no longer holds.
type Rewritten struct {
	Head Head
	Now  string // the chain's hash at that seq now ("" when the entry is gone)
}

func (r *Rewritten) Error() string {
	if r.Now == "" {
		return fmt.Sprintf("history rewritten: the station saw entry %d (hash %s) signed by this center, and the chain no longer has it", r.Head.Seq, r.Head.Hash)
	}
	return fmt.Sprintf("history rewritten: the station saw entry %d with hash %s signed by this center, the chain now has %s there: an entry at or before %d was changed", r.Head.Seq, r.Head.Hash, r.Now, r.Head.Seq)
}

// CheckHeads checks every head (its signature against pub, then its hash against the chain's
// hash at its seq, given by hashAt) and returns the first problem.
func CheckHeads(pub ed25519.PublicKey, heads []Head, hashAt func(seq int64) (string, bool)) error {
	for _, h := range heads {
		if err := VerifyHead(pub, h); err != nil {
			return err
		}
		now, ok := hashAt(h.Seq)
		if !ok {
			return &Rewritten{Head: h}
		}
		if now != h.Hash {
			return &Rewritten{Head: h, Now: now}
		}
	}
	return nil
}
