package syncer

import (
	"context"
	"fmt"

	"aula/server/internal/store"

	"aula/sync/protocol"
)

// ImportFile applies a node's sync file (from a USB stick) through the same path as HTTP sync
// and returns the signed reply file for that node, with a one-line summary for the operator.
// Importing the same file twice, or an older one, changes nothing (the summary says so); a
// tampered file is refused. A file carries no request counter: its re-import is harmless, and it
// reaches the center only through an operator (docs/sync.md, "Replay").
func (c *Center) ImportFile(ctx context.Context, data []byte) ([]byte, string, error) {
	f, err := protocol.ReadFile(data, protocol.FilePush)
	if err != nil {
		return nil, "", err
	}
	node, err := c.Authenticate(ctx, f.NodeID, f.Body, f.Signature)
	if err != nil {
		return nil, "", err
	}
	push, err := protocol.ReadPush(f.Body)
	if err != nil {
		return nil, "", err
	}
	reply, n, err := c.apply(ctx, node, store.NoCheck, push, true)
	if err != nil {
		return nil, "", err
	}
	out, err := protocol.WriteFile(protocol.FileReply, node.ID, reply, c.Key)
	if err != nil {
		return nil, "", err
	}
	summary := fmt.Sprintf("station %s (node %s): %d records applied, %d already applied, %d set aside", node.StationCode, node.ID,
		n.Applied, n.AlreadyApplied, n.SetAside)
	if n.AlreadySetAside > 0 {
		summary += fmt.Sprintf(" (%d set aside before)", n.AlreadySetAside)
	}
	summary += fmt.Sprintf(" (acknowledged up to %d); reply carries %d changes and %d course files", reply.Acked, len(reply.Changes), len(reply.Blobs))
	if n.Applied+n.SetAside == 0 && push.Count() > 0 {
		summary += " (every record in the file had already been applied)"
	}
	return out, summary, nil
}
