package syncer

import (
	"fmt"

	"aula/sync/protocol"
)

// ImportFile applies a node's sync file (from a USB stick) through the same path as HTTP sync
// and returns the signed reply file for that node, with a one-line summary for the operator.
// Importing the same file twice, or an older one, changes nothing; a tampered file is refused.
func (c *Center) ImportFile(data []byte) ([]byte, string, error) {
	f, err := protocol.ReadFile(data, protocol.FilePush)
	if err != nil {
		return nil, "", err
	}
	node, err := c.Authenticate(f.NodeID, f.Body, f.Signature)
	if err != nil {
		return nil, "", err
	}
	push, err := protocol.ReadPush(f.Body)
	if err != nil {
		return nil, "", err
	}
	before := node.AckedSeq
	reply, err := c.Apply(node, push, true)
	if err != nil {
		return nil, "", err
	}
	out, err := protocol.WriteFile(protocol.FileReply, node.ID, reply, c.Key)
	if err != nil {
		return nil, "", err
	}
	summary := fmt.Sprintf("station %s (node %s): %d new records applied (acknowledged up to %d), %d set aside; reply carries %d changes and %d course files",
		node.StationCode, node.ID, max(0, reply.Acked-before), reply.Acked, len(reply.Rejected), len(reply.Changes), len(reply.Blobs))
	if reply.Acked == before && push.Count() > 0 {
		summary += " (every record in the file had already been applied)"
	}
	return out, summary, nil
}
