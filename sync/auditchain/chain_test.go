package auditchain

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
)

func chain(n int) []Entry {
	var es []Entry
	prev := Genesis
	for i := 1; i <= n; i++ {
		e := Entry{Seq: int64(i), At: "2026-01-02T03:04:05Z", Actor: "admin", Action: "station.create", Object: "station:S" + string(rune('0'+i)), Details: "x"}
		Seal(prev, &e)
		prev = e.Hash
		es = append(es, e)
	}
	return es
}

func walk(es []Entry) error {
	var w Walker
	for _, e := range es {
		if err := w.Next(e); err != nil {
			return err
		}
	}
	return nil
}

func TestWalkerNamesTheEditedOrUnlinkedEntry(t *testing.T) {
	if err := walk(chain(5)); err != nil {
		t.Fatal(err)
	}
	es := chain(5)
	es[2].Details = "edited"
	var b *Broken
	if err := walk(es); !errors.As(err, &b) || b.Seq != 3 || b.Reason != "content" {
		t.Errorf("edited entry 3: %v", err)
	}
	es = chain(5)
	es = append(es[:1], es[2:]...) // entry 2 removed
	if err := walk(es); !errors.As(err, &b) || b.Seq != 3 || b.Reason != "link" {
		t.Errorf("removed entry 2: %v", err)
	}
	// Edited and re-chained from there on: the chain walks, only a signed head catches it.
	es = chain(5)
	es[1].Details = "edited"
	prev := es[0].Hash
	for i := 1; i < len(es); i++ {
		Seal(prev, &es[i])
		prev = es[i].Hash
	}
	if err := walk(es); err != nil {
		t.Fatal(err)
	}
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	orig := chain(5)
	seen := []Head{SignHead(key, 4, orig[3].Hash)}
	hashAt := func(seq int64) (string, bool) { return es[seq-1].Hash, true }
	var rw *Rewritten
	if err := CheckHeads(pub, seen, hashAt); !errors.As(err, &rw) || rw.Head.Seq != 4 {
		t.Errorf("rewrite before a seen head: %v", err)
	}
	if err := CheckHeads(pub, []Head{SignHead(key, 4, es[3].Hash)}, hashAt); err != nil {
		t.Errorf("an honest head: %v", err)
	}
	forged := SignHead(key, 4, es[3].Hash)
	forged.Hash = orig[3].Hash
	if err := CheckHeads(pub, []Head{forged}, hashAt); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a head with a changed hash: %v", err)
	}
}

func TestReadHeadsLinesOrArray(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	h := SignHead(key, 7, strings.Repeat("a", 64))
	for _, in := range []string{
		`{"seq":7,"hash":"` + h.Hash + `","signature":"` + h.Signature + `"}` + "\n",
		`[{"seq":7,"hash":"` + h.Hash + `","signature":"` + h.Signature + `"}]`,
	} {
		hs, err := ReadHeads(strings.NewReader(in))
		if err != nil || len(hs) != 1 || hs[0] != h {
			t.Errorf("%q: %v %v", in, hs, err)
		}
	}
}
