// Package auditchain is the center's tamper-evident audit trail, shared by the center (which
// writes and signs it), the station nodes (which keep the signed heads they were sent) and the
// offline checks (aula-server audit verify, evidence verify).
//
// Every entry is linked to the one before it: hash = SHA-256(prev ‖ canonical entry), in hex,
// where prev is the previous entry's hash (Genesis for the first) and the canonical entry is the
// JSON object {"seq","at","actor","action","object","details","subject"} in that order. Changing,
// inserting or removing any entry changes every hash after it. The head (the last entry's seq and
// hash) is signed with the center's Ed25519 key and sent to the stations, so a center that
// rewrites its history and chains it again is caught by the heads a station kept.
package auditchain

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Genesis is the prev of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Entry is one audit entry.
type Entry struct {
	Seq     int64  `json:"seq"`
	At      string `json:"at"`     // RFC 3339 UTC
	Actor   string `json:"actor"`  // a staff username, "cli", or "node:ID"
	Action  string `json:"action"` // e.g. certificate.revoke
	Object  string `json:"object"` // what the action is about, e.g. certificate:ID, officer:BADGE
	Details string `json:"details"`
	Subject string `json:"subject,omitempty"` // the officer's badge when the entry concerns one
	Prev    string `json:"prev"`
	Hash    string `json:"hash"`
}

// canonical is the hashed form of an entry: fixed field order, no prev or hash.
type canonical struct {
	Seq     int64  `json:"seq"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Action  string `json:"action"`
	Object  string `json:"object"`
	Details string `json:"details"`
	Subject string `json:"subject"`
}

// Canonical returns the bytes of e that its hash covers.
func Canonical(e Entry) []byte {
	b, _ := json.Marshal(canonical{e.Seq, e.At, e.Actor, e.Action, e.Object, e.Details, e.Subject}) // strings and an int: cannot fail
	return b
}

// Link returns the hash of e chained after prev: hex(SHA-256(prev ‖ canonical(e))).
func Link(prev string, e Entry) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(Canonical(e))
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets e's prev and hash after prev.
func Seal(prev string, e *Entry) {
	e.Prev = prev
	e.Hash = Link(prev, *e)
}

// Broken names the first entry whose content or link does not match.
type Broken struct {
	Seq    int64
	Reason string // "content" (its hash does not cover what it says) or "link" (prev is not the previous hash)
}

func (b *Broken) Error() string {
	if b.Reason == "link" {
		return fmt.Sprintf("entry %d: its link (prev) does not match the hash of the entry before it: an entry was removed, inserted or re-chained", b.Seq)
	}
	return fmt.Sprintf("entry %d: its content does not match its hash: the entry was edited", b.Seq)
}

// Walker checks a chain entry by entry, in seq order.
type Walker struct {
	N    int
	Head string // the last entry's hash (Genesis when empty)
	Seq  int64  // the last entry's seq
}

// Next checks e against the entries before it.
func (w *Walker) Next(e Entry) error {
	prev := w.Head
	if prev == "" {
		prev = Genesis
	}
	if e.Prev != prev || e.Seq <= w.Seq {
		return &Broken{Seq: e.Seq, Reason: "link"}
	}
	if Link(e.Prev, e) != e.Hash {
		return &Broken{Seq: e.Seq, Reason: "content"}
	}
	w.N++
	w.Head, w.Seq = e.Hash, e.Seq
	return nil
}

// Head is a signed statement by the center that its chain reached seq with hash.
type Head struct {
	Seq       int64  `json:"seq"`
	Hash      string `json:"hash"`
	Signature string `json:"signature"` // base64url (no padding) Ed25519 signature of HeadMessage
}

// HeadMessage is the exact bytes a head's signature covers.
func HeadMessage(seq int64, hash string) []byte {
	return []byte("aula-audit-head/1\n" + strconv.FormatInt(seq, 10) + "\n" + hash + "\n")
}

// SignHead signs the head (seq, hash) with the center's key.
func SignHead(key ed25519.PrivateKey, seq int64, hash string) Head {
	sig := ed25519.Sign(key, HeadMessage(seq, hash))
	return Head{Seq: seq, Hash: hash, Signature: base64.RawURLEncoding.EncodeToString(sig)}
}

// ErrBadSignature means a head was not signed by the given center key.
var ErrBadSignature = errors.New("the head's signature does not match the center's public key")

// VerifyHead checks h's signature against the center's public key.
func VerifyHead(pub ed25519.PublicKey, h Head) error {
	sig, err := base64.RawURLEncoding.DecodeString(h.Signature)
	if err != nil || !ed25519.Verify(pub, HeadMessage(h.Seq, h.Hash), sig) {
		return fmt.Errorf("head %d: %w", h.Seq, ErrBadSignature)
	}
	return nil
}
