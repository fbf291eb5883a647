package syncer

import (
	"context"
	"crypto/ed25519"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// Request is a node's signed HTTP request as received: its headers, and the body (a push) or
// nothing (a download).
type Request struct {
	NodeID, Signature, Counter string // the X-Aula-* headers
	Method, Path               string
	Body                       []byte
}

// AuthenticateRequest returns the node that signed r and the request's counter, refusing unknown
// and revoked nodes, bad signatures, and requests without a counter from a node that sends them.
// A counter not above the highest seen is refused here already; the check that counts is made
// where the counter is recorded (ApplyRequest, UseCounter), in one transaction.
//
// A node built before counters signs the body (a push) or the path (a download) alone, and
// sends no counter: it is served as before until it sends one (docs/sync.md, "Replay").
func (c *Center) AuthenticateRequest(ctx context.Context, r Request) (*store.Node, store.Counter, error) {
	counter, err := protocol.ParseCounter(r.Counter)
	if err != nil {
		return nil, 0, courses.E(courses.Unauthorized, "sync.unauthorized", err)
	}
	signed := r.Body
	switch {
	case counter > 0:
		signed = protocol.RequestMessage(r.Method, r.Path, counter, r.Body)
	case r.Body == nil:
		signed = []byte(r.Path)
	}
	node, err := c.Store.FindNode(ctx, r.NodeID)
	if err != nil {
		return nil, 0, courses.E(courses.Unauthorized, "node.not_enrolled")
	}
	if err := c.checkNode(node, signed, r.Signature); err != nil {
		return nil, 0, err
	}
	switch {
	case counter == 0 && node.Counters:
		return nil, 0, store.ErrCounterMissing
	case counter > 0 && node.Counters && counter <= node.HighestCounter:
		return nil, 0, &store.StaleCounterError{Counter: counter, Highest: node.HighestCounter}
	}
	return node, store.Counter(counter), nil
}

// UseCounter records the counter of a request that writes nothing else (a download), refusing
// one already used.
func (c *Center) UseCounter(ctx context.Context, node *store.Node, counter store.Counter) error {
	if counter == store.Absent {
		return nil // checked by AuthenticateRequest: this node has never sent a counter
	}
	return c.Store.UseCounter(ctx, node.ID, counter)
}

// checkNode verifies a node's signature and refuses a revoked node.
func (c *Center) checkNode(node *store.Node, signed []byte, sig string) error {
	if !protocol.Verify(ed25519.PublicKey(node.PublicKey), signed, sig) {
		return courses.E(courses.Unauthorized, "sync.bad_signature")
	}
	if !node.RevokedAt.IsZero() {
		return courses.E(courses.Forbidden, "node.revoked", node.RevokedAt.Format("2006-01-02"))
	}
	return nil
}
