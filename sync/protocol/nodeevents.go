package protocol

import "aula/sync/auditchain"

// EventsVersion is the protocol version whose pushes carry the node's own chained log of
// officer-facing events (Push.Events) and whose replies acknowledge them (Reply.EventsAcked): a
// node leaves them out of a push in an older version, so an older center never receives them.
const EventsVersion = 6

// MaxEvents bounds the events of one push; the rest ride the next.
const MaxEvents = 1000

// Node event kinds.
const (
	EventLogin       = "login"
	EventLoginFailed = "login_failed"
	EventAttempt     = "attempt"
	EventCertificate = "certificate"
)

// NodeEvent is one entry of a node's chained log of officer-facing events (docs/evidence.md):
// written on the node in the same transaction as the fact, chained with auditchain's hashing
// (Entry gives the hashed form), sent up in order and verified by the center on arrival. At is
// the node's clock (RFC 3339 UTC), for display only.
type NodeEvent struct {
	Seq    int64  `json:"s"`
	At     string `json:"t"`
	Kind   string `json:"k"`
	Badge  string `json:"b"`
	Object string `json:"o,omitempty"` // the attempt's or certificate's id
	Prev   string `json:"pv"`
	Hash   string `json:"h"`
}

// Entry is e in auditchain's form: the officer is the actor and the subject, the kind the action.
func (e NodeEvent) Entry() auditchain.Entry {
	return auditchain.Entry{Seq: e.Seq, At: e.At, Actor: e.Badge, Action: e.Kind, Object: e.Object, Subject: e.Badge, Prev: e.Prev, Hash: e.Hash}
}
